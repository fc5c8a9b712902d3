"""The exporter contract as a test: call :func:`check_exporter` in a plugin's tests.

.. code-block:: python

    from khuonha.testing.conformance import check_exporter

    def test_csv_conforms():
        check_exporter(CsvExporter(), read_text=lambda data: data.decode("utf-8"))

It feeds the exporter the bundled sample, an empty dataset, a dataset full of
hostile text, a Vietnamese dataset given in NFD, a large dataset, a dataset
with planted personal data and single records, and checks, collecting every
problem before failing once:

- the metadata is valid (name, one-line description, media type, suffixes,
  an attrs options type decoded strictly by the codec, ``archive`` a bool);
- ``problem`` (or the older ``can_export``) never raises, refuses things
  that are not data, and agrees with export: when it finds nothing, writing
  succeeds and gives non-empty output; when it names a need ("needs …"),
  :func:`khuonha.export` refuses with :class:`~khuonha.exceptions.ExportError`;
- the same input gives the same bytes twice (once through ``write`` with the
  data the host hands over, once through the host, as users export);
  ``write`` leaves the stream open;
- a publication (``archive`` false) writes no personal data: not a private
  person's name (planted in records and typed into an event's name and a
  news lead in other case, spacing and tone-mark placement), not a sensitive
  field's value. The export goes through the plugin host, which redacts, so
  this is what users get;
- a publication follows the ``language`` option: the sample in ``vi`` and
  ``en`` gives different output;
- ``write`` prints nothing (file descriptors 1 and 2 are watched) and
  creates no file beside its output (an export to a file in an empty
  directory, which is also the working directory then, leaves that one file);
- when *read_text* is given (the format's own parser: bytes in, the text a
  reader sees out; it raises on invalid output), every output parses, and
  the Vietnamese text comes back in NFC.

Pass ``options=`` (plain JSON values) to run every case with your options.
"""

from __future__ import annotations

import contextlib
import html
import io
import os
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, cast

from khuonha.codec.samples import sample
from khuonha.exceptions import ExportError, KhuonhaError
from khuonha.model.dataset import Dataset
from khuonha.plugins.exporter import Exporter, ExportOptions, Language, _takes_options
from khuonha.plugins.host import PluginHost
from khuonha.plugins.privacy import public_view
from khuonha.testing import hostile
from khuonha.text.unicode import match_key

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


