"""The words the report prints around the data, in Vietnamese and English.

Data is never translated; only these words and the core's labels of enum
values and activity kinds (:func:`khuonha.label`, through :meth:`Labels.of`)
follow ``options.language``.
"""

from __future__ import annotations

from typing import Final

import khuonha
from khuonha import Language, WordTable

__all__ = ["WORDS", "Labels", "labels_for"]

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
    "from": "từ",
    "to": "đến",
    "day_of": "",
    "addressees": "Nơi nhận",
    "archive": "Lưu",
    "records_office": "VT",
    "report_kind": "BC",
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
    "from": "from",
    "to": "to",
    "day_of": "of",
    "addressees": "Recipients",
    "archive": "Filed",
    "records_office": "VT",
    "report_kind": "BC",
}

#: The report's own words in both languages (the two tables must have the same keys).
WORDS: Final[WordTable] = WordTable.from_languages(vi=_VI, en=_EN)

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


class Labels:
    """Labels of one language; ``labels[key]`` gives a fixed word."""

    def __init__(self, language: Language) -> None:
        self.language = language
        self.en = language is Language.EN

    def __getitem__(self, key: str) -> str:
        return WORDS(key, self.language)

    def of(self, value: object) -> str:
        """The core's label of an enum value or activity kind (:func:`khuonha.label`).

        >>> from khuonha import Result
        >>> labels_for("vi").of(Result.DAT), labels_for("en").of("tuyen_truyen")
        ('Đạt', 'Outreach sessions')
        """
        return khuonha.label(value, self.language)

    @staticmethod
    def roman(index: int) -> str:
        """Roman section numbers, as Vietnamese reports number their parts."""
        return _ROMAN[index] if index < len(_ROMAN) else str(index + 1)


def labels_for(language: Language | str) -> Labels:
    """The labels of *language* (``vi`` or ``en``)."""
    return Labels(Language(language))
