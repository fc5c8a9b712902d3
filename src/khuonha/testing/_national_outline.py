"""The outline of the synthetic national dataset: sizes, names, provinces and communes.

Private to :mod:`khuonha.testing.national`; see there.
"""

from __future__ import annotations

import random
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from khuonha.exceptions import InvalidDataError

__all__ = ["CYCLE", "FULL", "national_counts"]

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
    "Khuôn", "Hà", "Thượng", "Lâm", "Phúc", "Yên", "Xuân", "Lập", "Bình", "An", "Hồng", "Quang",
    "Thổ", "Minh", "Sơn", "Đồng", "Tân", "Phú", "Thành", "Trung", "Nam", "Bắc", "Đông", "Tây",
    "Long", "Vĩnh", "Mỹ", "Cẩm", "Hưng", "Lộc", "Nghĩa", "Thịnh", "Tiến", "Đức", "Kiên", "Cường",
    "Hải", "Ngọc", "Nà", "Pác", "Bó", "Khau", "Lũng", "Nậm", "Mường", "Chiềng", "Quỳnh",
    "Nguyễn", "Trường", "Thắng", "Lợi", "Hiệp", "Hương", "Điền", "Giang", "Thanh", "Vân",
    "Lương", "Mai", "Cao", "Hạ", "Tĩnh", "Ninh", "Châu", "Kỳ", "Diễn", "Đạo", "Ấm", "Tiên",
)  # fmt: skip
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
# (kind, unit, largest value); kinds are those of khuonha.model.activities.ACTIVITY_KINDS.
_ACTIVITIES = (
    ("tuyen_truyen", "buổi", 40), ("luot_nguoi_nghe", "lượt người", 3000),
    ("tuyen_truyen_luu_dong", "lượt", 60), ("tin_truyen_thanh", "tin", 120),
    ("bai_viet", "tin, bài", 30), ("gap_go_giao_duc", "đối tượng", 25),
    ("goi_hoi_ran_de", "đối tượng", 15), ("cam_ket", "hộ", 400), ("tuan_tra", "lượt", 200),
    ("hoa_giai", "vụ", 12), ("tin_bao_to_giac", "tin", 20), ("hoc_tap_phap_luat", "buổi", 24),
)  # fmt: skip


class _Commune(NamedTuple):
    number: int
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

    if type(scale) not in (int, float) or not 0 < scale <= 1:
        raise InvalidDataError(
            f"expected a scale above 0 and at most 1, got {scale!r:.40}", field="scale"
        )
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
    # Not for security: a reproducible stream per (seed, collection, commune).
    return random.Random(":".join(str(p) for p in (seed, *parts)))  # noqa: S311


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
    # One commune per province, the rest shared out by weight.
    extra = _split(len(kinds) - len(names), [rng.uniform(0.5, 1.5) for _ in names])
    province_of = [p for p, part in enumerate(extra) for _ in range(len(part) + 1)]
    weight = {"xa": 1.0, "phuong": 1.3, "dac_khu": 0.3}
    area_parts = _split(counts["areas"], [rng.uniform(0.4, 1.6) * weight[k] for k in kinds])
    per_area = counts["activities"] / max(1, counts["areas"])
    communes = []
    for i, (kind, areas) in enumerate(zip(kinds, area_parts, strict=True)):
        code = f"{(i + 1) * 3:05d}"
        p = province_of[i]
        region = "city" if kind == "phuong" else ("north", "centre", "south")[p * 3 // len(names)]
        acts = range(round(per_area * areas.start), round(per_area * areas.stop))
        cid = f"{kind.replace('_', '-')}-{code}"
        communes.append(_Commune(i, cid, _name(rng), kind, code, p, region, areas, acts))
    return _Skeleton(provinces, tuple(communes))


def _police(unit_id: str) -> str:
    return f"cong-an-{unit_id}"


def _committee(unit_id: str) -> str:
    return f"ubnd-{unit_id}"


class _Area(NamedTuple):
    id: str
    name: str
    kind: str
    households: int


def _areas_of(seed: int, c: _Commune) -> list[_Area]:
    rng = _rng(seed, "areas", c.number)
    kinds = _AREA_KINDS[c.region]
    out = []
    for k in range(len(c.areas)):
        kind, word = kinds[0] if rng.random() < 0.6 else rng.choice(kinds)
        if kind in ("to_dan_pho", "khu_pho") or rng.random() < 0.3:
            name = f"{word} {'số ' if kind == 'to_dan_pho' else ''}{k + 1}"
        else:
            name = f"{word} {_name(rng)}"
        out.append(_Area(f"{c.id}-kdc-{k + 1}", name, kind, rng.randint(40, 600)))
    return out


def _ngay_hoi_day(seed: int, c: _Commune) -> date:
    return date(CYCLE, 8, 1 + _rng(seed, "ngay-hoi", c.number).randrange(19))


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")
