"""Word lists for :func:`khuonha.extract_text`: places, events, awards and roles.

Each list is plain Vietnamese as reports write it; the patterns compare
case-insensitively, and the names after a place word must start with a capital.
"""

from __future__ import annotations

import re

from khuonha.model.awards import AwardForm
from khuonha.model.events import EventKind
from khuonha.model.places import AreaKind, UnitKind

__all__ = [
    "ACTION_WORDS",
    "AREA_WORDS",
    "AWARD_FORMS",
    "CENTRAL_CITIES",
    "EVENT_PATTERNS",
    "ISSUER",
    "MODIFIERS",
    "PROFILE_UNITS",
    "TARGET_WORDS",
    "UNIT_WORDS",
]

#: Words naming an administrative unit, longest first; "thành phố" is read by its name.
UNIT_WORDS: tuple[tuple[str, UnitKind | None], ...] = (
    ("thành phố", None),
    ("thị trấn", UnitKind.THI_TRAN),
    ("thị xã", UnitKind.THI_XA),
    ("đặc khu", UnitKind.DAC_KHU),
    ("phường", UnitKind.PHUONG),
    ("huyện", UnitKind.HUYEN),
    ("quận", UnitKind.QUAN),
    ("tỉnh", UnitKind.TINH),
    ("xã", UnitKind.XA),
)
#: Words naming a residential area, longest first.
AREA_WORDS: tuple[tuple[str, AreaKind], ...] = (
    ("tổ dân phố", AreaKind.TO_DAN_PHO),
    ("khu dân cư", AreaKind.KHU_DAN_CU),
    ("khu phố", AreaKind.KHU_PHO),
    ("thôn", AreaKind.THON),
    ("làng", AreaKind.LANG),
    ("bản", AreaKind.BAN),
    ("buôn", AreaKind.BUON),
    ("ấp", AreaKind.AP),
    ("khóm", AreaKind.KHOM),
    ("phum", AreaKind.PHUM),
    ("sóc", AreaKind.SOC),
)
#: The cities directly under the central government (a "thành phố" of province level).
CENTRAL_CITIES = ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")
#: Lower-case words that may stand between a place word and its name ("xã biên giới X").
MODIFIERS = ("biên giới", "điểm", "vùng cao", "miền núi")

_ANTQ = (
    r"(?:toàn\s+dân\s+)?(?:bảo\s+vệ\s+|BV\s*)?(?:an\s+ninh\s+Tổ\s+quốc|ANTQ)"
    r"|toàn\s+dân\s+BVANTQ"
)
#: Event names: the pattern, the kind, and whether the match is the whole name.
EVENT_PATTERNS: tuple[tuple[re.Pattern[str], EventKind], ...] = (
    (
        # Ngày hội (“)toàn dân bảo vệ an ninh Tổ quốc(”), … bảo vệ ANTQ, … BVANTQ, … BV ANTQ
        re.compile(r"[“\"]?Ngày\s+hội\s+[“\"]?(?:" + _ANTQ + r")[”\"]?", re.IGNORECASE),
        EventKind.NGAY_HOI,
    ),
    (
        re.compile(
            # Diễn đàn, Hội nghị, chương trình … "Công an lắng nghe ý kiến (của) Nhân dân",
            # quoted or not.
            r"(?:(?:diễn\s+đàn|hội\s+nghị|chương\s+trình|buổi)\s+)?[“\"]?\s*"
            r"Công\s+an\s+lắng\s+nghe\s+ý\s+kiến\s+(?:của\s+)?Nhân\s+dân(?:\s*[”\"])?",
            re.IGNORECASE,
        ),
        EventKind.DIEN_DAN,
    ),
    (
        re.compile(
            r"Hội\s+nghị(?:\s+(?:tổng\s+kết|sơ\s+kết|phát\s+động|triển\s+khai|xây\s+dựng))"
            r"[^.;:\n]{0,160}?(?=[.;:\n]|\s+(?:tại|với|do|vào|nhằm|cho)\s|$)",
            re.IGNORECASE,
        ),
        EventKind.HOI_NGHI,
    ),
    (
        re.compile(r"lễ\s+ra\s+mắt\s+[^.;:,\n]{3,120}", re.IGNORECASE),
        EventKind.RA_MAT_MO_HINH,
    ),
)
#: Award forms, longest first.
AWARD_FORMS: tuple[tuple[str, AwardForm], ...] = (
    ("kỷ niệm chương", AwardForm.KY_NIEM_CHUONG),
    ("kỉ niệm chương", AwardForm.KY_NIEM_CHUONG),
    ("cờ thi đua", AwardForm.CO_THI_DUA),
    ("giấy khen", AwardForm.GIAY_KHEN),
    ("bằng khen", AwardForm.BANG_KHEN),
    ("khen thưởng", AwardForm.KHAC),
)
#: Who issues an award, a body or a post; the place words after it are read as places are.
ISSUER = re.compile(
    r"(?:(?:Chủ\s+tịch|Bộ\s+trưởng|Giám\s+đốc|Trưởng)\s+)?"
    r"(?:UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|Bộ\s+Công\s+an|Công\s+an"
    r"|Ban\s+Chỉ\s+đạo|Hội\s+đồng\s+nhân\s+dân|HĐND|Đảng\s+ủy|Đảng\s+uỷ)",
    re.IGNORECASE,
)
#: Counted nouns that describe the place, not something done.
PROFILE_UNITS = (
    "nhân khẩu",
    "khẩu",
    "hộ dân",
    "hộ gia đình",
    "dân số",
    "km2",
    "km²",
    "ha",
    "nhà thờ",
    "đền",
    "chùa",
    "người dân tộc",
)
#: Verbs after a profile noun that make the figure something done ("98,5% hộ gia đình ký
#: cam kết", "1.200 hộ dân tham gia"), not a description of the place.
ACTION_WORDS = (
    "ký", "kí", "tham gia", "đăng ký", "đăng kí", "được", "đạt", "thực hiện", "cam kết",
    "lắp đặt", "treo", "hưởng ứng", "đóng góp", "giao nộp", "nhận", "trang bị",
)  # fmt: skip
#: Words before a figure that make it a target.
TARGET_WORDS = ("phấn đấu", "chỉ tiêu", "mục tiêu", "sẽ")
