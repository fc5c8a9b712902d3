"""The built-in ``json`` and ``jsonl`` importers, registered as a default plugin.

``json`` reads the canonical document (:func:`khuonha.loads`); its problems
are JSON paths. ``jsonl`` reads what the ``jsonl`` exporter and
:func:`~khuonha.plugins.json_exporters.write_records` write, line by line:

>>> import io, khuonha
>>> buf = io.BytesIO()
>>> khuonha.export(khuonha.sample(), "jsonl", buf)
>>> _ = buf.seek(0)
>>> JsonlImporter().read(buf, None) == khuonha.sample()
True

Its problems name the line, then the JSON path inside it, and every line is
checked before the error is raised:

>>> bad = b'{"type":"header","schema_version":"1.0"}\\n{"type":"activity","record":{"id":3}}\\n'
>>> try:
...     JsonlImporter().read(io.BytesIO(bad), None)
... except khuonha.DecodeError as exc:
...     for line in exc.errors:
...         print(line)
line 2: $.record.id: expected a string, got int 3
line 2: $.record.kind: required key is missing
line 2: $.record.quantity: required key is missing

:meth:`JsonlImporter.iter_records` yields one record at a time and keeps
nothing behind it, so memory stays flat however long the file is.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, BinaryIO

import attrs

from khuonha.exceptions import DecodeError, InvalidDataError
from khuonha.plugins.hookspecs import hookimpl
from khuonha.plugins.importer import Importer
from khuonha.plugins.json_exporters import RECORD_TYPES, _own_fields, _record_classes

if TYPE_CHECKING:
    from khuonha.model.dataset import Dataset

__all__ = ["MAX_ERRORS", "JsonImporter", "JsonlImporter", "ReferenceChecker"]

#: At most this many problems are listed; the last line counts the rest.
MAX_ERRORS = 1000

# The dataset's own fields that refer to records; checked once the records are in.
_TOP_REFS = ("commune", "publisher", "reporting_organization")
# The dataset's own nested records that refer to records, decoded apart and checked the same way.
_TOP_NESTED = ("document",)


@cache
def _classes() -> dict[str, tuple[str, type]]:
    """``type`` of a line -> (collection, record class)."""
    by_type = {t: c for c, t in RECORD_TYPES.items()}
    return {t: (by_type[t], cls) for cls, t in _record_classes().items()}


class JsonImporter(Importer):
    """The canonical JSON document (:func:`khuonha.loads`)."""

    name = "json"
    description = "Canonical JSON document of the data (problems as JSON paths)"
    media_types = ("application/json",)
    suffixes = (".json",)

    def read(self, stream: BinaryIO, options: Any) -> Dataset:
        """Decode the document, record by record (see :func:`khuonha.codec.core.load_stream`)."""
        from khuonha.codec.core import load_stream  # noqa: PLC0415 - loaded on first use: keeps import khuonha cheap

        return load_stream(stream)


class _Problems:
    """Problems collected while reading, raised together at the end."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.more = 0

    def add(self, where: str, errors: Sequence[str]) -> None:
        for error in errors:
            if len(self.lines) < MAX_ERRORS:
                self.lines.append(f"{where}: {error}")
            else:
                self.more += 1

    def raise_if_any(self) -> None:
        if self.lines:
            tail = [f"… and {self.more} more problem(s)"] if self.more else []
            raise DecodeError([*self.lines, *tail])


def _in_record(errors: Sequence[str]) -> list[str]:
    """Paths of a decoded record, as paths inside its line (``$.record.…``)."""
    return [f"$.record{e[1:]}" if e.startswith(("$.", "$[")) else e for e in errors]


def _header(data: Any, problems: _Problems) -> None:
    from khuonha.model.dataset import SCHEMA_VERSION  # noqa: PLC0415 - loaded on first use: keeps import khuonha cheap

    if not isinstance(data, dict) or data.get("type") != "header":
        problems.add("line 1", ['$.type: expected the header line {"type": "header", …}'])
        return
    version = data.get("schema_version")
    if not isinstance(version, str):
        problems.add("line 1", ["$.schema_version: expected a string like '1.0'"])
        return
    major = version.partition(".")[0]
    ours = SCHEMA_VERSION.partition(".")[0]
    if not major.isdigit() or len(major) > 5 or int(major) > int(ours):
        problems.add(
            "line 1",
            [
                f"$.schema_version: this file uses schema {version!r:.20}, newer than this "
                f"library reads ({ours}.x); upgrade khuonha to read it"
            ],
        )


