"""Helpers shared by subcommands: reading input files and stdin, writing stdout."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from khuonha.codec.core import load, loads
from khuonha.model.dataset import Dataset


def read_bytes(name: str) -> bytes:
    """Read *name* (``-`` for stdin) as bytes; an OSError becomes the library's error."""
    from khuonha.exceptions import DecodeError  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

    if name == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(name).read_bytes()
    except OSError as exc:
        raise DecodeError([f"$: cannot read {name!r}: {exc.strerror or exc}"]) from None


def read_dataset(name: str | None) -> Dataset:
    """Read a dataset from *name* (``-`` for stdin); ``None`` gives the bundled sample."""
    if name is None:
        from khuonha.codec.samples import sample  # noqa: PLC0415 - loaded only when the command runs: keeps --help fast

        return sample()
    if name == "-":
        return loads(read_bytes("-"))
    return load(name)


def write_stdout(data: bytes) -> None:
    """Write bytes to stdout and flush."""
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def print_json(obj: Any) -> None:
    """Print a plain JSON value, pretty, UTF-8."""
    import json  # noqa: PLC0415

    write_stdout((json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
