"""The exporter contract as a test: call :func:`check_exporter` in a plugin's tests.

.. code-block:: python

    from khuonha.testing.conformance import check_exporter

    def test_csv_conforms():
        check_exporter(CsvExporter(), read_text=lambda data: data.decode("utf-8"))

It feeds the exporter the bundled sample, an empty dataset, a dataset full of
hostile text, a Vietnamese dataset given in NFD, a large dataset and single
records, and checks, collecting every problem before failing once:

- the metadata is valid (name, one-line description, media type, suffixes,
  an attrs options type decoded strictly by the codec);
- ``can_export`` never raises, answers ``False`` for things that are not
  data, and agrees with export: when it says yes, writing succeeds and gives
  non-empty output; when it says no, :func:`khuonha.export` refuses with
  :class:`~khuonha.exceptions.ExportError`;
- the same input gives the same bytes twice (once through ``write``, once
  through :func:`khuonha.export`); ``write`` leaves the stream open;
- when *read_text* is given (the format's own parser: bytes in, the text a
  reader sees out; it raises on invalid output), every output parses, and
  the Vietnamese text comes back in NFC.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any, cast

from khuonha.codec.samples import sample
from khuonha.exceptions import ExportError, KhuonhaError
from khuonha.model.dataset import Dataset
from khuonha.plugins.exporter import Exporter, ExportOptions, Language
from khuonha.plugins.host import PluginHost
from khuonha.testing import hostile

__all__ = ["ConformanceError", "check_exporter"]

ReadText = Callable[[bytes], str]


class ConformanceError(AssertionError):
    """An exporter broke its contract; ``problems`` lists every breach found."""

    def __init__(self, exporter: str, problems: list[str]) -> None:
        self.exporter = exporter
        self.problems = tuple(problems)
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"exporter {exporter!r} does not conform:\n{lines}")


class _Sink(io.BytesIO):
    """A stream that remembers being closed, and keeps its bytes anyway."""

    closed_by_exporter = False

    def close(self) -> None:
        self.closed_by_exporter = True


def _oneline(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text[:300]}"


def _squash(text: str) -> str:
    return " ".join(text.split())


class _Checker:
    def __init__(self, exporter: Exporter[Any], read_text: ReadText | None) -> None:
        self.exporter = exporter
        self.read_text = read_text
        self.problems: list[str] = []
        self.outputs: dict[str, bytes | None] = {}
        self.texts: dict[str, str] = {}

    def problem(self, text: str) -> None:
        self.problems.append(text)

    def metadata(self) -> bool:
        if not isinstance(cast(object, self.exporter), Exporter):
            self.problem(f"{self.exporter!r} is not an instance of khuonha.Exporter")
            return False
        self.problems.extend(self.exporter.check_metadata())
        try:
            default = self.exporter.parse_options(None)
            english = self.exporter.parse_options({"language": "en"})
        except Exception as exc:
            self.problem(f"parse_options failed on the common options: {_oneline(exc)}")
            return False
        if not isinstance(default, ExportOptions) or getattr(english, "language", None) != (
            Language.EN
        ):
            self.problem("parse_options must return the options type, with 'language' decoded")
        try:
            self.exporter.parse_options({"no_such_option_anywhere": 1})
        except KhuonhaError:
            pass
        except Exception as exc:
            self.problem(f"an unknown option must raise DecodeError, got {_oneline(exc)}")
        else:
            self.problem("an unknown option was accepted; decode options with the codec")
        return True

    def not_data(self) -> None:
        for thing in (None, "văn bản", 42, object(), b"{}", [], {}):
            try:
                answer = self.exporter.can_export(thing)
            except Exception as exc:
                self.problem(f"can_export({thing!r}) raised {_oneline(exc)}")
                continue
            if answer is not False:
                self.problem(f"can_export({thing!r}) must be False, got {answer!r}")

    def write(self, case: str, obj: object, options: Any) -> bytes | None:
        sink = _Sink()
        try:
            self.exporter.write(obj, sink, options)
        except Exception as exc:
            self.problem(f"{case}: can_export is True but write raised {_oneline(exc)}")
            return None
        if sink.closed_by_exporter:
            self.problem(f"{case}: write closed the stream (leave it open; detach a TextIOWrapper)")
        return sink.getvalue()

    def case(self, case: str, obj: object, *, language: str = "vi") -> bool:
        """Check one input; return whether the exporter accepted it."""

        try:
            can: object = self.exporter.can_export(obj)
        except Exception as exc:
            self.problem(f"{case}: can_export raised {_oneline(exc)}")
            return False
        if not isinstance(can, bool):
            self.problem(f"{case}: can_export must return a bool, got {can!r}")
        options = self.exporter.parse_options({"language": language})
        host = PluginHost(entry_points=False)
        if not can:
            self._refusal(case, obj, host)
            self.outputs[case] = None
            return False
        first = self.write(case, obj, options)
        if first is None:
            return True
        self.outputs[case] = first
        if not first:
            self.problem(f"{case}: the output is empty")
        via_export = io.BytesIO()
        try:
            host.export(obj, self.exporter, via_export, options)
        except Exception as exc:
            self.problem(f"{case}: khuonha.export raised {_oneline(exc)}")
            return True
        second = via_export.getvalue()
        if first != second:
            at = next(
                (i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b),
                min(len(first), len(second)),
            )
            self.problem(
                f"{case}: two runs gave different bytes (first difference at byte {at}); "
                "take dates from the data or the options, never the clock"
            )
        self._parse(case, first)
        return True

    def _refusal(self, case: str, obj: object, host: Any) -> None:
        try:
            missing: object = self.exporter.missing(obj)
        except Exception as exc:
            self.problem(f"{case}: missing() raised {_oneline(exc)}")
        else:
            if missing is not None and not isinstance(missing, str):
                self.problem(f"{case}: missing() must return a string or None, got {missing!r}")
        try:
            host.export(obj, self.exporter, io.BytesIO())
        except ExportError:
            pass
        except Exception as exc:
            self.problem(f"{case}: a refused export must raise ExportError, got {_oneline(exc)}")
        else:
            self.problem(f"{case}: can_export is False but khuonha.export wrote output")

    def _parse(self, case: str, data: bytes) -> str | None:
        if self.read_text is None:
            return None
        try:
            text: object = self.read_text(data)
        except Exception as exc:
            self.problem(f"{case}: the format's own parser rejects the output: {_oneline(exc)}")
            return None
        if not isinstance(text, str):
            self.problem(f"{case}: read_text must return str, got {type(text).__name__}")
            return None
        self.texts[case] = text
        return text

    def vietnamese(self) -> None:
        case = "vietnamese"
        ds = hostile.vietnamese_dataset()
        if not self.case(case, ds):
            self.problem(f"{case}: refused a dataset with a record of every kind")
            return
        text = self.texts.get(case)
        if text is None:
            return
        wanted = hostile.VIETNAMESE_SAMPLE
        nfd = unicodedata.normalize("NFD", wanted)
        if _squash(wanted) not in _squash(text):
            self.problem(
                f"{case}: the text read back does not contain {wanted!r} (NFC); "
                f"it starts {_squash(text)[:120]!r}"
            )
        if nfd != wanted and _squash(nfd) in _squash(text):
            self.problem(f"{case}: the output holds NFD text; write what the models hold (NFC)")


def check_exporter(
    exporter: Exporter[Any],
    read_text: ReadText | None = None,
    *,
    datasets: Iterable[tuple[str, Dataset]] = (),
    large_copies: int = 20,
) -> dict[str, bytes | None]:
    """Check *exporter* against the exporter contract; raise :class:`ConformanceError`.

    - ``read_text``: the format's own parser, bytes in, the readable text out
      (raise on invalid output); without it, outputs are not parsed;
    - ``datasets``: more ``(name, dataset)`` cases, e.g. from Hypothesis;
    - ``large_copies``: size of the large dataset (copies of each sample record).

    Returns the output of each case (``None`` where the exporter refused),
    for golden-file comparisons.

    >>> import json, khuonha
    >>> outputs = check_exporter(
    ...     khuonha.get_exporter("json"),
    ...     read_text=lambda data: json.dumps(json.loads(data), ensure_ascii=False),
    ... )
    >>> outputs["sample"] == khuonha.dumps(khuonha.sample())
    True
    """

    checker = _Checker(exporter, read_text)
    if not checker.metadata():
        raise ConformanceError(repr(exporter), checker.problems)
    name = exporter.name
    checker.not_data()
    cases: list[tuple[str, object]] = [
        ("sample", sample()),
        ("empty", hostile.empty_dataset()),
        ("hostile", hostile.hostile_dataset()),
        ("large", hostile.large_dataset(large_copies)),
        *datasets,
    ]
    accepted = 0
    for case, obj in cases:
        accepted += checker.case(case, obj)
    checker.case("sample (language=en)", sample(), language="en")
    checker.vietnamese()
    seen: set[type] = set()
    for _collection, record in sample().records():
        if type(record) not in seen:
            seen.add(type(record))
            checker.case(f"record {type(record).__name__}", record)
    if not accepted:
        checker.problem("refused every dataset, so nothing was checked")
    if checker.problems:
        raise ConformanceError(name, checker.problems)
    return checker.outputs