class JsonlImporter(Importer):
    """JSON Lines: a header, the dataset's own fields, then one record per line."""

    name = "jsonl"
    description = "JSON Lines written by the jsonl exporter (streamed; problems by line)"
    media_types = ("application/jsonl", "application/x-ndjson")
    suffixes = (".jsonl",)
    streams = True

    def _lines(self, stream: BinaryIO, problems: _Problems) -> Iterator[tuple[int, str, Any]]:
        """``(line number, type, payload)``; the payload of a record line is its record."""
        from khuonha.codec.core import from_dict, parse_json  # noqa: PLC0415 - loaded on first use: keeps import khuonha cheap

        classes = _classes()
        seen = 0
        for number, raw in enumerate(stream, 1):
            if not raw.strip():
                continue
            seen += 1
            where = f"line {number}"
            try:
                data = parse_json(raw)
            except DecodeError as exc:
                problems.add(where, exc.errors)
                continue
            if seen == 1:
                _header(data, problems)
                yield number, "header", data
                continue
            kind = data.get("type") if isinstance(data, dict) else None
            record = data.get("record") if isinstance(data, dict) else None
            if kind == "dataset" and isinstance(record, dict):
                yield number, "dataset", record
                continue
            if kind not in classes:
                known = ", ".join(["dataset", *sorted(classes)])
                problems.add(where, [f"$.type: expected one of {known}, got {kind!r:.40}"])
                continue
            collection, cls = classes[kind]
            try:
                yield number, collection, from_dict(record, cls)
            except DecodeError as exc:
                problems.add(where, _in_record(exc.errors))
        if not seen:
            problems.add("line 1", ["empty file: expected the header line"])

    def iter_checked(self, stream: BinaryIO, options: Any) -> Iterator[tuple[str, str, Any]]:
        """``(where, collection, payload)``, checked as :meth:`read` checks, in flat memory.

        First ``("line 2", "dataset", fields)``: the dataset's own fields as
        plain JSON (the dataset line's record, or the header's slug), checked;
        then each record as its line is read. The references between records
        are checked too, with a set of ids per record type and the references
        not yet resolved: every problem, dangling references included with
        their line, is raised at the end, as :meth:`read` raises them.
        """
        problems = _Problems()
        checker = ReferenceChecker()
        header: dict[str, Any] = {}
        own_sent = False
        for number, collection, payload in self._lines(stream, problems):
            where = f"line {number}"
            if collection == "header":
                header = payload if isinstance(payload, dict) else {}
                continue
            if collection == "dataset":
                if own_sent:
                    problems.add(where, ["$.type: a second dataset line"])
                    continue
                fields = _own_checked(payload, where, checker, problems)
                own_sent = True
                yield where, "dataset", fields
                continue
            if not own_sent:
                slug = header.get("dataset")
                if not isinstance(slug, str):
                    problems.add("line 2", ['expected the dataset line {"type": "dataset", …}'])
                    problems.raise_if_any()
                own = _own_checked({"slug": slug, "title": slug}, "line 1", checker, problems)
                own_sent = True
                yield "line 1", "dataset", own
            checker.add(where, collection, payload)
            yield where, collection, payload
        for where, reason in checker.finish():
            problems.add(where, [reason])
        problems.raise_if_any()

    def iter_records(self, stream: BinaryIO, options: Any) -> Iterator[tuple[str, Any]]:
        """Yield each record as its line is read; raise every problem at the end."""
        problems = _Problems()
        for _number, collection, payload in self._lines(stream, problems):
            if collection not in ("header", "dataset"):
                yield collection, payload
        problems.raise_if_any()

    def read(self, stream: BinaryIO, options: Any) -> Dataset:
        """Read every line into one dataset (a file without a dataset line gets its slug
        from the header, as :func:`~khuonha.plugins.json_exporters.write_records` writes it).
        """
        problems = _Problems()
        header: dict[str, Any] = {}
        own: tuple[int, dict[str, Any]] | None = None
        records: dict[str, list[Any]] = {c: [] for c in RECORD_TYPES}
        paused = gc.isenabled()
        if paused:
            gc.disable()
        try:
            for number, collection, payload in self._lines(stream, problems):
                if collection == "header":
                    header = payload if isinstance(payload, dict) else {}
                elif collection == "dataset":
                    if own is not None:
                        problems.add(f"line {number}", ["$.type: a second dataset line"])
                    own = (number, payload)
                else:
                    records[collection].append(payload)
            problems.raise_if_any()
            return _assemble(header, own, records)
        finally:
            if paused:
                gc.enable()


class ReferenceChecker:
    """The references between records that arrive one by one, checked in compact memory.

    Keeps a set of ids per record type and the references that named an id
    not seen yet (most name a record of an earlier line and are settled at
    once); what is still unknown at the end is dangling, reported with its line.
    """

    def __init__(self) -> None:
        from khuonha.model.dataset import ID_COLLECTIONS, references  # noqa: PLC0415 - loaded on first use: keeps import khuonha cheap

        self._references = references
        self.ids: dict[str, set[str]] = {name: set() for name in ID_COLLECTIONS}
        self.pending: list[tuple[str, str, str, tuple[str, ...]]] = []
        self.problems: list[tuple[str, str]] = []

    def add(self, where: str, collection: str, record: Any) -> None:
        """Take one record: its id, and each reference it holds."""
        ids = self.ids.get(collection)
        if ids is not None:
            if record.id in ids:
                self.problems.append((where, f"$.record.id: duplicate id {record.id!r}"))
            ids.add(record.id)
        for path, value, targets in self._references(record, "$.record"):
            self.refer(where, path, value, targets)

    def refer(self, where: str, path: str, value: str, targets: tuple[str, ...]) -> None:
        """One reference: settled now if its record was seen, else kept for the end."""
        if not any(value in self.ids[t] for t in targets):
            self.pending.append((where, path, value, targets))

    def finish(self) -> list[tuple[str, str]]:
        """``(where, reason)`` of every duplicate and dangling reference, in line order."""
        from khuonha.model.dataset import unknown_reference  # noqa: PLC0415 - loaded on first use: keeps import khuonha cheap

        found = list(self.problems)
        for where, path, value, targets in self.pending:
            if not any(value in self.ids[t] for t in targets):
                found.append((where, f"{path}: {unknown_reference(value, targets, self.ids)}"))
        self.pending.clear()
        return sorted(found, key=lambda item: int(item[0].rpartition(" ")[2]))


