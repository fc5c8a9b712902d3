"""The words the report prints around the data, in Vietnamese and English.

Data is never translated; only these labels follow ``options.language``.
"""

from __future__ import annotations

from typing import Final

from khuonha.activities import ACTIVITY_KINDS
from khuonha.awards import AwardForm
from khuonha.certification import Result, UnitType
from khuonha.events import PartOfDay, ProgrammeKind
from khuonha.exporters import Language
from khuonha.groups import GroupKind

__all__ = ["Labels", "labels_for"]

_VI: Final[dict[str, str]] = {
    "republic": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "motto": "Độc lập - Tự do - Hạnh phúc",
    "number": "Số",
    "report": "BÁO CÁO",
    "subject": "Kết quả xây dựng Phong trào toàn dân bảo vệ an ninh Tổ quốc",
    "page": "Trang",
    "internal": "Tài liệu sử dụng nội bộ: có thông tin cá nhân",
    "s_activities": "Kết quả hoạt động",
    "s_certification": "Kết quả công nhận đạt tiêu chuẩn “An toàn về an ninh, trật tự”",
    "s_events": "Các sự kiện",
    "s_awards": "Thi đua, khen thưởng",
    "s_groups": "Tổ tự quản, mô hình và lực lượng ở cơ sở",
    "s_people": "Phụ lục: thông tin cá nhân (chỉ dùng nội bộ)",
    "no_data": "Không có số liệu.",
    "chart_title": "Biểu đồ số liệu hoạt động",
    "col_no": "TT",
    "col_content": "Nội dung",
    "col_figure": "Số liệu",
    "col_actor": "Đơn vị thực hiện",
    "col_note": "Ghi chú",
    "col_unit_type": "Loại đơn vị",
    "col_unit": "Đơn vị",
    "col_result": "Kết quả",
    "col_ratio": "Số đạt",
    "col_as_of": "Thời điểm",
    "col_form": "Hình thức",
    "col_issuer": "Cấp khen",
    "col_presenter": "Người trao",
    "col_collectives": "Tập thể",
    "col_individuals": "Cá nhân",
    "col_reason": "Thành tích",
    "col_kind": "Loại",
    "col_name": "Tên, mô tả",
    "col_place": "Nơi",
    "col_count": "Số lượng",
    "col_coverage": "Phạm vi",
    "col_person": "Họ và tên",
    "col_field": "Thông tin",
    "jointly": "phối hợp thực hiện",
    "channel": "qua",
    "subjects": "đối tượng",
    "time": "Thời gian",
    "place": "Địa điểm",
    "organiser": "Đơn vị tổ chức",
    "theme": "Chủ đề",
    "purpose": "Mục đích",
    "delegates": "Đại biểu dự",
    "programme": "Chương trình",
    "pledges": "Giao ước thi đua",
    "content": "Nội dung",
    "speaker": "trình bày",
    "part_of": "thuộc",
    "recipients": "Tập thể, cá nhân được khen",
    "cycle": "năm",
    "decision": "Quyết định",
    "total": "Tổng cộng",
    "date_day": "ngày",
    "date_month": "tháng",
    "date_year": "năm",
    "from": "từ",
    "to": "đến",
    "until": "đến ngày",
    "since": "từ ngày",
    "for_period": "trong",
}

_EN: Final[dict[str, str]] = {
    "republic": "SOCIALIST REPUBLIC OF VIET NAM",
    "motto": "Independence - Freedom - Happiness",
    "number": "No.",
    "report": "REPORT",
    "subject": "Results of the All-people movement for protecting national security",
    "page": "Page",
    "internal": "For internal use only: contains personal data",
    "s_activities": "Activities",
    "s_certification": "Recognition as “Safe in security and order”",
    "s_events": "Events",
    "s_awards": "Emulation and commendation",
    "s_groups": "Self-managed groups, models and grassroots forces",
    "s_people": "Appendix: personal data (internal use only)",
    "no_data": "No data.",
    "chart_title": "Activity figures",
    "col_no": "No.",
    "col_content": "Activity",
    "col_figure": "Figure",
    "col_actor": "Done by",
    "col_note": "Notes",
    "col_unit_type": "Unit type",
    "col_unit": "Unit",
    "col_result": "Result",
    "col_ratio": "Recognised",
    "col_as_of": "As of",
    "col_form": "Form",
    "col_issuer": "Issued by",
    "col_presenter": "Presented by",
    "col_collectives": "Collectives",
    "col_individuals": "Individuals",
    "col_reason": "For",
    "col_kind": "Kind",
    "col_name": "Name, description",
    "col_place": "Where",
    "col_count": "Count",
    "col_coverage": "Coverage",
    "col_person": "Name",
    "col_field": "Details",
    "jointly": "done jointly",
    "channel": "through",
    "subjects": "people concerned",
    "time": "When",
    "place": "Where",
    "organiser": "Organised by",
    "theme": "Theme",
    "purpose": "Purpose",
    "delegates": "Delegates",
    "programme": "Programme",
    "pledges": "Emulation pledges",
    "content": "Content",
    "speaker": "presented by",
    "part_of": "part of",
    "recipients": "Named recipients",
    "cycle": "year",
    "decision": "Decision",
    "total": "Total",
    "date_day": "",
    "date_month": "",
    "date_year": "",
    "from": "from",
    "to": "to",
    "until": "until",
    "since": "since",
    "for_period": "in",
}

