"""Build ``units.json.gz``, the compact unit list khuonha-units ships.

The source is the data of the ``vietnamadminunits`` package (MIT; copyright and
licence in the plugin's ``NOTICE``), read from its files, never imported: the
package pulls in Unidecode (GPL), which must stay out of every dependency list.
Install it into a throwaway environment outside the repository and run this
script with that environment's Python (standard library only)::

    uv venv <scratch-dir>
    uv pip install --python <scratch-dir> vietnamadminunits
    <scratch-dir>/bin/python plugins/khuonha-units/scripts/build_data.py

``--data-dir`` points at a ``data`` folder holding ``dataset.db`` and
``converter_2025.json`` instead of the installed package. The output
(``--out``, by default the plugin's ``units.json.gz``) is deterministic: the
same input gives the same bytes.

Output (a gzip-compressed JSON object, schema ``format: 1``):

- ``source``: package, version, licence and copyright of the data;
- ``schemes``: for ``pre_2025`` and ``post_2025``, ``valid_from`` and ``valid_until``;
- ``units``: per scheme, rows ``[code, name, kind, parent, successors, former]``
  sorted by code: ``name`` without its level word (``Khuôn Hà``), ``kind`` a
  :class:`khuonha.UnitKind` value, ``parent`` the code of the unit above it in
  the same scheme (``null`` for a province), ``successors`` the codes of the
  ``post_2025`` units that took a ``pre_2025`` unit over (several for a split
  commune; empty for a district and for every ``post_2025`` unit), ``former``
  the unit's former names as ``[level word or null, key]`` pairs;
- ``former`` names: the source's pre-2025 list is one snapshot taken after the
  commune mergers of 2023–2025, so a unit merged away or renamed before it
  (phường Nguyễn Phúc of TP Yên Bái, merged into phường Hồng Hà, which kept
  code 04264) has no row of its own. The source keeps such names only as
  aliases of the unit that took them over (``wardAlias``, ``districtAlias``),
  as keys without diacritics or spaces ("phuongnguyenphuc"). The build keeps
  them: the key (letters and digits, no marks, numbers without leading zeros)
  and the level word it starts with (``"phuong"``, ``"xa"``, ``"thi tran"`` …,
  or ``null``), leaving out the unit's own current name;
- ``disagreements``: the units whose name and type column disagree in the
  source (the name's level word wins), so the choice is visible.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.metadata
import json
import sqlite3
import sys
import unicodedata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE.parent / "src" / "khuonha_units" / "units.json.gz"
PACKAGE = "vietnamadminunits"

# The level words a name starts with, longest first, and the kind each gives.
PROVINCE_WORDS = (("Thành phố", "thanh_pho_truc_thuoc_trung_uong"), ("Tỉnh", "tinh"))
DISTRICT_WORDS = (
    ("Thành phố", "thanh_pho_thuoc_tinh"),
    ("Thị xã", "thi_xa"),
    ("Huyện", "huyen"),
    ("Quận", "quan"),
)
COMMUNE_WORDS = (
    ("Thị trấn", "thi_tran"),
    ("Đặc khu", "dac_khu"),
    ("Phường", "phuong"),
    ("Xã", "xa"),
)
TYPE_KINDS = {
    "Xã": "xa",
    "Phường": "phuong",
    "Thị trấn": "thi_tran",
    "Đặc khu": "dac_khu",
    "Huyện": "huyen",
    "Quận": "quan",
    "Thị xã": "thi_xa",
    "Thành phố": "thanh_pho_thuoc_tinh",
}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


def split_name(full: str, words: tuple[tuple[str, str], ...]) -> tuple[str, str]:
    """``("Xã Khuôn Hà", COMMUNE_WORDS)`` → ``("Khuôn Hà", "xa")``; a number keeps its word."""
    full = nfc(full)
    for word, kind in words:
        if full.casefold().startswith(word.casefold() + " "):  # "Thành Phố Bắc Kạn"
            rest = full[len(word) + 1 :]
            # "Phường 1", "Quận 3": the number alone is no name.
            return (full if rest.isdigit() else rest), kind
    msg = f"{full!r} starts with no level word"
    raise ValueError(msg)


#: Level words a former-name key may start with (no marks, no spaces), longest first, and the
#: level word kept for it ("p8", "ward8", "q9", "txphucyen" too).
ALIAS_WORDS = (
    ("thanhpho", "thanh pho"),
    ("thitran", "thi tran"),
    ("district", "quan"),
    ("phuong", "phuong"),
    ("dackhu", "dac khu"),
    ("thixa", "thi xa"),
    ("huyen", "huyen"),
    ("quan", "quan"),
    ("tinh", "tinh"),
    ("ward", "phuong"),
    ("xa", "xa"),
    ("tp", "thanh pho"),
    ("tx", "thi xa"),
    ("tt", "thi tran"),
    ("p", "phuong"),
    ("f", "phuong"),
    ("q", "quan"),
)


def alias_key(text: str) -> str:
    """Letters and digits of *text* without marks, numbers without leading zeros."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in folded if c.isascii() and c.isalnum()).lower()
    out, digits = [], ""
    for c in plain + " ":
        if c.isdigit():
            digits += c
            continue
        if digits:
            out.append(str(int(digits)))
            digits = ""
        if c != " ":
            out.append(c)
    return "".join(out)


