"""``khuonha export [FILE|-] [-f FORMAT]... [-o PATH] [--option KEY=VALUE]... [--lang vi|en]``.

- No FILE: the bundled sample. ``-f`` may repeat; without it, every installed
  format, or the one the suffix of ``-o FILE`` names.
- ``-o`` is a file for one format, a directory for several; without it, files
  go to ``./khuonha-out/<dataset-slug>.<suffix>``. ``-o -`` writes one format
  to stdout, and nothing else goes to stdout (plugins that print while they
  load or write are sent to stderr).
- Files are written atomically; when one format fails the others are still
  written, the failure is named and the exit code is 1. A format that declines
  the data is skipped with a note unless ``-f`` asked for it (then: exit 1).
- An ``-o`` path that exists and is not a regular file (``/dev/null``, a FIFO,
  a terminal) is written to directly, never replaced.
- Usage errors exit 2: an option no selected format takes (the message lists
  the valid keys of each), an option value of the wrong type, and an ``-o``
  file whose suffix belongs to another format (``-f json -o report.pdf`` is
  refused, not written: a ``.pdf`` holding JSON would mislead every reader).
- The list of files written goes to stdout. If stdout fails (closed, full, or
  its reader went away as in ``| head -1``), every format is still written,
  then the failure is reported in one line and the exit code is 1.
- On a terminal, a progress line on stderr shows the format being written
  and, for exporters that report it, the records or pages done.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import sys
import time
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from khuonha.cli._io import add_from_option, add_input_options, read_dataset, write_text
from khuonha.cli.commands import COMMANDS

if TYPE_CHECKING:
    from khuonha.model.dataset import Dataset
    from khuonha.plugins.exporter import Exporter
    from khuonha.plugins.host import PluginHost

#: Where files go without ``-o``.
DEFAULT_DIR = "khuonha-out"

_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(10)}


def register(sub: Any) -> None:
    """Add the ``export`` subcommand."""
    p: argparse.ArgumentParser = sub.add_parser(
        "export",
        help=COMMANDS["export"],
        description="Export a dataset (default: the bundled sample) in every installed format, "
        f"or the formats given with -f. Files go to ./{DEFAULT_DIR}/<slug>.<suffix> unless "
        "-o names a file (one format), a directory (several) or - (stdout, one format). "
        "Exit 0 when every format was written, 1 when one failed.",
    )
    p.add_argument(
        "file", nargs="?", metavar="FILE", help="dataset file (JSON, JSON Lines …), - for stdin"
    )
    p.add_argument(
        "-f",
        "--format",
        dest="formats",
        action="append",
        metavar="FORMAT",
        help="an exporter name (json, jsonl, rss …); repeat for several",
    )
    p.add_argument("-o", "--output", metavar="PATH", help="output file, directory, or - (stdout)")
    p.add_argument(
        "--option",
        dest="options",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an exporter option (pretty=true); FORMAT.KEY=VALUE for one format only",
    )
    p.add_argument("--lang", choices=("vi", "en"), help="language of labels for people")
    p.add_argument(
        "--template",
        action="store_true",
        help="write the blank form of the formats that have one (-f xlsx): no data",
    )
    add_input_options(p)
    add_from_option(p)
    p.set_defaults(func=run, export_parser=p)


def _usage(args: argparse.Namespace, message: str) -> int:
    parser: argparse.ArgumentParser = args.export_parser
    parser.print_usage(sys.stderr)
    print(f"{parser.prog}: error: {message}", file=sys.stderr)
    return 2


def _parse_options(items: list[str]) -> list[tuple[str | None, str, str]] | str:
    """``[(format or None, key, raw value)]``, or the usage error."""
    parsed: list[tuple[str | None, str, str]] = []
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            return f"--option expects KEY=VALUE, got {item!r}"
        fmt, dot, name = key.rpartition(".")
        parsed.append((fmt.lower() if dot else None, name, value))
    return parsed


def safe_stem(slug: str) -> str:
    """A file name stem from *slug* that is safe on any file system.

    >>> safe_stem("khuon-ha-2022"), safe_stem("../../etc"), safe_stem("CON")
    ('khuon-ha-2022', 'etc', 'con-data')
    """
    from khuonha.text.unicode import slugify  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    stem = slugify(slug)[:100].strip("-") or "dataset"
    return f"{stem}-data" if stem in _RESERVED else stem


def _is_special(path: Path) -> bool:
    """An existing path that is neither a regular file nor a directory (a device, a FIFO)."""
    import stat  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _is_file_target(output: str) -> bool:
    path = Path(output)
    if output.endswith(("/", os.sep)) or path.is_dir():
        return False
    return bool(path.suffix) or _is_special(path)


@contextlib.contextmanager
def _stdout_reserved() -> Iterator[BinaryIO]:
    """Yield the real stdout; meanwhile ``print`` and file descriptor 1 go to stderr."""
    from khuonha.cli._io import StdoutError  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    real = sys.stdout
    if real is None:
        raise StdoutError("stdout is closed")
    real.flush()
    try:
        fd: int | None = real.fileno()
    except (AttributeError, OSError, ValueError):
        fd = None
    if fd is None:  # not a real file (tests): redirecting sys.stdout is enough
        with contextlib.redirect_stdout(sys.stderr):
            yield real.buffer
        return
    saved = os.dup(fd)
    try:
        try:
            sys.stderr.flush()
            os.dup2(sys.stderr.fileno(), fd)
        except (AttributeError, OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, fd)
            os.close(devnull)
        with os.fdopen(saved, "wb", closefd=False) as out, contextlib.redirect_stdout(sys.stderr):
            yield cast("BinaryIO", out)
    finally:
        os.dup2(saved, fd)
        os.close(saved)


class _Progress:
    """A one-line progress bar on stderr, shown only when stderr is a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.on = bool(getattr(sys.stderr, "isatty", lambda: False)())
        self.done = 0
        self.name = ""
        self.bytes = 0
        self.detail = ""
        self._last = 0.0

    def start(self, name: str) -> None:
        self.name, self.bytes, self.detail = name, 0, ""
        self._draw(force=True)

    def finish_one(self) -> None:
        self.done += 1
        self._draw(force=True)

    def add(self, count: int) -> None:
        self.bytes += count
        self._draw()

    def within(self, done: int, total: int | None, unit: str) -> None:
        """Progress an exporter reported within its format (records, pages)."""
        self.detail = f"{done}/{total} {unit}" if total is not None else f"{done} {unit}"
        self._draw(force=done == total)

    def _draw(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if not self.on or (not force and now - self._last < 0.1):
            return
        self._last = now
        width = 20
        filled = width * self.done // max(self.total, 1)
        bar = "#" * filled + "-" * (width - filled)
        size = f"{self.bytes / 1e6:.1f} MB" if self.bytes else ""
        line = f"khuonha export [{bar}] {self.done}/{self.total} {self.name} {self.detail} {size}"
        sys.stderr.write("\r" + line[:79].ljust(79))
        sys.stderr.flush()

    def close(self) -> None:
        if self.on:
            sys.stderr.write("\r" + " " * 79 + "\r")
            sys.stderr.flush()


class _Counting:
    """Passes writes through and reports their size to the progress bar."""

    def __init__(self, stream: BinaryIO, progress: _Progress) -> None:
        self._stream = stream
        self._progress = progress

    def write(self, data: Any) -> int:
        written = self._stream.write(data)
        self._progress.add(len(memoryview(data)))
        return written

    def flush(self) -> None:
        self._stream.flush()


def _accepts_text(hint: Any) -> bool:
    import types  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    import typing  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from datetime import date, datetime  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from datetime import time as time_of_day  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from enum import Enum  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return any(_accepts_text(a) for a in typing.get_args(hint))
    return isinstance(hint, type) and issubclass(hint, str | date | datetime | time_of_day | Enum)


def _options_for(
    exporter: Exporter[Any], given: list[tuple[str | None, str, str]], lang: str | None
) -> dict[str, Any]:
    import json  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    import typing  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    import attrs  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    hints = typing.get_type_hints(exporter.options_type)
    fields = {f.name for f in attrs.fields(exporter.options_type)}
    out: dict[str, Any] = {} if lang is None else {"language": lang}
    for fmt, key, raw in given:
        if fmt is None and key not in fields:
            continue  # another selected format takes it
        if fmt is not None and fmt != exporter.name:
            continue
        try:
            value = json.loads(raw)
        except ValueError:
            value = raw
        if not isinstance(value, str) and _accepts_text(hints.get(key)):
            value = raw
        out[key] = value
    return out


def _check_options(
    host: PluginHost, names: list[str], given: list[tuple[str | None, str, str]], lang: str | None
) -> str | None:
    """The usage error for an option no selected format takes or cannot decode, if any."""
    import attrs  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    from khuonha.exceptions import DecodeError, KhuonhaError  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    taken: dict[str, set[str]] = {}
    exporters: dict[str, Exporter[Any]] = {}
    for name in names:
        try:
            exporter = host.get_exporter(name)
        except KhuonhaError:  # reported with that format
            continue
        exporters[name] = exporter
        taken[name] = {f.name for f in attrs.fields(exporter.options_type)}
    known = "; ".join(f"{n}: {', '.join(sorted(k)) or 'none'}" for n, k in taken.items())
    for fmt, key, _raw in given:
        if fmt is None and not any(key in keys for keys in taken.values()):
            return f"no selected format takes the option {key!r} (valid keys: {known})"
        if fmt is not None and fmt not in names:
            return f"--option {fmt}.{key}: format {fmt!r} is not selected"
        if fmt is not None and fmt in taken and key not in taken[fmt]:
            valid = ", ".join(sorted(taken[fmt])) or "none"
            return f"--option {fmt}.{key}: {fmt} has no option {key!r} (valid keys: {valid})"
    for name, exporter in exporters.items():
        try:
            exporter.parse_options(_options_for(exporter, given, lang))
        except DecodeError as exc:
            return f"--option for {name}: {'; '.join(exc.errors)}"
    return None


def _suffix_mismatch(host: PluginHost, target: Path, name: str) -> str | None:
    """The usage error when *target*'s suffix belongs to another format than *name*."""
    from khuonha.exceptions import KhuonhaError  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    if not target.suffix or _is_special(target):
        return None
    try:
        owner = host.exporter_for_path(target)
    except KhuonhaError:  # no exporter claims the suffix (or it is contested): allowed
        return None
    if owner.name == name:
        return None
    return (
        f"-o {str(target)!r}: the suffix {target.suffix!r} is the {owner.name} format's, not "
        f"{name}'s; name the file with {name}'s suffix, or choose -f {owner.name}"
    )


@dataclasses.dataclass
class _Job:
    """Everything one ``khuonha export`` run shares between formats."""

    args: argparse.Namespace
    host: PluginHost
    ds: Dataset
    given: list[tuple[str | None, str, str]]
    stdout: BinaryIO | None
    implicit: bool = False
    file_target: Path | None = None
    directory: Path = Path(DEFAULT_DIR)
    progress: _Progress = dataclasses.field(default_factory=lambda: _Progress(0))
    public: _LazyView | None = None


def run(args: argparse.Namespace) -> int:
    """Export the dataset in the selected formats."""
    from khuonha.cli._io import input_error_lines, max_input_size  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.cli._show import shown  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.exceptions import DecodeError  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.plugins.host import PluginHost  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    formats = list(dict.fromkeys(f.strip().lower() for f in args.formats or []))
    to_stdout = args.output == "-"
    if to_stdout and len(formats) != 1:
        return _usage(args, "-o - writes one format to stdout: give exactly one -f FORMAT")
    if (
        len(formats) > 1
        and args.output
        and Path(args.output).suffix
        and not Path(args.output).is_dir()
    ):
        return _usage(args, f"{len(formats)} formats need a directory for -o, not {args.output!r}")
    given = _parse_options(args.options)
    if isinstance(given, str):
        return _usage(args, given)
    if getattr(args, "template", False):
        if not formats:
            return _usage(args, "--template needs -f FORMAT (a format with a form: xlsx)")
        given.append((None, "template", "true"))
    if len(formats) == 1 and not to_stdout and args.file not in (None, "-") and not args.template:
        code = _export_streamed(args, formats[0], given)
        if code is not None:
            return code
    limit = max_input_size(args)
    try:
        ds = read_dataset(args.file, limit, args.importer)
    except DecodeError as exc:
        for line in input_error_lines(args.file, exc):
            print(f"khuonha: error: {shown(line)}", file=sys.stderr)
        return 1
    host = PluginHost()
    if to_stdout:
        with _stdout_reserved() as out:
            host.load()
            return _run(_Job(args, host, ds, given, out), formats)
    host.load()
    return _run(_Job(args, host, ds, given, None), formats)


def _export_streamed(
    args: argparse.Namespace, name: str, given: list[tuple[str | None, str, str]]
) -> int | None:
    """Export record by record, never building the dataset, where both sides can.

    That is: an input whose importer streams and checks as it goes (JSON Lines),
    and a format that writes streamed records (jsonl, parquet) as an archive or
    an internal export. Every problem of the input (dangling references
    included) is found by the end of it; then nothing is written. ``None``:
    this export cannot stream, or has a usage problem the usual path reports.
    """
    from khuonha.cli._io import importer_for, input_error_lines  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.cli._show import shown  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.exceptions import DecodeError, KhuonhaError  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.plugins.host import PluginHost  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.plugins.importer import iter_checked_with  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.plugins.registry import export_records, is_publication  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    try:
        importer = importer_for(args.file, args.importer)
    except KhuonhaError:
        return None  # the usual path says why
    if not importer.streams or not hasattr(importer, "iter_checked"):
        return None
    host = PluginHost()
    host.load()
    try:
        exporter = host.get_exporter(name)
    except KhuonhaError:
        return None
    if not getattr(exporter, "streams", False) or _check_options(host, [name], given, args.lang):
        return None
    options = _options_for(exporter, given, args.lang)
    if is_publication(exporter, exporter.parse_options(options)):
        return None  # a publication is redacted from the whole dataset
    directory = getattr(exporter, "writes_directory", False)
    if args.output and not directory and _suffix_mismatch(host, Path(args.output), name):
        return None
    items = iter_checked_with(importer, args.file)
    try:
        try:
            _where, _kind, own = next(items)
        except StopIteration:
            return None
        if args.output and (directory or not Path(args.output).is_dir()):
            target = Path(args.output)
        else:
            stem = safe_stem(str(own.get("slug", "dataset")))
            target = Path(args.output or DEFAULT_DIR) / (stem + exporter.suffixes[0])
            target.parent.mkdir(parents=True, exist_ok=True)
        export_records(exporter, own, ((c, r) for _w, c, r in items), target, options)
    except DecodeError as exc:
        for line in input_error_lines(args.file, exc):
            print(f"khuonha: error: {shown(line)}", file=sys.stderr)
        return 1
    except KhuonhaError as exc:
        text = str(exc)
        text = text if text.startswith(f"{name}:") else f"{name}: {text}"
        print(f"khuonha: error: {shown(text)}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"khuonha: error: {shown(f'{name}: {exc.strerror or exc}')}", file=sys.stderr)
        return 1
    finally:
        items.close()
    write_text(f"{target}\n")
    return 0


def _run(job: _Job, formats: list[str]) -> int:
    from khuonha.cli._io import StdoutError  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.cli._show import shown  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.exceptions import KhuonhaError  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    args = job.args
    job.implicit = not formats
    job.directory = Path(args.output or DEFAULT_DIR)
    if (
        job.stdout is None
        and args.output
        and (
            (job.implicit and _is_file_target(args.output))
            or (len(formats) == 1 and not job.directory.is_dir() and not args.output.endswith("/"))
        )
    ):
        job.file_target = Path(args.output)
        if job.implicit and not job.file_target.suffix:
            return _usage(args, f"-o {args.output!r} has no suffix naming a format: give -f FORMAT")
        if job.implicit:
            formats = [job.host.exporter_for_path(job.file_target).name]
            job.implicit = False
    if job.implicit:
        formats = job.host.names()
    problem = _check_options(job.host, formats, job.given, args.lang)
    if problem is None and job.file_target is not None and len(formats) == 1:
        problem = _suffix_mismatch(job.host, job.file_target, formats[0])
    if problem:
        return _usage(args, shown(problem))
    job.progress = progress = _Progress(len(formats))
    failed = 0
    stdout_failed: StdoutError | None = None
    try:
        for name in formats:
            progress.start(name)
            try:
                written = _export_one(job, name)
            except StdoutError:
                raise  # the output itself is lost: nothing else to say per format
            except KhuonhaError as exc:
                failed += 1
                progress.close()
                if args.debug:
                    traceback.print_exc()
                text = str(exc)
                if isinstance(exc.__cause__, MemoryError):
                    text = f"out of memory while exporting {job.ds.slug!r} as {name}"
                text = text if text.startswith(f"{name}:") else f"{name}: {text}"
                print(f"khuonha: error: {shown(text)}", file=sys.stderr)
            else:
                if written is not None:
                    progress.close()
                    if stdout_failed is None:  # the list is lost; the files are still written
                        try:
                            write_text(f"{written}\n")
                        except StdoutError as exc:
                            stdout_failed = exc
            progress.finish_one()
    finally:
        progress.close()
    if failed and len(formats) > 1:  # one format: its error line says it all
        print(f"khuonha: {failed} of {len(formats)} format(s) failed", file=sys.stderr)
    if stdout_failed is not None:
        raise stdout_failed
    return 1 if failed else 0


def _export_one(job: _Job, name: str) -> Path | None:
    """Write one format; return the file written (``None``: stdout, or skipped)."""
    from khuonha.cli._io import write_all  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.cli._show import shown  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.exceptions import OutputError  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.plugins.atomic import atomic_write  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.plugins.registry import problem_of  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    host, ds = job.host, job.ds
    exporter = host.get_exporter(name)
    options = _options_for(exporter, job.given, job.args.lang)
    if job.implicit:
        needs = problem_of(exporter, ds, options)
        if needs is not None:
            note = f"khuonha: note: skipped {name}: it cannot export this dataset: {needs}"
            print(shown(note), file=sys.stderr)
            return None
    if job.stdout is not None:
        import tempfile  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

        with tempfile.SpooledTemporaryFile(max_size=8 << 20) as spool:
            sink = cast("BinaryIO", _Counting(cast("BinaryIO", spool), job.progress))
            _export(job, exporter, sink, options)
            spool.seek(0)
            while chunk := spool.read(1 << 20):
                write_all(job.stdout, chunk)
        return None
    if getattr(exporter, "writes_directory", False):
        return _export_directory(job, exporter, options)
    if job.file_target is not None:
        target = job.file_target
    else:
        filename = safe_stem(ds.slug) + exporter.suffixes[0]
        host.exporter_for_path(filename)  # two plugins claiming the suffix: an error
        try:
            job.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(str(job.directory), exc.strerror or str(exc)) from exc
        target = job.directory / filename
    with atomic_write(target) as stream:
        _export(job, exporter, cast("BinaryIO", _Counting(stream, job.progress)), options)
    return target


def _export_directory(job: _Job, exporter: Exporter[Any], options: dict[str, Any]) -> Path:
    """A format that writes a folder of files (parquet): ``-o DIR`` is that folder."""
    if job.file_target is not None:
        target = job.file_target
    elif job.args.output and len(job.args.formats or []) == 1:
        target = Path(job.args.output)
    else:
        target = job.directory / (safe_stem(job.ds.slug) + exporter.suffixes[0])
    job.host.export(job.ds, exporter, target, options)
    return target


def _export(job: _Job, exporter: Exporter[Any], sink: BinaryIO, options: dict[str, Any]) -> None:
    """Export through the host's one path (with progress); note where private names were masked."""
    from khuonha.plugins.privacy import public_view  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.plugins.registry import export_with, masked_note  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    if job.public is None:  # computed once per run, shared by every public format
        job.public = _LazyView(lambda: public_view(job.ds))
    from khuonha.cli._show import shown  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.plugins.progress import progress_to  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    with progress_to(job.progress.within):
        masked = export_with(
            exporter, job.ds, sink, options, public=job.public.get(exporter, options)
        )
    if masked:
        print(shown(f"khuonha: note: {masked_note(exporter, masked)}"), file=sys.stderr)


class _LazyView:
    """The public view of the dataset, built the first time a publication needs it."""

    def __init__(self, build: Any) -> None:
        self._build = build
        self._view: Any = None

    def get(self, exporter: Exporter[Any], options: dict[str, Any]) -> Any:
        """The view for a publication; ``None`` for an archive or an internal export."""
        if options.get("internal") is True or getattr(exporter, "archive", False) is True:
            return None
        if self._view is None:
            self._view = self._build()
        return self._view