_RESULT = {
    Result.DAT: ("Đạt", "Met"),
    Result.CHUA_DAT: ("Chưa đạt", "Not met"),
}
_UNIT_TYPE = {
    UnitType.KHU_DAN_CU: ("Khu dân cư", "Residential area"),
    UnitType.XA: ("Xã, phường, thị trấn", "Commune-level unit"),
    UnitType.CO_QUAN: ("Cơ quan", "Agency"),
    UnitType.DOANH_NGHIEP: ("Doanh nghiệp", "Enterprise"),
    UnitType.CO_SO_GIAO_DUC: ("Cơ sở giáo dục", "Educational institution"),
}
_AWARD_FORM = {
    AwardForm.GIAY_KHEN: ("Giấy khen", "Certificate of merit"),
    AwardForm.BANG_KHEN: ("Bằng khen", "Certificate of merit (higher)"),
    AwardForm.CO_THI_DUA: ("Cờ thi đua", "Emulation flag"),
    AwardForm.DANH_HIEU: ("Danh hiệu thi đua", "Emulation title"),
    AwardForm.KHAC: ("Hình thức khác", "Other"),
}
_GROUP_KIND = {
    GroupKind.TO_TU_QUAN: ("Tổ tự quản", "Self-managed group"),
    GroupKind.MO_HINH: ("Mô hình", "Movement model"),
    GroupKind.TO_DAN_PHONG: ("Tổ dân phòng", "Fire-safety team"),
    GroupKind.CUM_LIEN_KET: ("Cụm liên kết", "Liaison cluster"),
    GroupKind.TO_BAO_VE_ANTT: ("Tổ bảo vệ ANTT", "Grassroots security team"),
    GroupKind.BAO_VE_DAN_PHO: ("Bảo vệ dân phố", "Neighbourhood guard"),
}
_PROGRAMME = {
    ProgrammeKind.BAO_CAO: ("Báo cáo", "Report"),
    ProgrammeKind.PHAT_BIEU: ("Phát biểu", "Speech"),
    ProgrammeKind.KHEN_THUONG: ("Khen thưởng", "Awards"),
    ProgrammeKind.PHAT_DONG: ("Phát động", "Launch"),
    ProgrammeKind.KY_GIAO_UOC: ("Ký giao ước", "Pledge signing"),
    ProgrammeKind.DIEN_DAN: ("Diễn đàn", "Forum"),
    ProgrammeKind.VAN_NGHE: ("Văn nghệ", "Culture and arts"),
    ProgrammeKind.THE_THAO: ("Thể thao", "Sports"),
    ProgrammeKind.KHAC: ("Khác", "Other"),
}
_PART_OF_DAY = {
    PartOfDay.SANG: ("Sáng", "Morning of"),
    PartOfDay.TRUA: ("Trưa", "Noon of"),
    PartOfDay.CHIEU: ("Chiều", "Afternoon of"),
    PartOfDay.TOI: ("Tối", "Evening of"),
}
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


class Labels:
    """Labels of one language; ``labels[key]`` gives a fixed word."""

    def __init__(self, language: Language) -> None:
        self.language = language
        self.en = language is Language.EN
        self._words = _EN if self.en else _VI

    def __getitem__(self, key: str) -> str:
        return self._words[key]

    def _pick(self, pair: tuple[str, str]) -> str:
        return pair[1] if self.en else pair[0]

    def result(self, value: Result) -> str:
        """Đạt / Chưa đạt."""
        return self._pick(_RESULT[value])

    def unit_type(self, value: UnitType) -> str:
        """The certified unit type."""
        return self._pick(_UNIT_TYPE[value])

    def award_form(self, value: AwardForm) -> str:
        """Giấy khen, bằng khen …."""
        return self._pick(_AWARD_FORM[value])

    def group_kind(self, value: GroupKind) -> str:
        """Tổ tự quản, mô hình …."""
        return self._pick(_GROUP_KIND[value])

    def programme_kind(self, value: ProgrammeKind) -> str:
        """Kind of programme item."""
        return self._pick(_PROGRAMME[value])

    def part_of_day(self, value: PartOfDay) -> str:
        """Sáng, chiều, tối."""
        return self._pick(_PART_OF_DAY[value])

    def activity_kind(self, kind: str) -> str:
        """The name of an activity kind, or its slug when unknown."""
        known = ACTIVITY_KINDS.get(kind)
        return self._pick(known) if known else kind

    def month(self, month: int) -> str:
        """An English month name (only used in English labels)."""
        return _MONTHS_EN[month - 1]

    @staticmethod
    def roman(index: int) -> str:
        """Roman section numbers, as Vietnamese reports number their parts."""
        return _ROMAN[index] if index < len(_ROMAN) else str(index + 1)


def labels_for(language: Language | str) -> Labels:
    """The labels of *language* (``vi`` or ``en``)."""
    return Labels(Language(language))