def split_alias(key: str, partners: set[str]) -> tuple[str | None, str]:
    """``"phuongnguyenphuc"`` → ``("phuong", "nguyenphuc")`` when "nguyenphuc" is in *partners*.

    The source lists each former name with and without its level word, so a
    level word is split off only where the rest is listed too (or is the unit's
    own name), or is a number ("p8", "quan9"): "tinhbac" is xã Tĩnh Bắc, not a
    tỉnh "Bắc".
    """
    for prefix, word in ALIAS_WORDS:
        rest = key[len(prefix) :]
        if not key.startswith(prefix) or not rest:
            continue
        if rest in partners or rest.isdigit():
            return word, rest
    return None, key


def former_names(aliases: str | None, name: str, kind: str) -> list[list[str | None]]:
    """The former names in a ``wardAlias``/``districtAlias`` cell, without the unit's own."""
    if not aliases:
        return []
    own = alias_key(name)
    own_word = {
        "thanh_pho_truc_thuoc_trung_uong": "thanh pho",
        "thanh_pho_thuoc_tinh": "thanh pho",
        "thi_xa": "thi xa",
        "thi_tran": "thi tran",
        "dac_khu": "dac khu",
    }.get(kind, kind)
    keys = {alias_key(a) for a in json.loads(aliases)}
    partners = keys | {own}
    found: set[tuple[str | None, str]] = set()
    for key in keys:
        word, rest = split_alias(key, partners)
        if rest == own and word in (None, own_word):
            continue  # the unit's own name, or a short form of it
        found.add((word, rest))
    return [list(x) for x in sorted(found, key=lambda x: (x[1], x[0] or ""))]


