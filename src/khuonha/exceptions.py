"""The errors khuonha raises.

.. code-block:: text

    KhuonhaError                            root: catch this to catch everything we raise
    ├── InvalidDataError(ValueError)        an invariant failed when a model was built
    ├── DecodeError(ValueError)             input did not decode; .errors (the first lines), .total
    ├── PeriodParseError(ValueError)        text is not a period we can read; .text, .position
    ├── QuantityParseError(ValueError)      text is not a quantity we can read; .text, .position
    ├── ExporterNotFoundError(LookupError)  .name, .available, .failures
    ├── ExportError                         an exporter could not render; .exporter, .missing
    ├── ImporterNotFoundError(LookupError)  .name, .available, .failures
    ├── OutputError(OSError)                the output could not be written; .path
    ├── RulesetNotFoundError(LookupError)   no ruleset for that legal basis; .basis, .available
    ├── UnknownLanguageError(ValueError)    labels exist in vi and en only; .language, .available
    ├── LabelNotFoundError(LookupError)     a value has no display label; .value
    └── PluginError
        ├── PluginLoadError                 .plugin, .distribution, .version; the cause is chained
        ├── DuplicateExporterError          .key, .first, .second
        └── DuplicateImporterError          .key, .first, .second

Every class has a stable :attr:`~KhuonhaError.code` and keeps its data as
attributes; the message is built from them, so a user interface can pick a
translated template by ``code``.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "DecodeError",
    "DuplicateExporterError",
    "DuplicateImporterError",
    "ExportError",
    "ExporterNotFoundError",
    "ImporterNotFoundError",
    "InvalidDataError",
    "KhuonhaError",
    "LabelNotFoundError",
    "OutputError",
    "PeriodParseError",
    "PluginError",
    "PluginLoadError",
    "QuantityParseError",
    "RulesetNotFoundError",
    "UnknownLanguageError",
]


class KhuonhaError(Exception):
    """Root of every error khuonha raises on purpose."""

    code: str = "khuonha_error"


class InvalidDataError(KhuonhaError, ValueError):
    """A model invariant failed when the model was built.

    ``field`` names the offending field (``None`` for a cross-field rule);
    ``details`` lists every problem as ``"path: reason"`` when a rule found several
    (given as such strings or as ``(path, reason)`` pairs). :attr:`problems` holds the
    same as ``(path, reason)`` pairs, the path relative to the object that raised.
    """

    code = "invalid_data"

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        code: str | None = None,
        details: Sequence[str | tuple[str, str]] = (),
    ) -> None:
        self.message = message
        self.field = field
        self._pairs = tuple(_pair(d) for d in details)
        if code is not None:
            self.code = code
        super().__init__(message)

    @property
    def details(self) -> tuple[str, ...]:
        """Every problem as a ``"path: reason"`` line (empty for a single-field error)."""
        return tuple(f"{path}: {reason}" if path else reason for path, reason in self._pairs)

    @property
    def problems(self) -> tuple[tuple[str, str], ...]:
        """Every problem as ``(relative path, reason)``; the path is ``""`` for the object."""
        if self._pairs:
            return self._pairs
        return ((self.field or "", self.message),)

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


def _pair(detail: str | tuple[str, str]) -> tuple[str, str]:
    if isinstance(detail, tuple):
        return detail
    path, sep, reason = detail.partition(": ")
    if not sep or " " in path:
        return "", detail
    return path, reason


class DecodeError(KhuonhaError, ValueError):
    """Input did not decode into a model.

    ``errors`` holds one ``"$.path: reason"`` line per problem, the first ones
    when there were many (at most 100; :func:`khuonha.loads` keeps 50 unless
    told otherwise); ``total`` counts every problem found, and :attr:`more`
    those left out. The message ends with ``… and 999,950 more`` when some were.
    """

    code = "decode_error"

    def __init__(self, errors: Sequence[str], total: int | None = None) -> None:
        self.errors: tuple[str, ...] = tuple(errors)
        self.total: int = len(self.errors) if total is None else max(total, len(self.errors))
        super().__init__(*self.errors)

    @property
    def more(self) -> int:
        """How many problems were found beyond those in :attr:`errors`."""
        return self.total - len(self.errors)

    @property
    def lines(self) -> tuple[str, ...]:
        """The :attr:`errors`, then ``… and N more`` if some were left out."""
        if self.more:
            return (*self.errors, f"… and {self.more:,} more")
        return self.errors

    def __str__(self) -> str:
        return "\n".join(self.lines)


class _TextParseError(KhuonhaError, ValueError):
    what = "text"

    def __init__(self, text: str, position: int, reason: str) -> None:
        self.text = text
        self.position = position
        self.reason = reason
        super().__init__(text, position, reason)

    def __str__(self) -> str:
        shown = self.text[:200]
        pointer = " " * min(self.position, len(shown)) + "^"
        return (
            f"cannot read {self.what} {shown!r}: {self.reason} (at character {self.position})"
            f"\n  {shown}\n  {pointer}"
        )


class PeriodParseError(_TextParseError):
    """Text that is not a period :func:`khuonha.parse_period` can read.

    ``position`` is where reading stopped.
    """

    code = "period_unreadable"
    what = "a period from"


class QuantityParseError(_TextParseError):
    """Text that is not a quantity :func:`khuonha.parse_quantity` can read."""

    code = "quantity_unreadable"
    what = "a quantity from"


#: The formats of the first-party plugins (names and suffixes), and the package providing each.
#: A failed lookup suggests installing one of these only; never a name made from the input.
_FIRST_PARTY_PACKAGES = {
    "rss": "khuonha-rss",
    "atom": "khuonha-rss",
    "pdf": "khuonha-pdf",
    "ics": "khuonha-ics",
}


class _FormatNotFoundError(KhuonhaError, LookupError):
    """No format of one kind (:attr:`kind`: exporter, importer) has that name or suffix.

    ``available`` lists the names there are; ``failures``, the plugins that failed to load.
    """

    kind = "format"

    def __init__(self, name: str, available: Sequence[str], failures: Sequence[str] = ()) -> None:
        self.name = name
        self.available = tuple(available)
        self.failures = tuple(failures)
        super().__init__(name)

    def __str__(self) -> str:
        msg = f"no {self.kind} for {self.name!r}; available: {', '.join(self.available) or 'none'}"
        if self.failures:
            msg += f"; plugins that failed to load: {'; '.join(self.failures)}"
        return msg


class ExporterNotFoundError(_FormatNotFoundError):
    """No exporter has that name or suffix."""

    code = "exporter_not_found"
    kind = "exporter"

    def __str__(self) -> str:
        msg = super().__str__()
        package = _FIRST_PARTY_PACKAGES.get(self.name.lstrip(".").lower())
        if package is None:
            return msg
        return msg + f" (it comes with the plugin {package}: pip install {package})"


class ExportError(KhuonhaError):
    """An exporter could not render the object.

    ``missing`` names the data the exporter needed and did not find.
    """

    code = "export_failed"

    def __init__(self, exporter: str, reason: str, *, missing: str | None = None) -> None:
        self.exporter = exporter
        self.reason = reason
        self.missing = missing
        super().__init__(exporter, reason)

    def __str__(self) -> str:
        return f"{self.exporter}: {self.reason}"


class OutputError(KhuonhaError, OSError):
    """The output file could not be written; any earlier file is untouched."""

    code = "output_failed"

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(path, reason)

    def __str__(self) -> str:
        return f"cannot write {self.path}: {self.reason}"


class PluginError(KhuonhaError):
    """A plugin problem."""

    code = "plugin_error"


class PluginLoadError(PluginError):
    """A plugin failed to load; the original error is chained as ``__cause__``."""

    code = "plugin_load_failed"

    def __init__(self, plugin: str, distribution: str, version: str, error: str) -> None:
        self.plugin = plugin
        self.distribution = distribution
        self.version = version
        self.error = error
        super().__init__(plugin, distribution, version, error)

    def __str__(self) -> str:
        return (
            f"plugin {self.plugin!r} ({self.distribution} {self.version}) failed to load: "
            f"{self.error}"
        )


class _DuplicateFormatError(PluginError):
    """Two formats of one kind (:attr:`kind`: exporters, importers) claim one name or suffix."""

    kind = "formats"

    def __init__(self, key: str, first: str, second: str) -> None:
        self.key = key
        self.first = first
        self.second = second
        super().__init__(key, first, second)

    def __str__(self) -> str:
        return (
            f"{self.key!r} is claimed by two {self.kind}: {self.first} and {self.second}; "
            "uninstall one of them or narrow KHUONHA_LOAD_PLUGINS"
        )


class DuplicateExporterError(_DuplicateFormatError):
    """Two exporters claim the same name or suffix.

    ``first`` and ``second`` describe the two claimants as
    ``"<exporter> from <plugin> (<distribution> <version>)"``.
    """

    code = "duplicate_exporter"
    kind = "exporters"


class RulesetNotFoundError(KhuonhaError, LookupError):
    """No ruleset (bộ tiêu chí) for a legal basis, or none in force for a cycle.

    ``basis`` is what was asked for (``None`` when the default basis was
    sought), ``available`` the bases known.
    """

    code = "ruleset_not_found"

    def __init__(self, basis: str | None, available: Sequence[str], reason: str = "") -> None:
        self.basis = basis
        self.available = tuple(available)
        self.reason = reason
        super().__init__(basis, self.available, reason)

    def __str__(self) -> str:
        what = f"no ruleset for {self.basis!r}" if self.basis is not None else "no ruleset"
        if self.reason:
            what += f" ({self.reason})"
        return f"{what}; available: {', '.join(self.available) or 'none'}"


class UnknownLanguageError(KhuonhaError, ValueError):
    """A language no label exists in; ``available`` lists the ones that do (``vi``, ``en``)."""

    code = "unknown_language"

    def __init__(self, language: object, available: Sequence[str]) -> None:
        self.language = language
        self.available = tuple(available)
        super().__init__(language, self.available)

    def __str__(self) -> str:
        return f"no labels in {self.language!r:.40}; available: {', '.join(self.available)}"


class LabelNotFoundError(KhuonhaError, LookupError):
    """A value has no display label (see :func:`khuonha.label`); ``value`` is that value."""

    code = "label_not_found"

    def __init__(self, value: object) -> None:
        self.value = value
        super().__init__(value)

    def __str__(self) -> str:
        return f"no label for {self.value!r:.80} ({type(self.value).__name__})"


class ImporterNotFoundError(_FormatNotFoundError):
    """No importer has that name or suffix (``--from NAME`` names one outright)."""

    code = "importer_not_found"
    kind = "importer"


class DuplicateImporterError(_DuplicateFormatError):
    """Two importers claim the same name or suffix.

    ``first`` and ``second`` describe the two claimants as
    ``"<importer> from <plugin> (<distribution> <version>)"``.
    """

    code = "duplicate_importer"
    kind = "importers"
