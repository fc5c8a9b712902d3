"""``khuonha extract FILE``: a report or an article read into a draft dataset to review."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from khuonha.cli._io import add_from_option, add_input_options
from khuonha.cli.commands import COMMANDS

#: The importer that reads a file without a suffix, and stdin.
PLAIN_TEXT = "txt"


class NoReaderError(Exception):
    """No installed importer reads the file's suffix."""


def register(sub: Any) -> None:
    """Add the ``extract`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "extract",
        help=COMMANDS["extract"],
        description="Read a report or an article into a draft dataset (JSON): the commune and "
        "places named, events with their dates, figures with their qualifier, unit, kind and "
        "period, awards with issuer and counts. Every record carries the span of text it came "
        "from and needs_review where the reading is not certain; nothing is invented. Plain "
        "text is built in; HTML and .docx need the khuonha-extract plugin. Exit 1 when the "
        "file cannot be read.",
    )
    p.add_argument("file", metavar="FILE", help="the report or article; - reads text from stdin")
    p.add_argument("-o", "--output", metavar="PATH", help="write the draft here (default: stdout)")
    p.add_argument(
        "--reference",
        metavar="YYYY-MM-DD",
        help="the date the text was written: the year of 'ngày 10/8', the end of 'đến nay'",
    )
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    add_input_options(p)
    add_from_option(p)
    p.set_defaults(func=run)


def _reader(name: str, fmt: str | None) -> Any:
    """The importer for *name*: ``--from``, else the suffix's, else plain text."""
    from khuonha.exceptions import ImporterNotFoundError  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.plugins import default_host  # noqa: PLC0415 - plugins load only when needed

    host = default_host()
    suffix = os.path.splitext(name)[1].lower()
    if fmt is not None:
        return host.get_importer(fmt)
    if name == "-" or not suffix:
        return host.get_importer(PLAIN_TEXT)
    try:
        return host.importer_for_path(name)
    except ImporterNotFoundError as exc:
        hint = (
            "; install the khuonha-extract plugin to read HTML pages and Word documents"
            if suffix in (".html", ".htm", ".docx")
            else ""
        )
        known = ", ".join(exc.available)
        msg = f"no installed reader for {suffix!r} files (readers: {known}){hint}"
        raise NoReaderError(msg) from None


def run(args: argparse.Namespace) -> int:
    """Read the file, extract the draft, write it atomically or print it."""
    import io  # noqa: PLC0415 - loaded only when the command runs
    from datetime import date  # noqa: PLC0415

    from khuonha.cli._io import (  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
        UsageError,
        doing,
        input_error_lines,
        max_input_size,
        read_input,
        source_name,
        write_stdout,
    )
    from khuonha.cli._show import shown  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.codec.core import dumps  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.exceptions import DecodeError  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.plugins.atomic import atomic_write  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.plugins.importer import read_with  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    options: dict[str, Any] = {}
    if args.reference is not None:
        try:
            date.fromisoformat(args.reference)
        except ValueError:
            raise UsageError(f"--reference {args.reference!r} is not a date (YYYY-MM-DD)") from None
        options["reference"] = args.reference
    try:
        importer = _reader(args.file, args.importer)
    except NoReaderError as exc:
        print(f"khuonha: error: {source_name(args.file)}: {exc}", file=sys.stderr)
        return 1
    if options and "reference" not in {f.name for f in _fields(importer.options_type)}:
        raise UsageError(f"the {importer.name} reader takes no --reference")
    shown_name = source_name(args.file)
    try:
        data = read_input(args.file, max_input_size(args), text=False)
        with doing(f"extracting {shown_name!r}"):
            ds = read_with(importer, io.BytesIO(data), options or None)
    except DecodeError as exc:
        for line in input_error_lines(args.file, exc):
            print(shown(f"khuonha: error: {line}"), file=sys.stderr)
        return 1
    out = dumps(ds, pretty=args.pretty) + b"\n"
    if args.output is None or args.output == "-":
        write_stdout(out)
    else:
        with atomic_write(args.output) as stream:  # OutputError: nothing half-written
            stream.write(out)
    review = 0
    for name in ("units", "areas", "events", "awards", "activities"):
        review += sum(
            1 for r in getattr(ds, name) if r.provenance is not None and r.provenance.needs_review
        )
    records = sum(len(getattr(ds, n)) for n in ("units", "areas", "events", "awards", "activities"))
    print(
        f"khuonha: {shown_name}: {records} record(s) read, {review} marked needs_review",
        file=sys.stderr,
    )
    return 0


def _fields(cls: type) -> tuple[Any, ...]:
    import attrs  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    return tuple(attrs.fields(cls))