def find_data_dir() -> Path:
    try:
        dist = importlib.metadata.distribution(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        sys.exit(f"build_data: {PACKAGE} is not installed here; see this script's docstring")
    root = Path(str(dist.locate_file(PACKAGE)))
    return root / "data"


def source_info(data_dir: Path) -> dict[str, str]:
    info = {"package": PACKAGE, "version": "unknown", "licence": "MIT", "copyright": "unknown"}
    try:
        dist = importlib.metadata.distribution(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        return info
    if Path(str(dist.locate_file(PACKAGE))) / "data" != data_dir:
        return info
    info["version"] = dist.version
    for file in dist.files or ():
        if file.name.upper().startswith("LICEN"):
            text = file.read_text(encoding="utf-8")
            line = next((x for x in text.splitlines() if x.startswith("Copyright")), None)
            if line:
                info["copyright"] = line.strip()
    return info


def build(data_dir: Path) -> dict[str, Any]:
    db = sqlite3.connect(data_dir / "dataset.db")
    converter = json.loads((data_dir / "converter_2025.json").read_text(encoding="utf-8"))
    disagreements: list[str] = []

    # -- pre-2025: provinces, districts, communes ---------------------------------
    old: dict[str, list[Any]] = {}
    old_by_key: dict[str, str] = {}  # "province_district_ward" key → code
    old_province_by_key: dict[str, str] = {}
    rows = db.execute(
        "SELECT province, provinceCode, provinceKey, district, districtCode, districtKey,"
        " districtType, ward, wardCode, wardKey, wardType, districtAlias, wardAlias"
        " FROM admin_units_legacy"
    ).fetchall()
    for (
        p_name,
        p_code,
        p_key,
        d_name,
        d_code,
        d_key,
        d_type,
        w_name,
        w_code,
        w_key,
        w_type,
        d_alias,
        w_alias,
    ) in rows:
        if p_code not in old:
            name, kind = split_name(p_name, PROVINCE_WORDS)
            old[p_code] = [p_code, name, kind, None, [], []]
            old_province_by_key[p_key] = p_code
        if d_code not in old:
            name, kind = split_name(d_name, DISTRICT_WORDS)
            if TYPE_KINDS.get(d_type) != kind:
                disagreements.append(f"pre_2025 {d_code} {nfc(d_name)!r}: type {d_type!r}")
            old[d_code] = [d_code, name, kind, p_code, [], former_names(d_alias, name, kind)]
            old_by_key[f"{p_key}_{d_key}_"] = d_code  # the island districts have no commune
        if w_code is not None:
            name, kind = split_name(w_name, COMMUNE_WORDS)
            if TYPE_KINDS.get(w_type) != kind:
                disagreements.append(f"pre_2025 {w_code} {nfc(w_name)!r}: type {w_type!r}")
            old[w_code] = [w_code, name, kind, d_code, [], former_names(w_alias, name, kind)]
            old_by_key[f"{p_key}_{d_key}_{w_key}"] = w_code

    # -- post-2025: provinces and communes -----------------------------------------
    new: dict[str, list[Any]] = {}
    new_by_key: dict[tuple[str, str], str] = {}
    new_province_by_key: dict[str, str] = {}
    rows = db.execute(
        "SELECT province, provinceCode, provinceKey, ward, wardCode, wardKey, wardType"
        " FROM admin_units"
    ).fetchall()
    for p_name, p_code, p_key, w_name, w_code, w_key, w_type in rows:
        if p_code not in new:
            name, kind = split_name(p_name, PROVINCE_WORDS)
            new[p_code] = [p_code, name, kind, None, [], []]
            new_province_by_key[p_key] = p_code
        name, kind = split_name(w_name, COMMUNE_WORDS)
        if TYPE_KINDS.get(w_type) != kind:
            disagreements.append(f"post_2025 {w_code} {nfc(w_name)!r}: type {w_type!r}")
        new[w_code] = [w_code, name, kind, p_code, [], []]
        new_by_key[(p_key, w_key)] = w_code

    # -- old → new ------------------------------------------------------------------
    for new_p_key, old_p_keys in converter["DICT_PROVINCE"].items():
        for old_p_key in old_p_keys:
            old[old_province_by_key[old_p_key]][4].append(new_province_by_key[new_p_key])
    for new_p_key, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_w_key, old_keys in wards.items():
            target = new_by_key[(new_p_key, new_w_key)]
            for old_key in old_keys:
                old[old_by_key[old_key]][4].append(target)
    for new_p_key, splits in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in splits.items():
            for part in parts:
                old[old_by_key[old_key]][4].append(new_by_key[(new_p_key, part["newWardKey"])])
    for row in old.values():
        row[4] = sorted(set(row[4]))

    return {
        "format": 2,
        "source": source_info(data_dir),
        "schemes": {
            "pre_2025": {"valid_from": None, "valid_until": "2025-06-30"},
            "post_2025": {"valid_from": "2025-07-01", "valid_until": None},
        },
        "units": {
            "pre_2025": [old[c] for c in sorted(old)],
            "post_2025": [new[c] for c in sorted(new)],
        },
        "disagreements": sorted(disagreements),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="the package's data folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the file to write")
    args = parser.parse_args()
    data_dir = args.data_dir or find_data_dir()
    data = build(data_dir)
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    args.out.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    for scheme, units in data["units"].items():
        print(f"{scheme}: {len(units)} units", file=sys.stderr)
    for line in data["disagreements"]:
        print(f"name and type disagree: {line}", file=sys.stderr)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
