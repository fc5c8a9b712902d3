"""Upgrades of older documents to the schema this library writes, on the way in.

A schema 1.x document is rewritten as plain JSON data into 2.0 before it is
decoded, so everything it says is kept and every check of 2.0 applies:

- an award's ``issuer_post`` becomes its ``issuer`` (a post, as before);
- a news item's ``captions`` become ``photos`` with those captions;
- an activity of a kind the library does not know gets a ``label`` made from
  its slug (``kiem_tra_cho_o`` → "kiem tra cho o"), because 2.0 names every
  kind in words; edit it to the real words;
- ``schema_version`` becomes "2.0".

Nothing else changed shape between 1.0 and 2.0: every 2.0 field that 1.x
lacks is optional.

>>> upgrade({"schema_version": "1.0", "slug": "x", "title": "T",
...          "awards": [{"id": "a", "form": "giay_khen", "title": "Giấy khen",
...                      "issuer_post": "chu-tich"}]})["awards"]
[{'id': 'a', 'form': 'giay_khen', 'title': 'Giấy khen', 'issuer': 'chu-tich'}]
"""

from __future__ import annotations

from typing import Any

__all__ = ["upgrade"]


def _major(parsed: dict[str, Any]) -> int | None:
    version = parsed.get("schema_version")
    if not isinstance(version, str):
        return None
    major = version.partition(".")[0]
    return int(major) if major.isdigit() and len(major) < 6 else None


def upgrade(parsed: Any) -> Any:
    """*parsed* (a decoded JSON document) upgraded to schema 2.0; other input unchanged.

    Only documents that say they are 1.x are touched; values of the wrong
    shape are left for the decoder to report at their path.
    """
    if not isinstance(parsed, dict) or _major(parsed) != 1:
        return parsed
    return _upgrade_1_to_2(parsed)


def _records(doc: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = doc.get(name)
    if not isinstance(value, list):
        return []
    return [r for r in value if isinstance(r, dict)]


def _upgrade_1_to_2(doc: dict[str, Any]) -> dict[str, Any]:
    from khuonha.model.activities import ACTIVITY_KINDS  # noqa: PLC0415 - loaded with 1.x only

    out = dict(doc)
    out["schema_version"] = "2.0"
    if isinstance(out.get("awards"), list):
        out["awards"] = [_award(award) for award in out["awards"]]
    if isinstance(out.get("news"), list):
        out["news"] = [_news(item) for item in out["news"]]
    if isinstance(out.get("activities"), list):
        out["activities"] = [_activity(act, ACTIVITY_KINDS) for act in out["activities"]]
    return out


def _award(award: Any) -> Any:
    if isinstance(award, dict) and "issuer_post" in award and "issuer" not in award:
        return {("issuer" if k == "issuer_post" else k): v for k, v in award.items()}
    return award


def _activity(act: Any, known: dict[str, Any]) -> Any:
    kind = act.get("kind") if isinstance(act, dict) else None
    if isinstance(kind, str) and kind not in known and "label" not in act:
        return {**act, "label": {"vi": kind.replace("_", " ")}}
    return act


def _news(item: Any) -> Any:
    if not isinstance(item, dict) or "captions" not in item:
        return item
    captions = item["captions"]
    rest = {k: v for k, v in item.items() if k != "captions"}
    if not isinstance(captions, list):
        rest["photos"] = captions  # the decoder reports it
        return rest
    photos = [{"caption": c} if isinstance(c, str) else c for c in captions]
    if photos:
        rest["photos"] = photos
    return rest
