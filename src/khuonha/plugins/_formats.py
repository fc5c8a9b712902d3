"""What exporters and importers share: the checks of a format's declared metadata.

Both kinds of format declare a name, a one-line description, media types,
file suffixes and an attrs options type; the plugin host refuses a
registration whose metadata fails these checks (a malformed registration).
"""

from __future__ import annotations

import re

import attrs

__all__ = ["format_problems"]

_NAME = re.compile(r"[a-z][a-z0-9_-]*\Z")
_SUFFIX = re.compile(r"\.[a-z0-9.]+\Z")


def format_problems(cls: type, media_problem: str | None, options_base: type) -> list[str]:
    """Problems with the metadata of the format class *cls* (empty when valid).

    In order: the name, the description, *media_problem* (the caller's check of
    its media types: an exporter has one, an importer a tuple), the suffixes,
    and the options type, which must be an attrs subclass of *options_base*.
    """
    problems = []
    name = getattr(cls, "name", None)
    if not isinstance(name, str) or _NAME.match(name) is None:
        problems.append(f"name must be an ASCII slug, got {name!r}")
    desc = getattr(cls, "description", None)
    if not isinstance(desc, str) or not desc.strip() or "\n" in desc:
        problems.append("description must be one non-empty line")
    if media_problem is not None:
        problems.append(media_problem)
    suffixes = getattr(cls, "suffixes", None)
    if (
        not isinstance(suffixes, tuple)
        or not suffixes
        or not all(isinstance(s, str) and _SUFFIX.match(s) for s in suffixes)
    ):
        problems.append(f"suffixes must be lower-case '.ext' strings, got {suffixes!r}")
    opts = getattr(cls, "options_type", None)
    if not (isinstance(opts, type) and attrs.has(opts) and issubclass(opts, options_base)):
        problems.append(f"options_type must be an attrs subclass of {options_base.__name__}")
    return problems