@contextlib.contextmanager
def _watch_output(seen: list[str]) -> Iterator[None]:
    """Catch what is written to stdout and stderr, at the file descriptors too."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    saved: list[tuple[int, int, Any]] = []
    try:
        for fd in (1, 2):
            try:
                copy = os.dup(fd)
            except OSError:
                continue
            sink = tempfile.TemporaryFile()  # noqa: SIM115 - closed in the finally below
            os.dup2(sink.fileno(), fd)
            saved.append((fd, copy, sink))
        text_out, text_err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(text_out), contextlib.redirect_stderr(text_err):
            yield
        for name, buf in (("stdout", text_out), ("stderr", text_err)):
            if buf.getvalue():
                seen.append(f"{name}: {buf.getvalue()[:80]!r}")
    finally:
        for fd, copy, sink in saved:
            os.dup2(copy, fd)
            os.close(copy)
            sink.seek(0)
            data = sink.read()
            sink.close()
            if data:
                seen.append(f"{'stdout' if fd == 1 else 'stderr'}: {data[:80]!r}")


class _Checker:
    def __init__(
        self, exporter: Exporter[Any], read_text: ReadText | None, options: Mapping[str, Any]
    ) -> None:
        self.exporter = exporter
        self.read_text = read_text
        self.options = dict(options)
        self.archive = getattr(exporter, "archive", False) is True
        self.problems: list[str] = []
        self.outputs: dict[str, bytes | None] = {}
        self.texts: dict[str, str] = {}
        self.printed: list[str] = []

    def problem(self, text: str) -> None:
        self.problems.append(text)

    def opts(self, language: str = "vi") -> Any:
        return self.exporter.parse_options({**self.options, "language": language})

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
        try:
            self.opts()
        except Exception as exc:
            self.problem(f"the options given to check_exporter do not decode: {_oneline(exc)}")
            return False
        return True

    def needs(self, case: str, obj: object, options: Any) -> tuple[bool, str | None]:
        """``(answered, need)``: ask as the host does; a check that raises is reported."""
        exporter = self.exporter
        cls = type(exporter)
        first_contract = cls.problem is Exporter.problem
        method = "can_export" if first_contract else "problem"
        try:
            if first_contract:
                ok: object = (
                    exporter.can_export(obj, options)
                    if _takes_options(cls)
                    else exporter.can_export(obj)
                )
                if not isinstance(ok, bool):
                    self.problem(f"{case}: can_export must return a bool, got {ok!r}")
                return True, None if ok else exporter.problem(obj, options)
            said: object = exporter.problem(obj, options)
        except Exception as exc:
            self.problem(f"{case}: {method}({obj!r:.40}) raised {_oneline(exc)}")
            return False, None
        if said is not None and (not isinstance(said, str) or not said.strip()):
            self.problem(f"{case}: problem() must return None or a non-empty string, got {said!r}")
        return True, cast("str | None", said)

    def not_data(self) -> None:
        options = self.opts()
        for thing in (None, "văn bản", 42, object(), b"{}", [], {}):
            answered, need = self.needs("not data", thing, options)
            if answered and need is None:
                self.problem(f"{thing!r} is not data, but the exporter accepts it")

    def write(self, case: str, obj: object, options: Any) -> bytes | None:
        sink = _Sink()
        try:
            with _watch_output(self.printed):
                self.exporter.write(obj, sink, options)
        except Exception as exc:
            self.problem(f"{case}: the check accepts it, but write raised {_oneline(exc)}")
            return None
        if sink.closed_by_exporter:
            self.problem(f"{case}: write closed the stream (leave it open; detach a TextIOWrapper)")
        return sink.getvalue()

    def case(self, case: str, obj: object, *, language: str = "vi") -> bool:
        """Check one input; return whether the exporter accepted it."""

        options = self.opts(language)
        answered, need = self.needs(case, obj, options)
        if not answered:
            return False
        host = PluginHost(entry_points=False)
        if need is not None:
            self._refusal(case, obj, host, options)
            self.outputs[case] = None
            return False
        given = obj if self.archive or options.internal else public_view(obj).data
        first = self.write(case, given, options)
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

    def _refusal(self, case: str, obj: object, host: Any, options: Any) -> None:
        try:
            host.export(obj, self.exporter, io.BytesIO(), options)
        except ExportError:
            pass
        except Exception as exc:
            self.problem(f"{case}: a refused export must raise ExportError, got {_oneline(exc)}")
        else:
            self.problem(f"{case}: the check refuses it, but khuonha.export wrote output")

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

    def personal_data(self) -> None:
        """A publication, exported through the host, holds none of the planted personal data."""
        case = "personal data"
        if not self.case(case, hostile.personal_dataset()) or self.archive:
            return
        data = self.outputs.get(case)
        if data is None or self.opts().internal:
            return
        seen = [html.unescape(data.decode("utf-8", "replace"))]
        if case in self.texts:
            seen.append(self.texts[case])
        for text in seen:
            key = match_key(text)
            flat = _squash(text)
            leaked = [v for v in hostile.SENSITIVE_VALUES if v in flat]
            leaked += [n for n in hostile.PRIVATE_NAMES if match_key(n) in key]
            if leaked:
                self.problem(
                    f"{case}: a public export holds personal data {leaked!r}; show personal "
                    "data only when the options say internal (the host redacts the rest)"
                )
                return

    def language(self) -> None:
        """A publication writes its labels in the language asked for."""
        if self.archive:
            return
        vi, en = self.outputs.get("sample"), self.outputs.get("sample (language=en)")
        if vi is not None and en is not None and vi == en:
            self.problem(
                "the sample gives the same output in vi and en: follow options.language "
                "for the words around the data (khuonha.label, a khuonha.WordTable)"
            )

    def beside(self) -> None:
        """An export to a file leaves exactly that file in its directory."""
        if self.outputs.get("sample") is None:
            return
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / f"out{self.exporter.suffixes[0]}"
            try:
                # In that directory, so a file written to a relative path shows up too.
                with _watch_output(self.printed), contextlib.chdir(tmp):
                    PluginHost(entry_points=False).export(
                        sample(), self.exporter, target, self.opts()
                    )
            except Exception as exc:
                self.problem(f"export to a file raised {_oneline(exc)}")
                return
            extra = sorted(p.name for p in Path(tmp).iterdir() if p != target)
            if extra:
                self.problem(f"an export to a file created more files beside it: {extra}")

    def output_streams(self) -> None:
        if self.printed:
            self.problem(
                "write printed to stdout or stderr (write only to the stream given; log "
                f"through the logging module): {self.printed[0]}"
            )


def check_exporter(
    exporter: Exporter[Any],
    read_text: ReadText | None = None,
    *,
    datasets: Iterable[tuple[str, Dataset]] = (),
    large_copies: int = 20,
    options: Mapping[str, Any] | None = None,
) -> dict[str, bytes | None]:
    """Check *exporter* against the exporter contract; raise :class:`ConformanceError`.

    - ``read_text``: the format's own parser, bytes in, the readable text out
      (raise on invalid output); without it, outputs are not parsed;
    - ``datasets``: more ``(name, dataset)`` cases, e.g. from Hypothesis;
    - ``large_copies``: size of the large dataset (copies of each sample record);
    - ``options``: options for every case, as plain JSON values
      (``{"delimiter": ";"}``); the kit sets ``language`` itself.

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

    checker = _Checker(exporter, read_text, options or {})
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
    checker.personal_data()
    checker.language()
    checker.beside()
    seen: set[type] = set()
    for _collection, record in sample().records():
        if type(record) not in seen:
            seen.add(type(record))
            checker.case(f"record {type(record).__name__}", record)
    checker.output_streams()
    if not accepted:
        checker.problem("refused every dataset, so nothing was checked")
    if checker.problems:
        raise ConformanceError(name, checker.problems)
    return checker.outputs
