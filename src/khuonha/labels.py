"""Display labels in Vietnamese and English for every value people read (nhãn hiển thị).

Enum values are stable ASCII slugs and are never translated; the words shown
to people live here, in data tables outside the enums, so improving a
translation never changes stored data. :func:`label` is the one function for
every value:

>>> import khuonha
>>> from khuonha import AreaKind, AwardForm, Result, UnitKind, label
>>> label(Result.DAT), label(Result.DAT, "en")
('Đạt', 'Met')
>>> label(UnitKind.XA), label(AreaKind.TO_DAN_PHO), label(AwardForm.GIAY_KHEN, "en")
('Xã', 'Tổ dân phố', 'Certificate of merit')

Activity kinds are an open set of slug strings (see
:data:`khuonha.model.activities.ACTIVITY_KINDS`); a plain string is read as one,
and a kind the library does not know comes back unchanged:

>>> label("tuyen_truyen"), label("tuyen_truyen", "en")
('Tuyên truyền', 'Outreach sessions')
>>> label("kiem_tra_cho_o")
'kiem_tra_cho_o'

A criterion of a ruleset (or an exclusion) carries its own text in both
languages, and :func:`label` returns it:

>>> criterion = khuonha.load_ruleset("124/2021/TT-BCA").criteria[0]
>>> label(criterion, "en") == criterion.text_en
True

An administrative unit is named with the short word for its kind, before the
name in Vietnamese and after it in English (:func:`unit_name`). A plugin keeps
the words it writes around the data in a :class:`WordTable`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from enum import Enum
from typing import Any, Protocol, cast, runtime_checkable

from khuonha.exceptions import LabelNotFoundError, UnknownLanguageError
from khuonha.model.activities import ACTIVITY_KINDS, Activity, Change, StatisticRole
from khuonha.model.awards import Award, AwardForm, LegalRegime, RecipientKind
from khuonha.model.certification import MovementRating, Result, Standard, UnitType
from khuonha.model.dates import KindLabel
from khuonha.model.documents import SigningAuthority
from khuonha.model.events import Event, EventKind, PartOfDay, ProgrammeItem, ProgrammeKind
from khuonha.model.evidence import DivisionKind, Standing
from khuonha.model.groups import Group, GroupKind
from khuonha.model.people import (
    EducationLevel,
    EnterpriseSize,
    Organization,
    OrganizationKind,
    PoliceRank,
)
from khuonha.model.places import (
    AdministrativeUnit,
    AreaKind,
    CodeScheme,
    CodeSource,
    UnitKind,
    UnitLevel,
)
from khuonha.rules.checks import STANDING_WORDS, FindingStatus
from khuonha.rules.classification import MovementLevel
from khuonha.rules.criteria import AuthorityLevel, CheckKind, DossierStage
from khuonha.rules.engine import AssessmentResult
from khuonha.rules.teams import TaskRating
from khuonha.text.language import Language
from khuonha.text.periods import Convention, Precision
from khuonha.text.quantities import Qualifier

__all__ = ["LANGUAGES", "WordTable", "label", "unit_name"]

#: The languages labels exist in.
LANGUAGES: tuple[str, ...] = ("vi", "en")

# One table per enum, because members of different enums may share a value
# ("xa" is both UnitKind.XA and UnitType.XA). Each maps a member to
# (Vietnamese, English); the Vietnamese label is the official term, with
# diacritics, in NFC.
_LABELS: dict[type[Enum], dict[Any, tuple[str, str]]] = {
    # places
    UnitLevel: {
        UnitLevel.PROVINCE: ("Cấp tỉnh", "Province level"),
        UnitLevel.DISTRICT: ("Cấp huyện", "District level"),
        UnitLevel.COMMUNE: ("Cấp xã", "Commune level"),
    },
    UnitKind: {
        UnitKind.TINH: ("Tỉnh", "Province"),
        UnitKind.THANH_PHO_TRUC_THUOC_TRUNG_UONG: (
            "Thành phố trực thuộc trung ương",
            "Centrally governed city",
        ),
        UnitKind.HUYEN: ("Huyện", "Rural district"),
        UnitKind.QUAN: ("Quận", "Urban district"),
        UnitKind.THI_XA: ("Thị xã", "District-level town"),
        UnitKind.THANH_PHO_THUOC_TINH: ("Thành phố thuộc tỉnh", "Provincial city"),
        UnitKind.XA: ("Xã", "Commune"),
        UnitKind.PHUONG: ("Phường", "Ward"),
        UnitKind.THI_TRAN: ("Thị trấn", "Township"),
        UnitKind.DAC_KHU: ("Đặc khu", "Special zone"),
    },
    CodeScheme: {
        CodeScheme.PRE_2025: (
            "Mã đơn vị hành chính trước ngày 1/7/2025",
            "Administrative unit codes before 1 July 2025",
        ),
        CodeScheme.POST_2025: (
            "Mã đơn vị hành chính từ ngày 1/7/2025",
            "Administrative unit codes from 1 July 2025",
        ),
    },
    CodeSource: {
        CodeSource.SOURCE: ("Mã do nguồn ghi", "Code written by the source"),
        CodeSource.REGISTRY: (
            "Mã điền từ danh mục đơn vị hành chính",
            "Code filled in from a unit registry",
        ),
    },
    AreaKind: {
        AreaKind.THON: ("Thôn", "Village (thôn)"),
        AreaKind.LANG: ("Làng", "Village (làng)"),
        AreaKind.BAN: ("Bản", "Village (bản)"),
        AreaKind.AP: ("Ấp", "Hamlet (ấp)"),
        AreaKind.BUON: ("Buôn", "Village (buôn)"),
        AreaKind.PHUM: ("Phum", "Village (phum)"),
        AreaKind.SOC: ("Sóc", "Village (sóc)"),
        AreaKind.KHOM: ("Khóm", "Neighbourhood (khóm)"),
        AreaKind.TO_DAN_PHO: ("Tổ dân phố", "Residential group (tổ dân phố)"),
        AreaKind.KHU_PHO: ("Khu phố", "Urban quarter (khu phố)"),
        AreaKind.KHU_DAN_CU: ("Khu dân cư", "Residential area"),
    },
    # people and organisations
    OrganizationKind: {
        OrganizationKind.PARTY_COMMITTEE: ("Đảng ủy", "Party committee"),
        OrganizationKind.PARTY_CELL: ("Chi bộ", "Party cell"),
        OrganizationKind.PEOPLES_COUNCIL: ("Hội đồng nhân dân", "People's Council"),
        OrganizationKind.PEOPLES_COMMITTEE: ("Ủy ban nhân dân", "People's Committee"),
        OrganizationKind.FATHERLAND_FRONT: (
            "Ủy ban Mặt trận Tổ quốc Việt Nam",
            "Vietnam Fatherland Front Committee",
        ),
        OrganizationKind.MASS_ORGANIZATION: (
            "Đoàn thể chính trị - xã hội",
            "Socio-political organisation",
        ),
        OrganizationKind.POLICE: ("Công an", "Police"),
        OrganizationKind.STEERING_COMMITTEE: ("Ban Chỉ đạo", "Steering Committee"),
        OrganizationKind.AGENCY: ("Cơ quan", "Agency"),
        OrganizationKind.HEALTH_STATION: ("Trạm y tế", "Health station"),
        OrganizationKind.ENTERPRISE: ("Doanh nghiệp", "Enterprise"),
        OrganizationKind.SCHOOL: ("Cơ sở giáo dục", "Educational institution"),
        OrganizationKind.ARMED_FORCES: ("Đơn vị lực lượng vũ trang", "Armed forces unit"),
        OrganizationKind.PRESS: ("Cơ quan báo chí", "News outlet"),
        OrganizationKind.HOSPITAL: ("Bệnh viện, trung tâm y tế", "Hospital or health centre"),
        OrganizationKind.SECURITY_COUNCIL: (
            "Hội đồng bảo vệ an ninh trật tự",
            "Security and order council",
        ),
        OrganizationKind.OTHER: ("Tổ chức khác", "Other organisation"),
    },
    EducationLevel: {
        EducationLevel.NHA_TRE: ("Nhà trẻ", "Crèche"),
        EducationLevel.MAM_NON: ("Mầm non", "Pre-school"),
        EducationLevel.TIEU_HOC: ("Tiểu học", "Primary school"),
        EducationLevel.THCS: ("Trung học cơ sở", "Lower secondary school"),
        EducationLevel.THPT: ("Trung học phổ thông", "Upper secondary school"),
        EducationLevel.LIEN_CAP: ("Liên cấp", "Multi-level school"),
        EducationLevel.GIAO_DUC_NGHE_NGHIEP: ("Giáo dục nghề nghiệp", "Vocational education"),
        EducationLevel.DAI_HOC: ("Đại học", "University"),
        EducationLevel.GIAO_DUC_THUONG_XUYEN: ("Giáo dục thường xuyên", "Continuing education"),
    },
    EnterpriseSize: {
        EnterpriseSize.MICRO: ("Doanh nghiệp siêu nhỏ", "Micro enterprise"),
        EnterpriseSize.SMALL: ("Doanh nghiệp nhỏ", "Small enterprise"),
        EnterpriseSize.MEDIUM: ("Doanh nghiệp vừa", "Medium-sized enterprise"),
        EnterpriseSize.LARGE: ("Doanh nghiệp lớn", "Large enterprise"),
    },
    # groups and models
    GroupKind: {
        GroupKind.TO_TU_QUAN: ("Tổ tự quản", "Self-managed group"),
        GroupKind.MO_HINH: ("Mô hình", "Movement model"),
        GroupKind.TO_DAN_PHONG: ("Tổ dân phòng", "Civil fire-safety team"),
        GroupKind.CUM_LIEN_KET: (
            "Cụm liên kết bảo đảm an ninh, trật tự",
            "Security liaison cluster",
        ),
        GroupKind.TO_BAO_VE_ANTT: (
            "Tổ bảo vệ an ninh, trật tự ở cơ sở",
            "Grassroots security and order team",
        ),
        GroupKind.BAO_VE_DAN_PHO: ("Bảo vệ dân phố", "Neighbourhood guard"),
        GroupKind.TO_HOA_GIAI: ("Tổ hòa giải", "Mediation team"),
        GroupKind.TO_LIEN_GIA: ("Tổ liên gia", "Inter-household group"),
        GroupKind.TO_AN_NINH_NHAN_DAN: ("Tổ an ninh nhân dân", "People's security team"),
        GroupKind.NHOM_HOI_HIEU: ("Nhóm “Hội hiếu”", "Funeral mutual-aid group"),
        GroupKind.BAN_DIEU_HANH_KHU_PHO: ("Ban điều hành khu phố", "Neighbourhood board"),
        GroupKind.KHAC: ("Tổ, nhóm khác", "Other group"),
    },
    # events
    EventKind: {
        EventKind.NGAY_HOI: (
            "Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
            "All-people National Security Protection Festival",
        ),
        EventKind.DIEN_DAN: ("Diễn đàn", "Forum"),
        EventKind.HOI_NGHI: ("Hội nghị", "Conference"),
        EventKind.RA_MAT_MO_HINH: ("Ra mắt mô hình", "Launch of a model"),
        EventKind.TAP_HUAN: ("Tập huấn", "Training course"),
        EventKind.KHAC: ("Sự kiện khác", "Other event"),
    },
    PartOfDay: {
        PartOfDay.SANG: ("Sáng", "Morning"),
        PartOfDay.TRUA: ("Trưa", "Midday"),
        PartOfDay.CHIEU: ("Chiều", "Afternoon"),
        PartOfDay.TOI: ("Tối", "Evening"),
    },
    ProgrammeKind: {
        ProgrammeKind.BAO_CAO: ("Báo cáo", "Report"),
        ProgrammeKind.PHAT_BIEU: ("Phát biểu", "Speech"),
        ProgrammeKind.KHEN_THUONG: ("Khen thưởng", "Commendations and awards"),
        ProgrammeKind.PHAT_DONG: ("Phát động phong trào", "Launch of the movement"),
        ProgrammeKind.KY_GIAO_UOC: ("Ký giao ước thi đua", "Signing of the emulation pledge"),
        ProgrammeKind.DIEN_DAN: ("Diễn đàn", "Forum"),
        ProgrammeKind.VAN_NGHE: ("Văn nghệ", "Culture and arts"),
        ProgrammeKind.THE_THAO: ("Thể dục thể thao", "Sports"),
        ProgrammeKind.KHAC: ("Nội dung khác", "Other item"),
    },
    # awards
    AwardForm: {
        AwardForm.GIAY_KHEN: ("Giấy khen", "Certificate of merit"),
        AwardForm.BANG_KHEN: ("Bằng khen", "Higher certificate of merit"),
        AwardForm.CO_THI_DUA: ("Cờ thi đua", "Emulation flag"),
        AwardForm.DANH_HIEU: ("Danh hiệu thi đua", "Emulation title"),
        AwardForm.KY_NIEM_CHUONG: ("Kỷ niệm chương", "Commemorative medal"),
        AwardForm.KHAC: ("Hình thức khác", "Other form"),
    },
    LegalRegime: {
        LegalRegime.TDKT_2003: (
            "Luật Thi đua, khen thưởng 2003 (sửa đổi 2005, 2013)",
            "Law on Emulation and Commendation 2003 (amended 2005, 2013)",
        ),
        LegalRegime.TDKT_2022: (
            "Luật Thi đua, khen thưởng 2022 (06/2022/QH15)",
            "Law on Emulation and Commendation 2022 (06/2022/QH15)",
        ),
    },
    RecipientKind: {
        RecipientKind.TAP_THE: ("Tập thể", "Collective"),
        RecipientKind.CA_NHAN: ("Cá nhân", "Individual"),
    },
    # the report as a document (Nghị định 30/2020/NĐ-CP)
    SigningAuthority: {
        SigningAuthority.TM: ("Thay mặt (TM.)", "On behalf of (TM.)"),
        SigningAuthority.KT: ("Ký thay (KT.)", "Signed for (KT.)"),
        SigningAuthority.TL: ("Thừa lệnh (TL.)", "By order (TL.)"),
        SigningAuthority.TUQ: ("Thừa ủy quyền (TUQ.)", "By authorisation (TUQ.)"),
        SigningAuthority.Q: ("Quyền (Q.)", "Acting (Q.)"),
    },
    # certification and classification
    UnitType: {
        UnitType.KHU_DAN_CU: ("Khu dân cư", "Residential area"),
        UnitType.XA: ("Xã, phường, thị trấn", "Commune, ward or township"),
        UnitType.CO_QUAN: ("Cơ quan", "Agency"),
        UnitType.DOANH_NGHIEP: ("Doanh nghiệp", "Enterprise"),
        UnitType.CO_SO_GIAO_DUC: ("Cơ sở giáo dục", "Educational institution"),
    },
    Standard: {
        Standard.ANTT: ("An toàn về an ninh, trật tự", "Safe in security and order"),
        Standard.VAN_HOA_ANTT: (
            "Văn hóa và An toàn về an ninh, trật tự",
            "Cultural, and safe in security and order",
        ),
        Standard.PHONG_TRAO: ("Xếp loại phong trào", "Classification of the movement"),
    },
    MovementRating: {
        MovementRating.XUAT_SAC: ("Xuất sắc", "Excellent"),
        MovementRating.KHA: ("Khá", "Good"),
        MovementRating.TRUNG_BINH: ("Trung bình", "Average"),
        MovementRating.YEU: ("Yếu", "Weak"),
    },
    StatisticRole: {
        StatisticRole.RESULT: ("Kết quả", "Result"),
        StatisticRole.TARGET: ("Chỉ tiêu", "Target"),
        StatisticRole.BASELINE: ("Hiện trạng ban đầu", "Baseline"),
        StatisticRole.PROFILE: ("Số liệu địa bàn", "Profile figure"),
    },
    Change: {
        Change.INCREASE: ("Tăng", "Increase"),
        Change.DECREASE: ("Giảm", "Decrease"),
    },
    PoliceRank: {
        PoliceRank.DAI_TUONG: ("Đại tướng", "General"),
        PoliceRank.THUONG_TUONG: ("Thượng tướng", "Colonel general"),
        PoliceRank.TRUNG_TUONG: ("Trung tướng", "Lieutenant general"),
        PoliceRank.THIEU_TUONG: ("Thiếu tướng", "Major general"),
        PoliceRank.DAI_TA: ("Đại tá", "Senior colonel"),
        PoliceRank.THUONG_TA: ("Thượng tá", "Colonel"),
        PoliceRank.TRUNG_TA: ("Trung tá", "Lieutenant colonel"),
        PoliceRank.THIEU_TA: ("Thiếu tá", "Major"),
        PoliceRank.DAI_UY: ("Đại úy", "Senior captain"),
        PoliceRank.THUONG_UY: ("Thượng úy", "Captain"),
        PoliceRank.TRUNG_UY: ("Trung úy", "First lieutenant"),
        PoliceRank.THIEU_UY: ("Thiếu úy", "Second lieutenant"),
        PoliceRank.THUONG_SI: ("Thượng sĩ", "Senior sergeant"),
        PoliceRank.TRUNG_SI: ("Trung sĩ", "Sergeant"),
        PoliceRank.HA_SI: ("Hạ sĩ", "Corporal"),
    },
    Result: {
        Result.DAT: ("Đạt", "Met"),
        Result.CHUA_DAT: ("Chưa đạt", "Not met"),
    },
    AssessmentResult: {
        AssessmentResult.DAT: ("Đạt", "Met"),
        AssessmentResult.CHUA_DAT: ("Chưa đạt", "Not met"),
        AssessmentResult.UNDETERMINED: ("Chưa xác định", "Undetermined"),
        AssessmentResult.NOT_ELIGIBLE: ("Không thuộc diện công nhận", "Not eligible"),
    },
    FindingStatus: {
        FindingStatus.MET: ("Đáp ứng", "Met"),
        FindingStatus.NOT_MET: ("Không đáp ứng", "Not met"),
        FindingStatus.UNKNOWN: ("Chưa đủ thông tin", "Unknown"),
        FindingStatus.NOT_APPLICABLE: ("Không áp dụng", "Not applicable"),
    },
    CheckKind: {
        CheckKind.TRUE: ("Điều kiện được đáp ứng", "Condition holds"),
        CheckKind.AT_LEAST: ("Không thấp hơn mức tối thiểu", "At least"),
        CheckKind.AT_MOST: ("Không vượt quá mức tối đa", "At most"),
        CheckKind.SHARE: ("Tỷ lệ tối thiểu", "Minimum share"),
        CheckKind.NO_INCREASE: ("Không tăng so với kỳ trước", "No increase on the previous cycle"),
        CheckKind.NONE_OF: ("Không xảy ra vụ việc nào", "None of the listed events"),
        CheckKind.REGISTERED_SHARE: ("Tỷ lệ đơn vị đăng ký", "Share of units registered"),
        CheckKind.RECOGNISED_SHARE: ("Tỷ lệ đơn vị được công nhận", "Share of units recognised"),
        CheckKind.CONFIRMED: ("Được xác nhận", "Confirmed"),
        CheckKind.RATED: ("Đạt danh hiệu hoặc mức xếp loại", "Holds a title or rating"),
        CheckKind.DIVISION_SHARE: (
            "Tỷ lệ đầu mối trực thuộc đạt danh hiệu",
            "Share of sub-units holding a title or rating",
        ),
    },
    # the words the rules' reasons name a standing with, capitalised as a label
    Standing: {s: (vi, en[:1].upper() + en[1:]) for s, (vi, en) in STANDING_WORDS.items()},
    DivisionKind: {
        DivisionKind.PHONG: ("Phòng", "Department"),
        DivisionKind.BAN: ("Ban", "Board"),
        DivisionKind.TO: ("Tổ", "Team"),
        DivisionKind.DOI: ("Đội", "Squad"),
        DivisionKind.KHOA: ("Khoa", "Faculty"),
        DivisionKind.TO_CHUYEN_MON: ("Tổ chuyên môn", "Subject group"),
    },
    DossierStage: {
        DossierStage.DANG_KY: ("Hồ sơ đăng ký", "Registration dossier"),
        DossierStage.CONG_NHAN: ("Hồ sơ đề nghị công nhận", "Recognition dossier"),
    },
    AuthorityLevel: {
        AuthorityLevel.UBND_XA: ("Ủy ban nhân dân cấp xã", "Commune People's Committee"),
        AuthorityLevel.UBND_HUYEN: ("Ủy ban nhân dân cấp huyện", "District People's Committee"),
        AuthorityLevel.UBND_TINH: ("Ủy ban nhân dân cấp tỉnh", "Provincial People's Committee"),
        AuthorityLevel.BO_CONG_AN: ("Bộ Công an", "Ministry of Public Security"),
    },
    MovementLevel: {
        MovementLevel.XUAT_SAC: ("Xuất sắc", "Excellent"),
        MovementLevel.KHA: ("Khá", "Good"),
        MovementLevel.TRUNG_BINH: ("Trung bình", "Average"),
        MovementLevel.YEU: ("Yếu, kém", "Weak"),
    },
    TaskRating: {
        TaskRating.HOAN_THANH_XUAT_SAC: (
            "Hoàn thành xuất sắc nhiệm vụ",
            "Tasks completed with distinction",
        ),
        TaskRating.HOAN_THANH_TOT: ("Hoàn thành tốt nhiệm vụ", "Tasks completed well"),
        TaskRating.HOAN_THANH: ("Hoàn thành nhiệm vụ", "Tasks completed"),
        TaskRating.KHONG_HOAN_THANH: ("Không hoàn thành nhiệm vụ", "Tasks not completed"),
    },
    # periods and quantities
    Precision: {
        Precision.EXACT: ("Chính xác", "Exact"),
        Precision.APPROXIMATE: ("Gần đúng", "Approximate"),
        Precision.OPEN_START: ("Chưa rõ ngày bắt đầu", "Open start"),
        Precision.OPEN_END: ("Chưa có ngày kết thúc", "Open end"),
        Precision.RECURRING: ("Hằng năm", "Recurring"),
        Precision.UNSPECIFIED: ("Không xác định thời gian", "Unspecified"),
    },
    Convention: {
        Convention.CALENDAR: ("Theo lịch", "Calendar"),
        Convention.REPORTING: ("Theo kỳ chốt số liệu báo cáo", "Reporting cut-offs"),
        Convention.ASSESSMENT: ("Theo kỳ đánh giá", "Assessment cycle"),
        Convention.SCHOOL_YEAR: ("Theo năm học", "School year"),
    },
    Qualifier: {
        Qualifier.EXACT: ("Chính xác", "Exact"),
        Qualifier.MORE_THAN: ("Trên", "More than"),
        Qualifier.NEARLY: ("Gần", "Nearly"),
        Qualifier.ABOUT: ("Khoảng", "About"),
        Qualifier.AT_LEAST: ("Ít nhất", "At least"),
        Qualifier.AT_MOST: ("Tối đa", "At most"),
        Qualifier.BASICALLY: ("Cơ bản", "Basically"),
    },
    # exports
    Language: {
        Language.VI: ("Tiếng Việt", "Vietnamese"),
        Language.EN: ("Tiếng Anh", "English"),
    },
}

# An award whose form the text does not state ("đã khen thưởng 02 tập thể").
_AWARD_FORM_NOT_STATED = ("Khen thưởng", "Commendation")

# The word for a unit's kind as it stands in the unit's name ("xã Khuôn Hà",
# "Khuôn Hà commune"): shorter than the label of the kind, lower case.
_KIND_WORDS: dict[UnitKind, tuple[str, str]] = {
    UnitKind.TINH: ("tỉnh", "province"),
    UnitKind.THANH_PHO_TRUC_THUOC_TRUNG_UONG: ("thành phố", "city"),
    UnitKind.HUYEN: ("huyện", "district"),
    UnitKind.QUAN: ("quận", "urban district"),
    UnitKind.THI_XA: ("thị xã", "town"),
    UnitKind.THANH_PHO_THUOC_TINH: ("thành phố", "city"),
    UnitKind.XA: ("xã", "commune"),
    UnitKind.PHUONG: ("phường", "ward"),
    UnitKind.THI_TRAN: ("thị trấn", "township"),
    UnitKind.DAC_KHU: ("đặc khu", "special zone"),
}


@runtime_checkable
class _Bilingual(Protocol):
    """Anything carrying its own text in both languages (a criterion, an exclusion)."""

    @property
    def text_vi(self) -> str: ...

    @property
    def text_en(self) -> str: ...


def _index(language: object) -> int:
    if isinstance(language, str):
        try:
            return LANGUAGES.index(language)
        except ValueError:
            pass
    raise UnknownLanguageError(language, LANGUAGES)


def label(value: object, language: str = "vi") -> str:
    """The label people read for *value*, in Vietnamese (``"vi"``, default) or English (``"en"``).

    - an enum member of khuonha: its label from the tables in this module;
    - a :class:`~khuonha.model.dates.KindLabel` (the words of a kind the library
      does not list): its text, in Vietnamese when it has no English;
    - an activity, a group, an organisation, an event, a programme item or an
      award: the name of its kind (its form, for an award), its own label first;
    - a plain string: an activity kind slug; an unknown slug is returned
      unchanged (the set of kinds is open);
    - a criterion (or anything with ``text_vi`` and ``text_en``): its text.

    Raises :class:`~khuonha.exceptions.UnknownLanguageError` for a language
    other than ``vi`` and ``en``, and
    :class:`~khuonha.exceptions.LabelNotFoundError` for a value that has no
    label (an enum defined outside khuonha, a number …).

    >>> from khuonha import OrganizationKind, Result
    >>> label(OrganizationKind.STEERING_COMMITTEE)
    'Ban Chỉ đạo'
    >>> label(Result.CHUA_DAT, "en")
    'Not met'
    >>> label(Result.DAT, "fr")
    Traceback (most recent call last):
    ...
    khuonha.exceptions.UnknownLanguageError: no labels in 'fr'; available: vi, en
    """
    index = _index(language)
    if isinstance(value, KindLabel):
        return value.text_in(LANGUAGES[index])
    if isinstance(value, Activity):
        return value.label_in(LANGUAGES[index])
    if isinstance(value, Award):
        if value.form_label is not None:
            return value.form_label.text_in(LANGUAGES[index])
        if value.form is None:  # the text says only "khen thưởng"
            return _AWARD_FORM_NOT_STATED[index]
        return label(value.form, language)
    if isinstance(value, Group | Organization | Event | ProgrammeItem):
        if value.kind_label is not None:
            return value.kind_label.text_in(LANGUAGES[index])
        return label(value.kind, language)
    if isinstance(value, Enum):
        pair = _LABELS.get(type(value), {}).get(value)
        if pair is None:
            raise LabelNotFoundError(value)
        return pair[index]
    if isinstance(value, str):
        known = ACTIVITY_KINDS.get(value)
        return value if known is None else known[index]
    if isinstance(value, _Bilingual):
        return value.text_vi if index == 0 else value.text_en
    raise LabelNotFoundError(value)


def unit_name(unit: AdministrativeUnit, language: str = "vi") -> str:
    """*unit*'s name with the word for its kind, as a text names it in *language*.

    Vietnamese puts the kind first ("xã Khuôn Hà"), English after the name
    ("Khuôn Hà commune"). Raises :class:`~khuonha.exceptions.UnknownLanguageError`
    for a language other than ``vi`` and ``en``.

    >>> import khuonha
    >>> unit = next(u for u in khuonha.sample().units if u.code == "02251")
    >>> unit_name(unit), unit_name(unit, "en")
    ('xã Khuôn Hà', 'Khuôn Hà commune')

    A unit known only by its name and level is named as written.
    """
    index = _index(language)
    if unit.kind is None:
        return unit.name
    word = _KIND_WORDS[unit.kind][index]
    return f"{unit.name} {word}" if index == 1 else f"{word} {unit.name}"


class WordTable(Mapping[str, tuple[str, str]]):
    """A plugin's own words in Vietnamese and English, checked to match key for key.

    Build it from ``key: (vi, en)`` pairs, or with :meth:`from_languages`
    from one table per language; either way both languages must have the
    same keys and every word is NFC, or :class:`ValueError` says which keys
    differ. Call it with a key and a :class:`~khuonha.Language` (or
    ``"vi"``/``"en"``); it is a read-only mapping of the pairs too.

    >>> words = WordTable({"when": ("Thời gian", "When"), "where": ("Địa điểm", "Where")})
    >>> words("when", Language.EN), words("where", "vi")
    ('When', 'Địa điểm')
    >>> WordTable.from_languages(vi={"when": "Thời gian"}, en={"where": "Where"})
    Traceback (most recent call last):
    ...
    ValueError: the word tables differ: only in vi: 'when'; only in en: 'where'
    """

    def __init__(self, pairs: Mapping[str, tuple[str, str]]) -> None:
        table: dict[str, tuple[str, str]] = {}
        for key, pair in pairs.items():
            if not (isinstance(pair, tuple) and len(cast("tuple[str, ...]", pair)) == 2):
                msg = f"word {key!r}: expected a (vi, en) pair, got {pair!r:.80}"
                raise ValueError(msg)
            for word in pair:
                if not isinstance(word, str) or not unicodedata.is_normalized("NFC", word):
                    msg = f"word {key!r}: expected NFC text, got {word!r:.80}"
                    raise ValueError(msg)
            table[key] = pair
        self._pairs = table

    @classmethod
    def from_languages(cls, *, vi: Mapping[str, str], en: Mapping[str, str]) -> WordTable:
        """A table from one mapping per language, which must have the same keys."""
        only_vi = [k for k in vi if k not in en]
        only_en = [k for k in en if k not in vi]
        if only_vi or only_en:
            parts = [
                f"only in {lang}: {', '.join(repr(k) for k in keys)}"
                for lang, keys in (("vi", only_vi), ("en", only_en))
                if keys
            ]
            msg = f"the word tables differ: {'; '.join(parts)}"
            raise ValueError(msg)
        return cls({key: (vi[key], en[key]) for key in vi})

    def __call__(self, key: str, language: Language | str = Language.VI) -> str:
        """The word *key* in *language* (:class:`~khuonha.exceptions.UnknownLanguageError`
        for another language; ``KeyError`` for an unknown key)."""
        return self._pairs[key][_index(str(language))]

    def __getitem__(self, key: str) -> tuple[str, str]:
        return self._pairs[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._pairs)

    def __len__(self) -> int:
        return len(self._pairs)

    def __repr__(self) -> str:
        return f"WordTable({len(self._pairs)} words)"
