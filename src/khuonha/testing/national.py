"""A synthetic national dataset, for benchmarks and scale tests (dữ liệu giả định toàn quốc).

At ``scale=1`` it holds what the whole country produces in a year, after
the 1/7/2025 reorganisation: 34 provinces, 3,321 commune-level units (2,621
xã, 687 phường, 13 đặc khu), 100,000 residential areas, 1,000,000 activity
records, and per commune its police and people's committee, a Ngày hội, a
provincial conference, awards, one certification record and one evidence
record per area and commune. ``scale`` shrinks every count but the
provinces (at most one per commune); the output is a pure function of
``seed`` and ``scale``.

The province names are the real ones; every code, commune, area, figure
and result is made up. Names use both tone-mark styles ("Hòa"/"Hoà",
"Thủy"/"Thuỷ") and :func:`iter_national_data` writes some records in NFD,
as text copied from PDFs arrives.

>>> ds = national_dataset(seed=1, scale=0.001)
>>> len(ds.activities), len(ds.areas), len(ds.units)
(1000, 100, 6)
>>> national_counts(1.0)["communes"], national_counts(1.0)["activities"]
(3321, 1000000)

:func:`iter_national` yields the same records one by one, without building
the dataset, so a writer can stream a million records in bounded memory.
"""

from __future__ import annotations

import json
import random
import unicodedata
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

__all__ = [
    "iter_national",
    "iter_national_data",
    "national_counts",
    "national_dataset",
    "national_document",
]

#: Counts of the full national dataset (``scale=1``).
FULL = {
    "provinces": 34,
    "xa": 2621,
    "phuong": 687,
    "dac_khu": 13,
    "areas": 100_000,
    "activities": 1_000_000,
}
CYCLE = 2025
"""The cycle of the evidence records; certification records are of the cycle before."""

# The 34 provinces and cities of NQ 202/2025/QH15 (cities first). Codes are not real.
_CITIES = ("Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ")
_PROVINCES = (
    "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An",
    "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh",
    "Hưng Yên", "Ninh Bình", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng",
    "Đắk Lắk", "Đồng Nai", "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
)  # fmt: skip
# Syllables of made-up place names. The pairs differ only in tone-mark placement:
# old style (mark on the first vowel of oa/oe/uy) and new style (on the main vowel).
_SYLLABLES = (
    "Khuôn Hà Thượng Lâm Phúc Yên Xuân Lập Bình An Hồng Quang Thổ Minh Sơn Đồng Tân Phú "
    "Thành Trung Nam Bắc Đông Tây Long Vĩnh Mỹ Cẩm Hưng Lộc Nghĩa Thịnh Tiến Đức Kiên "
    "Cường Hải Ngọc Nà Pác Bó Khau Lũng Nậm Mường Chiềng Quỳnh Nguyễn Trường Thắng Lợi "
    "Hiệp Hương Điền Giang Thanh Vân Lương Mai Cao Hạ Tĩnh Ninh Châu Kỳ Diễn Đạo Ấm Tiên"
).split()
_TONE_PAIRS = (
    ("Hòa", "Hoà"), ("Thủy", "Thuỷ"), ("Hóa", "Hoá"), ("Thúy", "Thuý"), ("Tùy", "Tuỳ"),
    ("Xòe", "Xoè"), ("Hỏa", "Hoả"), ("Khỏe", "Khoẻ"), ("Lũy", "Luỹ"), ("Họa", "Hoạ"),
)  # fmt: skip
_AREA_KINDS = {
    "north": (("thon", "Thôn"), ("ban", "Bản"), ("lang", "Làng")),
    "centre": (("thon", "Thôn"), ("lang", "Làng"), ("buon", "Buôn")),
    "south": (("ap", "Ấp"), ("khom", "Khóm"), ("phum", "Phum"), ("soc", "Sóc")),
    "city": (("to_dan_pho", "Tổ dân phố"), ("khu_pho", "Khu phố")),
}
_COMMUNE_WORD = {"xa": "xã", "phuong": "phường", "dac_khu": "đặc khu"}
# (kind, unit, largest value); kinds are those of khuonha.activities.ACTIVITY_KINDS.
_ACTIVITIES = (
    ("tuyen_truyen", "buổi", 40), ("luot_nguoi_nghe", "lượt người", 3000),
    ("tuyen_truyen_luu_dong", "lượt", 60), ("tin_truyen_thanh", "tin", 120),
    ("bai_viet", "tin, bài", 30), ("gap_go_giao_duc", "đối tượng", 25),
    ("goi_hoi_ran_de", "đối tượng", 15), ("cam_ket", "hộ", 400), ("tuan_tra", "lượt", 200),
    ("hoa_giai", "vụ", 12), ("tin_bao_to_giac", "tin", 20), ("hoc_tap_phap_luat", "buổi", 24),
)  # fmt: skip


