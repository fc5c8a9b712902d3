"""Helpers shared by subcommands: reading input files and stdin (by importer), writing stdout."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from khuonha.codec.core import load, loads
from khuonha.model.dataset import Dataset
from khuonha.plugins.json_importers import JsonImporter

if TYPE_CHECKING:
    from khuonha.plugins.importer import Importer


def read_bytes(name: str) -> bytes:
    """Read *name* (``-`` for stdin) as bytes; an OSError becomes the library's error."""
    from khuonha.exceptions import DecodeError  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    if name == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(name).read_bytes()
    except OSError as exc:
        raise DecodeError([f"$: cannot read {name!r}: {exc.strerror or exc}"]) from None


def add_from_option(parser: Any) -> None:
    """Add ``--from NAME``: the importer for the input (default: by suffix; none: JSON)."""
    parser.add_argument(
        "--from",
        dest="importer",
        metavar="NAME",
        default=None,
        help="read the input with this importer (json, jsonl, xlsx …; default: by the "
        "file's suffix; no suffix, and stdin: json)",
    )


def importer_for(name: str, fmt: str | None) -> Importer:
    """The importer for input *name* (``-``: stdin): *fmt*, else by suffix, else JSON.

    JSON (stdin, no suffix, ``.json``) is built in and needs no plugin loaded;
    a suffix no importer claims is read as JSON too, as it always was (a
    failure then says which importers there are).
    """
    if fmt is None and (name == "-" or Path(name).suffix.lower() in ("", ".json")):
        return JsonImporter()
    from khuonha.exceptions import ImporterNotFoundError  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast
    from khuonha.plugins.host import PluginHost  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    host = PluginHost()
    if fmt is not None:
        return host.get_importer(fmt)
    try:
        return host.importer_for_path(name)
    except ImporterNotFoundError as exc:
        return _Unclaimed(exc)


class _Unclaimed(JsonImporter):
    """JSON, for a suffix no importer claims; a failure names the importers."""

    def __init__(self, missing: Exception) -> None:
        self.missing = missing

    def read(self, stream: BinaryIO, options: Any) -> Dataset:
        from khuonha.exceptions import DecodeError  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

        try:
            return super().read(stream, options)
        except DecodeError as exc:
            hint = f"$: read as JSON, since {self.missing}; --from NAME picks one"
            raise DecodeError([*exc.errors, hint]) from None


def read_dataset(name: str | None, fmt: str | None = None) -> Dataset:
    """Read a dataset from *name* (``-`` for stdin); ``None`` gives the bundled sample.

    The importer is *fmt* (``--from``) or the one the file's suffix names;
    without a suffix, and for stdin, JSON.
    """
    if name is None:
        from khuonha.codec.samples import sample  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

        return sample()
    importer = importer_for(name, fmt)
    if type(importer) is JsonImporter:
        return loads(read_bytes(name)) if name == "-" else load(name)
    import io  # noqa: PLC0415

    from khuonha.plugins.importer import read_with  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    return read_with(importer, io.BytesIO(read_bytes(name)))


def write_stdout(data: bytes) -> None:
    """Write bytes to stdout and flush."""
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def print_json(obj: Any) -> None:
    """Print a plain JSON value, pretty, UTF-8."""
    import json  # noqa: PLC0415

    write_stdout((json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