def _own_checked(
    fields: Any, where: str, checker: ReferenceChecker, problems: _Problems
) -> dict[str, Any]:
    """The dataset line's fields, checked as :func:`_assemble` checks them (references later)."""
    from khuonha.codec.core import from_dict  # noqa: PLC0415 - loaded on first use: keeps import khuonha cheap
    from khuonha.model.dataset import Dataset, dataset_references  # noqa: PLC0415 - loaded on first use: keeps import khuonha cheap

    if not isinstance(fields, dict):
        problems.add(where, ["$.record: expected an object"])
        return {}
    refs = dataset_references()
    stray = [k for k in fields if k in RECORD_TYPES]
    if stray:
        problems.add(where, [f"$.record.{stray[0]}: records go on lines of their own"])
    plain = {k: v for k, v in fields.items() if k not in refs and k not in RECORD_TYPES}
    canonical: dict[str, Any] = {}
    try:
        canonical = _own_fields(from_dict(plain, Dataset))
    except DecodeError as exc:
        problems.add(where, _in_record(exc.errors))
    given: dict[str, Any] = {}
    for name, targets in refs.items():
        value = fields.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            problems.add(where, [f"$.record.{name}: expected a string, got {value!r:.40}"])
        else:
            checker.refer(where, f"$.record.{name}", value, targets)
            given[name] = value
    # the fields in the dataset's field order, as the jsonl exporter writes them
    order = [f.name for f in attrs.fields(Dataset)]
    merged = {**canonical, **given}
    return {name: merged[name] for name in order if name in merged}


def _assemble(
    header: dict[str, Any], own: tuple[int, dict[str, Any]] | None, records: dict[str, list[Any]]
) -> Dataset:
    from khuonha.codec.core import from_dict  # noqa: PLC0415 - loaded on first use: keeps import khuonha cheap
    from khuonha.model.dataset import Dataset  # noqa: PLC0415 - loaded on first use: keeps import khuonha cheap

    if own is None:
        slug = header.get("dataset")
        number, fields = 1, {"slug": slug, "title": slug} if isinstance(slug, str) else {}
        if not fields:
            raise DecodeError(['line 2: expected the dataset line {"type": "dataset", …}'])
    else:
        number, fields = own
    where = f"line {number}"
    plain = {
        k: v
        for k, v in fields.items()
        if k not in _TOP_REFS and k not in _TOP_NESTED and k not in RECORD_TYPES
    }
    refs: dict[str, Any] = {k: v for k, v in fields.items() if k in _TOP_REFS}
    stray = [k for k in fields if k in RECORD_TYPES]
    if stray:
        raise DecodeError([f"{where}: $.record.{stray[0]}: records go on lines of their own"])
    bad = [f"$.record.{k}: expected a string, got {v!r:.40}" for k, v in refs.items()]
    bad = [line for line, v in zip(bad, refs.values(), strict=True) if not isinstance(v, str)]
    if bad:
        raise DecodeError([f"{where}: {line}" for line in bad])
    try:
        shell = from_dict(plain, Dataset)
    except DecodeError as exc:
        raise DecodeError([f"{where}: {e}" for e in _in_record(exc.errors)]) from None
    from khuonha.model.documents import ReportDocument  # noqa: PLC0415 - loaded on first use: keeps import khuonha cheap

    nested_types: dict[str, type] = {"document": ReportDocument}
    for key in _TOP_NESTED:
        if fields.get(key) is None:
            continue
        try:
            refs[key] = from_dict(fields[key], nested_types[key])
        except DecodeError as exc:
            lines = [f"{where}: $.record.{key}{e[1:]}" for e in exc.errors]
            raise DecodeError(lines) from None
    try:
        changes: dict[str, Any] = {**refs, **{c: tuple(r) for c, r in records.items()}}
        return attrs.evolve(shell, **changes)
    except InvalidDataError as exc:
        if exc.details:
            lines = [f"$.{d}" if not d.startswith("[") else f"${d}" for d in exc.details]
        else:
            lines = [f"$.{exc.field}: {exc.message}" if exc.field else f"$: {exc.message}"]
        raise DecodeError(lines) from None


@hookimpl
def khuonha_register_importers() -> list[Importer]:
    """Register ``json`` and ``jsonl``."""
    return [JsonImporter(), JsonlImporter()]