class _Commune(NamedTuple):
    index: int
    id: str
    name: str
    kind: str
    code: str
    province: int
    region: str
    areas: range  # global indices of its residential areas
    activities: range  # global indices of its activities


class _Skeleton(NamedTuple):
    provinces: tuple[tuple[str, str, str, str], ...]  # id, name, kind, code
    communes: tuple[_Commune, ...]


def national_counts(scale: float = 1.0) -> dict[str, int]:
    """How many records of each kind :func:`national_dataset` makes at *scale*.

    >>> national_counts(0.1)["communes"], national_counts(0.1)["areas"]
    (332, 10000)
    """
    if not 0 < scale <= 1:
        msg = f"scale must be in (0, 1], got {scale!r}"
        raise ValueError(msg)
    phuong, dac_khu = round(FULL["phuong"] * scale), round(FULL["dac_khu"] * scale)
    communes = max(1, round((FULL["xa"] + FULL["phuong"] + FULL["dac_khu"]) * scale))
    provinces = min(FULL["provinces"], communes)
    areas = round(FULL["areas"] * scale)
    return {
        "provinces": provinces,
        "communes": communes,
        "xa": communes - phuong - dac_khu,
        "phuong": phuong,
        "dac_khu": dac_khu,
        "areas": areas,
        "activities": round(FULL["activities"] * scale),
        "organizations": provinces + 2 * communes,
        "events": provinces + communes,
        "awards": 2 * communes,
        "certifications": areas + communes,
        "evidence": areas + communes,
    }


def _rng(seed: int, *parts: object) -> random.Random:
    return random.Random(":".join(str(p) for p in (seed, *parts)))


def _name(rng: random.Random, syllables: int = 2) -> str:
    words = [rng.choice(_SYLLABLES) for _ in range(syllables)]
    if rng.random() < 0.3:  # about 1 in 4 names carries a style-dependent syllable
        old, new = rng.choice(_TONE_PAIRS)
        words[rng.randrange(syllables)] = old if rng.random() < 0.8 else new
    return " ".join(words)


def _split(total: int, weights: list[float]) -> list[range]:
    """Cut ``range(total)`` into consecutive parts proportional to *weights*."""
    whole, acc, start, parts = sum(weights), 0.0, 0, []
    for w in weights:
        acc += w
        end = round(total * acc / whole)
        parts.append(range(start, end))
        start = end
    return parts


@lru_cache(maxsize=8)
def _skeleton(seed: int, scale: float) -> _Skeleton:
    counts = national_counts(scale)
    rng = _rng(seed, "skeleton")
    names = [*_CITIES, *_PROVINCES][: counts["provinces"]]
    provinces = tuple(
        (
            f"tinh-{i + 1:02d}",
            name,
            "thanh_pho_truc_thuoc_trung_uong" if name in _CITIES else "tinh",
            f"{i + 1:02d}",
        )
        for i, name in enumerate(names)
    )
    kinds = ["xa"] * counts["xa"] + ["phuong"] * counts["phuong"] + ["dac_khu"] * counts["dac_khu"]
    rng.shuffle(kinds)
    owner = [p for p, r in enumerate(_split(len(kinds), [rng.uniform(0.5, 1.5) for _ in names]))]
    province_of = [p for p, r in zip(owner, _split(len(kinds), [1.0] * 0 or _weights(rng, names)), strict=True) for _ in r]
    area_weights = [
        rng.uniform(0.4, 1.6) * {"xa": 1.0, "phuong": 1.3, "dac_khu": 0.3}[k] for k in kinds
    ]
    area_parts = _split(counts["areas"], area_weights)
    communes = []
    for i, (kind, areas) in enumerate(zip(kinds, area_parts, strict=True)):
        code = f"{(i + 1) * 3:05d}"
        p = province_of[i]
        region = "city" if kind == "phuong" else ("north", "centre", "south")[p * 3 // len(names)]
        first = round(counts["activities"] * areas.start / max(1, counts["areas"]))
        last = round(counts["activities"] * areas.stop / max(1, counts["areas"]))
        if counts["areas"] == 0:
            first = last = 0
        communes.append(
            _Commune(
                i, f"{kind.replace('_', '-')}-{code}", _name(rng), kind, code, p, region,
                areas, range(first, last),
            )  # fmt: skip
        )
    return _Skeleton(provinces, tuple(communes))


def _weights(rng: random.Random, names: list[str]) -> list[float]:
    return [rng.uniform(0.5, 1.5) for _ in names]
