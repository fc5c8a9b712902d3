"""Build ``tests/corpus/NN.json``: corpus articles encoded as schema 2.0 datasets.

Each function below records the facts of one article (``NN.yaml`` of the
shared corpus) with the model, words as written, nothing invented: no code,
day or title the article lacks. Run ``uv run python tests/corpus/build.py``
to rewrite the documents; ``tests/test_corpus.py`` checks them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import attrs

import khuonha
from khuonha import (
    Activity,
    AdministrativeUnit,
    Anniversary,
    AreaKind,
    Award,
    AwardForm,
    Certification,
    Change,
    Dataset,
    Delegate,
    Event,
    EventKind,
    Group,
    GroupKind,
    KindLabel,
    MovementRating,
    NewsItem,
    Organization,
    OrganizationKind,
    PartOfDay,
    Period,
    Person,
    Photo,
    PoliceRank,
    Post,
    Precision,
    ProgrammeItem,
    ProgrammeKind,
    Qualifier,
    Quantity,
    ReducedDate,
    ResidentialArea,
    Site,
    Standard,
    StatisticRole,
    UnitKind,
    UnitLevel,
    UnitType,
)

HERE = Path(__file__).parent


def _unit(
    uid: str, name: str, kind: UnitKind | None, parent: str | None = None
) -> AdministrativeUnit:
    return AdministrativeUnit(id=uid, name=name, kind=kind, parent=parent)


def case_01() -> Dataset:
    """xã Thường Thới Hậu A: a provincial pilot Ngày hội, month only; a multi-site day."""
    units = (
        _unit("tinh-dong-thap", "Đồng Tháp", UnitKind.TINH),
        _unit("huyen-hong-ngu", "Hồng Ngự", UnitKind.HUYEN, "tinh-dong-thap"),
        _unit("xa-thuong-thoi-hau-a", "Thường Thới Hậu A", UnitKind.XA, "huyen-hong-ngu"),
        _unit("huyen-tan-hong", "Tân Hồng", UnitKind.HUYEN, "tinh-dong-thap"),
        _unit("huyen-tam-nong", "Tam Nông", UnitKind.HUYEN, "tinh-dong-thap"),
        AdministrativeUnit(
            id="binh-phu", name="Bình Phú", level=UnitLevel.COMMUNE, parent="huyen-tan-hong"
        ),
        AdministrativeUnit(
            id="phu-thanh-a", name="Phú Thành A", level=UnitLevel.COMMUNE, parent="huyen-tam-nong"
        ),
    )
    month = ReducedDate(
        year=2022,
        month=8,
        basis='the corpus listing dates the item 2022-08; the text says only "Sáng nay"',
    )
    events = (
        Event(
            id="ngay-hoi-thuong-thoi-hau-a-2022",
            kind=EventKind.NGAY_HOI,
            name="Ngày hội Toàn dân bảo vệ an ninh Tổ quốc, năm 2022",
            start_in=month,
            sites=(Site(unit="xa-thuong-thoi-hau-a"),),
            pilot=True,
            pilot_level=UnitLevel.PROVINCE,
            organiser_text="Hội đồng bảo vệ an ninh trật tự xã",
            description="Đây là xã biên giới được tỉnh chọn làm điểm tổ chức, "
            "rút kinh nghiệm cho các địa phương khác.",
            sources=("tin-01",),
        ),
        Event(
            id="ngay-hoi-cung-ngay-2022",
            kind=EventKind.NGAY_HOI,
            name="ngày hội toàn dân bảo vệ an ninh Tổ quốc",
            start_in=month,
            sites=(Site(unit="binh-phu"), Site(unit="phu-thanh-a")),
            description="Cùng ngày, một số địa phương khác như Bình Phú ở huyện Tân Hồng, "
            "Phú Thành A ở huyện Tam Nông cũng tổ chức ngày hội toàn dân bảo vệ an ninh Tổ quốc.",
            sources=("tin-01",),
        ),
    )
    gifts = Activity(
        id="qua-ngay-hoi",
        kind="trao_qua",
        label=KindLabel(vi="Trao quà cho người dân", en="Gifts to residents"),
        quantity=Quantity(value=100, unit="phần quà", text="100 phần quà"),
        event="ngay-hoi-thuong-thoi-hau-a-2022",
        description="Nhân Ngày hội, 100 phần quà được trao cho người dân trên địa bàn xã.",
        sources=("tin-01",),
    )
    news = NewsItem(
        id="tin-01",
        url="http://thdt.vn/ngay-hoi-toan-dan-bao-ve-an-ninh-to-quoc-xa-thuong-thoi-hau-a.html",
        published_in=month,
        events=tuple(e.id for e in events),
    )
    return Dataset(
        slug="corpus-01",
        title="Ngày hội Toàn dân bảo vệ an ninh Tổ quốc, năm 2022: xã Thường Thới Hậu A",
        commune="xa-thuong-thoi-hau-a",
        period=Period(
            start=date(2022, 1, 1), precision=Precision.OPEN_END, label="Từ đầu năm đến nay"
        ),
        units=units,
        activities=(gifts,),
        events=events,
        news=(news,),
    )


def case_02() -> Dataset:
    """xã Nam Tiến: the district's pilot Ngày hội on 2/8/2024; "13,849 nhân khẩu" is 13849."""
    units = (
        _unit("tinh-nam-dinh", "Nam Định", UnitKind.TINH),
        _unit("huyen-nam-truc", "Nam Trực", UnitKind.HUYEN, "tinh-nam-dinh"),
        _unit("xa-nam-tien", "Nam Tiến", UnitKind.XA, "huyen-nam-truc"),
    )
    orgs = (
        Organization(
            id="cong-an-tinh-nam-dinh",
            name="Công an tỉnh Nam Định",
            kind=OrganizationKind.POLICE,
            unit="tinh-nam-dinh",
            website="https://congan.namdinh.gov.vn",
        ),
    )
    people = (Person(id="vu-tien-duat", name="Vũ Tiến Duật"),)
    posts = (
        Post(
            id="vu-tien-duat-chuc-vu",
            label="Huyện ủy viên, Phó Chủ tịch UBND huyện, Trưởng BCĐ 138 huyện",
        ),
    )
    profile = "Với 1 nhà thờ xứ, 3 nhà thờ họ, có 16 đền, chùa với 13,849 nhân khẩu sinh sống"
    figures = (
        (
            "nhan-khau",
            "nhan_khau",
            ("Nhân khẩu", "Residents"),
            13849,
            "nhân khẩu",
            "13,849 nhân khẩu",
        ),
        (
            "nha-tho-xu",
            "nha_tho_xu",
            ("Nhà thờ xứ", "Parish churches"),
            1,
            "nhà thờ xứ",
            "1 nhà thờ xứ",
        ),
        (
            "nha-tho-ho",
            "nha_tho_ho",
            ("Nhà thờ họ", "Sub-parish churches"),
            3,
            "nhà thờ họ",
            "3 nhà thờ họ",
        ),
        (
            "den-chua",
            "den_chua",
            ("Đền, chùa", "Temples and pagodas"),
            16,
            "đền, chùa",
            "16 đền, chùa",
        ),
    )
    activities = tuple(
        Activity(
            id=aid,
            kind=kind,
            label=KindLabel(vi=vi, en=en),
            quantity=Quantity(value=value, unit=unit, text=text),
            role=StatisticRole.PROFILE,
            covered=("xa-nam-tien",),
            description=profile,
            sources=("tin-02",),
        )
        for aid, kind, (vi, en), value, unit, text in figures
    )
    event = Event(
        id="ngay-hoi-nam-tien-2024",
        kind=EventKind.NGAY_HOI,
        name="Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
        start_on=date(2024, 8, 2),  # "sáng nay, ngày 2/8"; the year from "Năm 2024, …"
        part_of_day=PartOfDay.SANG,
        sites=(Site(unit="xa-nam-tien"),),
        pilot=True,
        pilot_level=UnitLevel.DISTRICT,
        delegates=(
            Delegate(person="vu-tien-duat", posts=("vu-tien-duat-chuc-vu",)),
            Delegate(role="Chủ tịch UBND và Trưởng Công an các xã, thị trấn trên địa bàn"),
        ),
        description="Năm 2024, Nam Tiến là đơn vị được lựa chọn tổ chức “Ngày hội toàn dân bảo vệ "
        "an ninh Tổ quốc” điểm của huyện Nam Trực.",
        sources=("tin-02",),
    )
    news = NewsItem(
        id="tin-02",
        url="https://congan.namdinh.gov.vn/Default.aspx?sid=1216&pageid=27121&catid=50516"
        "&id=184863&catname=tin-hoat-dong-cong-an-tinh&title=xa-nam-tien-nam-truc-soi-noi-"
        "ngay-hoi-toan-dan-bao-ve-antq",
        publisher="cong-an-tinh-nam-dinh",
        events=(event.id,),
    )
    return Dataset(
        slug="corpus-02",
        title="Xã Nam Tiến, Nam Trực sôi nổi Ngày hội toàn dân bảo vệ ANTQ",  # the URL slug
        commune="xa-nam-tien",
        units=units,
        organizations=orgs,
        people=people,
        posts=posts,
        activities=activities,
        events=(event,),
        news=(news,),
    )


def case_03() -> Dataset:
    """xã Vân Hồ: a Ngày hội in bản Hợp Thành; Giấy khen of the UBND xã; gifts are no award."""
    units = (
        _unit("tinh-son-la", "Sơn La", UnitKind.TINH),
        _unit("xa-van-ho", "Vân Hồ", UnitKind.XA, "tinh-son-la"),
    )
    areas = (
        ResidentialArea(id="ban-hop-thanh", name="Hợp Thành", kind=AreaKind.BAN, unit="xa-van-ho"),
    )
    orgs = (
        Organization(
            id="ubnd-xa-van-ho",
            name="Ủy ban nhân dân xã Vân Hồ",
            kind=OrganizationKind.PEOPLES_COMMITTEE,
            unit="xa-van-ho",
        ),
        Organization(
            id="cong-an-tinh-son-la",
            name="Công an tỉnh Sơn La",
            kind=OrganizationKind.POLICE,
            unit="tinh-son-la",
        ),
    )
    people = (Person(id="dang-trong-cuong", name="Đặng Trọng Cường"),)
    posts = (
        Post(
            id="giam-doc-cong-an-tinh-son-la",
            label="Giám đốc Công an tỉnh Sơn La",
            organization="cong-an-tinh-son-la",
        ),
    )
    gifts_caption = "Đồng chí Giám đốc Công an tỉnh Sơn La trao quà cho các cá nhân và tập thể."
    award_caption = (
        "Ủy ban nhân dân xã Vân Hồ trao giấy khen cho 1 tập thể và 6 cá nhân có thành tích xuất "
        "sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc."
    )
    event = Event(
        id="ngay-hoi-van-ho-2025",
        kind=EventKind.NGAY_HOI,
        name="Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2025",
        start_on=date(2025, 8, 11),
        sites=(Site(area="ban-hop-thanh", address="tại bản Hợp Thành, xã Vân Hồ, tỉnh Sơn La"),),
        anniversaries=(
            Anniversary(
                of="Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
                years=20,
                text="20 năm Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
            ),
            Anniversary(
                of="ngày truyền thống lực lượng Công an nhân dân",
                years=80,
                text="kỷ niệm 80 năm ngày truyền thống lực lượng Công an nhân dân",
            ),
        ),
        delegates=(
            Delegate(
                person="dang-trong-cuong",
                rank=PoliceRank.THIEU_TUONG,
                posts=("giam-doc-cong-an-tinh-son-la",),
            ),
        ),
        programme=(
            ProgrammeItem(
                kind=ProgrammeKind.KHAC,
                kind_label=KindLabel(vi="Trao quà", en="Gifts"),
                title="trao quà cho các cá nhân và tập thể",
                speaker="dang-trong-cuong",
                summary=gifts_caption,
            ),
        ),
        sources=("tin-03",),
    )
    award = Award(
        id="giay-khen-ubnd-xa-van-ho-2025",
        form=AwardForm.GIAY_KHEN,
        title="giấy khen",
        issuer="ubnd-xa-van-ho",
        issuer_text="Ủy ban nhân dân xã Vân Hồ",
        presenter_organization="ubnd-xa-van-ho",
        collectives=1,
        individuals=6,
        reason="có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc",
        event=event.id,
        sources=("tin-03",),
    )
    models = Group(
        id="mo-hinh-tu-quan-van-ho",
        kind=GroupKind.TO_TU_QUAN,
        name="mô hình tự quản, tự phòng",
        unit="xa-van-ho",
        description="nhiều mô hình tự quản, tự phòng",  # "nhiều": no count
        sources=("tin-03",),
    )
    news = NewsItem(
        id="tin-03",
        title="Phát huy khối đại đoàn kết dân tộc tại vùng cao Sơn La",
        url="https://thuonghieuquocgia.nhandan.vn/phat-huy-khoi-dai-doan-ket-dan-toc-tai-vung-"
        "cao-son-la-post900060.html",
        photos=(Photo(caption=gifts_caption), Photo(caption=award_caption)),
        events=(event.id,),
    )
    return Dataset(
        slug="corpus-03",
        title=news.title or "",
        commune="xa-van-ho",
        period=Period(
            start=date(2025, 1, 1),
            precision=Precision.OPEN_END,  # how many months is not said
            label="những tháng đầu năm 2025",
        ),
        units=units,
        areas=areas,
        organizations=orgs,
        people=people,
        posts=posts,
        groups=(models,),
        events=(event,),
        awards=(award,),
        news=(news,),
    )


def case_05() -> Dataset:
    """phường Nguyễn Phúc: tham luận; the chủ tịch UBND phường commends 2 + 3 for năm 2022."""
    units = (
        _unit("tinh-yen-bai", "Yên Bái", UnitKind.TINH),
        _unit("thanh-pho-yen-bai", "Yên Bái", UnitKind.THANH_PHO_THUOC_TINH, "tinh-yen-bai"),
        _unit("phuong-nguyen-phuc", "Nguyễn Phúc", UnitKind.PHUONG, "thanh-pho-yen-bai"),
    )
    orgs = (
        Organization(
            id="ubnd-phuong-nguyen-phuc",
            name="UBND phường Nguyễn Phúc",
            kind=OrganizationKind.PEOPLES_COMMITTEE,
            unit="phuong-nguyen-phuc",
        ),
        Organization(
            id="cong-an-thanh-pho-yen-bai",
            name="Công an thành phố",
            kind=OrganizationKind.POLICE,
            unit="thanh-pho-yen-bai",
        ),
    )
    people = (
        Person(id="ngo-kim-ngoc", name="Ngô Kim Ngọc"),
        Person(id="phung-thi-thanh-van", name="Phùng Thị Thanh Vân"),
        Person(id="nguyen-dinh-phuong", name="Nguyễn Đình Phương"),
    )
    posts = (
        Post(
            id="bi-thu-chu-tich-hdnd-phuong",
            label="Bí thư Đảng ủy, chủ tịch Hội đồng nhân dân phường",
        ),
        Post(id="pho-bi-thu-dang-uy-phuong", label="Phó Bí thư"),
        Post(
            id="chu-tich-ubnd-phuong-nguyen-phuc",
            label="Chủ tịch UBND phường",
            organization="ubnd-phuong-nguyen-phuc",
        ),
        Post(
            id="pho-truong-cong-an-thanh-pho",
            label="Phó Trưởng Công an thành phố",
            organization="cong-an-thanh-pho-yen-bai",
        ),
    )
    talk = KindLabel(vi="Tham luận", en="Contributed talk")
    talks = tuple(
        ProgrammeItem(kind=ProgrammeKind.KHAC, kind_label=talk, title=f"tham luận về {topic}")
        for topic in (
            "công tác phối hợp giữa MTTQ với công an phường",
            "mô hình camera an ninh",
            "vai trò của Ban Bảo vệ dân phố",
            "vai trò của Cấp ủy chi bộ",
        )
    )
    event = Event(
        id="ngay-hoi-nguyen-phuc-2023",
        kind=EventKind.NGAY_HOI,
        name="Ngày hội Toàn dân bảo vệ an ninh Tổ Quốc phường năm 2023",
        start_on=date(2023, 8, 17),
        part_of_day=PartOfDay.SANG,
        organiser="ubnd-phuong-nguyen-phuc",
        sites=(Site(unit="phuong-nguyen-phuc"),),
        anniversaries=(
            Anniversary(
                of="ngày thành lập Công an Nhân dân",
                years=78,
                text="kỷ niệm 78 năm ngày thành lập Công an Nhân dân",
            ),
            Anniversary(
                of="Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
                years=18,
                text="18 năm Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
            ),
        ),
        delegates=(
            Delegate(person="ngo-kim-ngoc", posts=("bi-thu-chu-tich-hdnd-phuong",)),
            Delegate(
                person="phung-thi-thanh-van",
                posts=("pho-bi-thu-dang-uy-phuong", "chu-tich-ubnd-phuong-nguyen-phuc"),
            ),
            Delegate(
                person="nguyen-dinh-phuong",
                rank=PoliceRank.THUONG_TA,
                posts=("pho-truong-cong-an-thanh-pho",),
            ),
            Delegate(role="tổ trưởng tổ dân phố"),
            Delegate(role="thành viên Ban bảo vệ dân phố"),
            Delegate(role="các đồng chí Bí thư các chi bộ"),
        ),
        programme=talks,
        sources=("tin-05",),
    )
    award = Award(
        id="khen-thuong-chu-tich-ubnd-phuong-2022",
        title="khen thưởng",  # the form (giấy khen …) is not stated
        issuer="chu-tich-ubnd-phuong-nguyen-phuc",
        issuer_text="chủ tịch UBND phường",
        collectives=2,
        individuals=3,
        reason="đã có thành tích xuất sắc trong phong trào Toàn dân bảo vệ an ninh Tổ quốc "
        "năm 2022",
        achievement_period=Period(start=date(2022, 1, 1), end=date(2022, 12, 31), label="năm 2022"),
        event=event.id,
        sources=("tin-05",),
    )
    groups = (
        Group(
            id="mo-hinh-camera-an-ninh-nguyen-phuc",
            kind=GroupKind.MO_HINH,
            name="mô hình camera an ninh",
            unit="phuong-nguyen-phuc",
            sources=("tin-05",),
        ),
        Group(
            id="ban-bao-ve-dan-pho-nguyen-phuc",
            kind=GroupKind.BAO_VE_DAN_PHO,
            name="Ban Bảo vệ dân phố",
            unit="phuong-nguyen-phuc",
            sources=("tin-05",),
        ),
    )
    news = NewsItem(
        id="tin-05",
        url="http://nguyenphuc.thanhphoyenbai.yenbai.gov.vn/phuong-nguyen-phuc-to-chuc-ngay-hoi-"
        "toan-dan-bao-ve-an-ninh-to-quoc-nam-2023",
        events=(event.id,),
    )
    return Dataset(
        slug="corpus-05",
        title="Phường Nguyễn Phúc tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2023",
        commune="phuong-nguyen-phuc",
        units=units,
        organizations=orgs,
        people=people,
        posts=posts,
        groups=groups,
        events=(event,),
        awards=(award,),
        news=(news,),
    )


def case_08() -> Dataset:
    """phường Kỳ Sơn: 2025 reviewed on 29/1/2026; 30 tổ, 90 members; a Bộ Công an medal."""
    units = (
        _unit("tinh-phu-tho", "Phú Thọ", UnitKind.TINH),
        _unit("phuong-ky-son", "Kỳ Sơn", UnitKind.PHUONG, "tinh-phu-tho"),
    )
    orgs = (
        Organization(id="bo-cong-an", name="Bộ Công an", kind=OrganizationKind.POLICE),
        Organization(
            id="cong-an-tinh-phu-tho",
            name="Công an tỉnh",
            kind=OrganizationKind.POLICE,
            unit="tinh-phu-tho",
        ),
        Organization(
            id="phong-px03",
            name="Phòng PX03",
            kind=OrganizationKind.POLICE,
            parent="cong-an-tinh-phu-tho",
        ),
        Organization(
            id="bcd-phuong-ky-son",
            name="Ban Chỉ đạo xây dựng phong trào Toàn dân bảo vệ an ninh Tổ quốc phường Kỳ Sơn",
            kind=OrganizationKind.STEERING_COMMITTEE,
            unit="phuong-ky-son",
        ),
        Organization(
            id="bao-phu-tho",
            name="Báo Phú Thọ",
            kind=OrganizationKind.PRESS,
            website="https://baophutho.vn",
        ),
    )
    event = Event(
        id="tong-ket-ky-son-2025",
        kind=EventKind.HOI_NGHI,
        name="hội nghị tổng kết công tác xây dựng phong trào Toàn dân bảo vệ an ninh Tổ quốc và "
        "hoạt động của lực lượng tham gia bảo vệ an ninh, trật tự (ANTT) ở cơ sở năm 2025",
        start_on=date(2026, 1, 29),  # "Chiều 29/1", published 29/1/2026
        part_of_day=PartOfDay.CHIEU,
        organiser="bcd-phuong-ky-son",
        sites=(Site(unit="phuong-ky-son"),),
        delegates=(Delegate(role="Lãnh đạo Phòng PX03", organization="phong-px03"),),
        programme=(
            ProgrammeItem(
                kind=ProgrammeKind.KHAC,
                kind_label=KindLabel(
                    vi="Triển khai phương hướng, nhiệm vụ", en="Directions and tasks ahead"
                ),
                title="triển khai phương hướng, nhiệm vụ năm 2026",
            ),
        ),
        sources=("tin-08",),
    )
    teams = Group(
        id="to-bao-ve-antt-ky-son",
        kind=GroupKind.TO_BAO_VE_ANTT,
        name="tổ bảo vệ ANTT ở cơ sở",
        unit="phuong-ky-son",
        count=Quantity(value=30, unit="tổ", text="30 tổ bảo vệ ANTT ở cơ sở"),
        members=Quantity(
            value=90, unit="thành viên nòng cốt", text="tổng số 90 thành viên nòng cốt"
        ),
        description="Toàn phường hiện duy trì 30 tổ bảo vệ ANTT ở cơ sở với tổng số 90 thành "
        "viên nòng cốt.",
        sources=("tin-08",),
    )
    award = Award(
        id="ky-niem-chuong-bo-cong-an-ky-son",
        form=AwardForm.KY_NIEM_CHUONG,
        title="Kỷ niệm chương",
        issuer="bo-cong-an",
        issuer_text="Bộ Công an",
        presenter_organization="phong-px03",
        presenter_text="Lãnh đạo Phòng PX03",
        authority="cong-an-tinh-phu-tho",
        authority_text="Thừa ủy quyền của lãnh đạo Công an tỉnh",
        collectives=0,  # "cho cá nhân": individuals only, how many is not said
        reason="có nhiều đóng góp trong sự nghiệp Bảo vệ an ninh Tổ quốc",
        event=event.id,
        sources=("tin-08",),
    )
    news = NewsItem(
        id="tin-08",
        title="Phường Kỳ Sơn tổng kết phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2025",
        url="https://baophutho.vn/phuong-ky-son-tong-ket-phong-trao-toan-dan-bao-ve-an-ninh-to-"
        "quoc-nam-2025-246833.htm",
        published_on=date(2026, 1, 29),
        publisher="bao-phu-tho",
        events=(event.id,),
    )
    return Dataset(
        slug="corpus-08",
        title=news.title or "",
        commune="phuong-ky-son",
        period=Period(start=date(2025, 1, 1), end=date(2025, 12, 31), label="Năm 2025"),
        units=units,
        organizations=orgs,
        groups=(teams,),
        events=(event,),
        awards=(award,),
        news=(news,),
    )


def case_04() -> Dataset:
    """xã Gia Phú: anniversaries as data; the Minister's Bằng khen handed over "thừa uỷ quyền"."""
    units = (
        _unit("tinh-lao-cai", "Lào Cai", UnitKind.TINH),
        _unit("xa-gia-phu", "Gia Phú", UnitKind.XA, "tinh-lao-cai"),
    )
    orgs = (
        Organization(id="bo-cong-an", name="Bộ Công an", kind=OrganizationKind.POLICE),
        Organization(
            id="cong-an-tinh-lao-cai",
            name="Công an tỉnh Lào Cai",
            kind=OrganizationKind.POLICE,
            unit="tinh-lao-cai",
        ),
    )
    posts = (
        Post(id="bo-truong-bo-cong-an", label="Bộ trưởng Bộ Công an", organization="bo-cong-an"),
        Post(
            id="chu-tich-ubnd-tinh-lao-cai",
            label="Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh Lào Cai",
        ),
    )
    people = (Person(id="tran-huy-tuan", name="Trần Huy Tuấn"),)
    event = Event(
        id="ngay-hoi-gia-phu-2025",
        kind=EventKind.NGAY_HOI,
        name="Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
        start_on=date(2025, 7, 25),
        sites=(Site(unit="xa-gia-phu"),),
        anniversaries=(
            Anniversary(
                of="Công an nhân dân Việt Nam",
                since_on=date(1945, 8, 19),
                years=80,
                text="truyền thống 80 năm của Công an nhân dân Việt Nam (19/8/1945 - 19/8/2025)",
            ),
            Anniversary(
                of="Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
                since_on=date(2005, 8, 19),
                years=20,
                text="20 năm Ngày hội toàn dân bảo vệ an ninh Tổ quốc (19/8/2005 - 19/8/2025)",
            ),
        ),
        delegates=(Delegate(person="tran-huy-tuan", posts=("chu-tich-ubnd-tinh-lao-cai",)),),
        sources=("tin-04",),
    )
    award = Award(
        id="bang-khen-bo-truong-gia-phu",
        form=AwardForm.BANG_KHEN,
        title="Bằng khen",
        issuer="bo-truong-bo-cong-an",
        issuer_text="Bộ trưởng Bộ Công an",
        presenter_organization="cong-an-tinh-lao-cai",
        presenter_text="Lãnh đạo Công an tỉnh Lào Cai",
        authority="bo-truong-bo-cong-an",
        authority_text="Thừa uỷ quyền Bộ trưởng Bộ Công an",
        collectives=1,
        individuals=0,
        reason="tập thể cán bộ, nhân dân xã Gia Phú",
        event=event.id,
        sources=("tin-04",),
    )
    news = NewsItem(
        id="tin-04",
        url="https://trangtraiviet.danviet.vn/dua-ngay-hoi-toan-dan-bao-ve-an-ninh-to-quoc-den-"
        "tung-thon-xom-khu-dan-cu-d1350588.html",
        published_in=ReducedDate(year=2025, month=7, text="date 2025-07"),
        photos=(
            Photo(
                caption="Thừa uỷ quyền Bộ trưởng Bộ Công an, Lãnh đạo Công an tỉnh Lào Cai tặng "
                "Bằng khen cho tập thể cán bộ, nhân dân xã Gia Phú"
            ),
        ),
        events=(event.id,),
    )
    return Dataset(
        slug="corpus-04",
        title="Ngày hội toàn dân bảo vệ an ninh Tổ quốc: xã Gia Phú",
        commune="xa-gia-phu",
        period=Period.undated("những năm qua"),
        units=units,
        organizations=orgs,
        people=people,
        posts=posts,
        events=(event,),
        awards=(award,),
        news=(news,),
    )


def case_06() -> Dataset:
    """phường An Lạc: month only; "gần 20% dân số" is a profile figure, not a result."""
    units = (
        _unit("tinh-dak-lak", "Đắk Lắk", UnitKind.TINH),
        _unit("thi-xa-buon-ho", "Buôn Hồ", UnitKind.THI_XA, "tinh-dak-lak"),
        _unit("phuong-an-lac", "An Lạc", UnitKind.PHUONG, "thi-xa-buon-ho"),
    )
    share = Activity(
        id="dan-toc-thieu-so",
        kind="ty_le_dan_toc_thieu_so",
        label=KindLabel(vi="Tỷ lệ dân số là người dân tộc thiểu số", en="Ethnic minority share"),
        quantity=Quantity(
            value=20,
            qualifier=Qualifier.NEARLY,
            unit="%",
            scope_unit="dân số",
            text="gần 20% dân số",
        ),
        role=StatisticRole.PROFILE,
        covered=("phuong-an-lac",),
        description="phường có gần 20% dân số là người dân tộc thiểu số",
        sources=("tin-06",),
    )
    models = tuple(
        Group(id=f"mo-hinh-{i}", kind=GroupKind.MO_HINH, name=name, unit="phuong-an-lac")
        for i, name in enumerate(
            (
                "“Camera an ninh”",
                "“Tổ dân phố an toàn về phòng cháy, chữa cháy và cứu nạn, cứu hộ”",
                "“Phường không tiếng pháo”",
                "“Buôn tôi tự quản”",
            ),
            start=1,
        )
    )
    month = ReducedDate(year=2023, month=8, text="date 2023-08")
    event = Event(
        id="ngay-hoi-an-lac-2023",
        kind=EventKind.NGAY_HOI,
        name="Ngày hội Toàn dân bảo vệ an ninh Tổ quốc phường An Lạc, thị xã Buôn Hồ",
        start_in=month,
        sites=(Site(unit="phuong-an-lac"),),
        sources=("tin-06",),
    )
    news = NewsItem(
        id="tin-06",
        url="https://vov.vn/chinh-tri/pho-thu-tuong-tran-luu-quang-du-ngay-hoi-toan-dan-bao-ve-"
        "antq-tai-dak-lak-post1039240.vov",
        published_in=month,
        events=(event.id,),
    )
    return Dataset(
        slug="corpus-06",
        title="Ngày hội Toàn dân bảo vệ an ninh Tổ quốc phường An Lạc",
        commune="phuong-an-lac",
        units=units,
        activities=(share,),
        groups=models,
        events=(event,),
        news=(news,),
    )


def case_07() -> Dataset:
    """xã Phú Kiết: the launch of 08 Tổ bảo vệ ANTT of 03 members each."""
    units = (
        _unit("tinh-tien-giang", "Tiền Giang", UnitKind.TINH),
        _unit("huyen-cho-gao", "Chợ Gạo", UnitKind.HUYEN, "tinh-tien-giang"),
        _unit("xa-phu-kiet", "Phú Kiết", UnitKind.XA, "huyen-cho-gao"),
    )
    orgs = (
        Organization(
            id="ubnd-xa-phu-kiet",
            name="Ủy ban nhân dân xã Phú kiết huyện Chợ Gạo",
            kind=OrganizationKind.PEOPLES_COMMITTEE,
            unit="xa-phu-kiet",
        ),
    )
    event = Event(
        id="ra-mat-to-bao-ve-phu-kiet",
        kind=EventKind.KHAC,
        kind_label=KindLabel(
            vi="Lễ ra mắt Tổ bảo vệ an ninh, trật tự ở cơ sở", en="Launch of security teams"
        ),
        name="lễ ra mắt các tổ bảo vệ an ninh trật tự cơ sở",
        start_on=date(2024, 10, 4),
        organiser="ubnd-xa-phu-kiet",
        sites=(Site(unit="xa-phu-kiet"),),
        sources=("tin-07",),
    )
    teams = Group(
        id="to-bao-ve-antt-phu-kiet",
        kind=GroupKind.TO_BAO_VE_ANTT,
        name="tổ bảo vệ an ninh trật tự cơ sở",
        unit="xa-phu-kiet",
        count=Quantity(value=8, unit="tổ", text="08 tổ"),
        members_each=3,
        established_on=date(2024, 10, 4),
        description="xã Phú Kiết có 08 tổ bảo vệ an ninh trật tự cơ sở, mỗi tổ có 03 thành viên",
        sources=("tin-07",),
    )
    news = NewsItem(
        id="tin-07",
        url="http://www.thtg.vn/xa-phu-kiet-huyen-cho-gao-ra-mat-cac-to-bao-ve-an-ninh-trat-tu-o-co-so/",
        published_in=ReducedDate(year=2024, month=10, text="date 2024-10"),
        events=(event.id,),
    )
    return Dataset(
        slug="corpus-07",
        title="Xã Phú Kiết ra mắt các tổ bảo vệ an ninh trật tự ở cơ sở",
        commune="xa-phu-kiet",
        units=units,
        organizations=orgs,
        groups=(teams,),
        events=(event,),
        news=(news,),
    )


def case_09() -> Dataset:
    """xã Bắc Đông Quan: a review dated "Năm 2025" only; 12 tổ with 39 members; ranks."""
    units = (
        _unit("tinh-hung-yen", "Hưng Yên", UnitKind.TINH),
        _unit("xa-bac-dong-quan", "Bắc Đông Quan", UnitKind.XA, "tinh-hung-yen"),
    )
    names = (
        ("vu-quy-nhat", "Vũ Quý Nhật", None, "Bí thư Đảng ủy, Chủ tịch Hội đồng nhân dân xã"),
        ("nguyen-tong-thin", "Nguyễn Tống Thìn", None, "Phó Bí thư thường trực Đảng ủy"),
        (
            "nguyen-ngoc-manh",
            "Nguyễn Ngọc Mạnh",
            None,
            "Phó Bí thư Đảng ủy, Chủ tịch Ủy ban nhân dân xã",
        ),
        (
            "nguyen-le-hanh",
            "Nguyễn Lê Hanh",
            PoliceRank.TRUNG_TA,
            "Phó Trưởng phòng Công tác chính trị",
        ),
        (
            "nong-thi-van-anh",
            "Nông Thị Vân Anh",
            PoliceRank.TRUNG_TA,
            "Phó Trưởng phòng Cảnh sát quản lý hành chính về trật tự xã hội",
        ),
        (
            "dao-van-bach",
            "Đào Văn Bách",
            PoliceRank.TRUNG_TA,
            "Phó Trưởng phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ, Công an tỉnh",
        ),
    )
    people = tuple(Person(id=pid, name=name) for pid, name, _r, _p in names)
    posts = tuple(Post(id=f"{pid}-chuc-vu", label=post) for pid, _n, _r, post in names)
    year = ReducedDate(year=2025, text="Năm 2025")
    event = Event(
        id="tong-ket-bac-dong-quan-2025",
        kind=EventKind.HOI_NGHI,
        name="Hội nghị",
        start_in=year,
        sites=(Site(unit="xa-bac-dong-quan"),),
        delegates=tuple(
            Delegate(person=pid, rank=rank, posts=(f"{pid}-chuc-vu",))
            for pid, _n, rank, _p in names
        ),
        sources=("tin-09",),
    )
    groups = (
        Group(
            id="to-bao-ve-antt-bac-dong-quan",
            kind=GroupKind.TO_BAO_VE_ANTT,
            name="tổ bảo vệ an ninh, trật tự",
            unit="xa-bac-dong-quan",
            count=Quantity(value=12, unit="tổ", text="12 tổ bảo vệ an ninh, trật tự"),
            members=Quantity(value=39, unit="thành viên", text="39 thành viên"),
            description="duy trì 12 tổ bảo vệ an ninh, trật tự với 39 thành viên",
            sources=("tin-09",),
        ),
        Group(
            id="mo-hinh-tu-quan-bac-dong-quan",
            kind=GroupKind.TO_TU_QUAN,
            name="mô hình tự quản về an ninh trật tự",
            unit="xa-bac-dong-quan",
            count=Quantity(value=49, unit="mô hình", text="49 mô hình tự quản về an ninh trật tự"),
            sources=("tin-09",),
        ),
    )
    news = NewsItem(
        id="tin-09",
        url="http://congan.hungyen.gov.vn/xa-bac-dong-quan-tong-ket-cong-tac-xay-dung-phong-trao-"
        "toan-dan-bao-ve-an-ninh-to-quoc-cong-tac-quan-ly-su-dung-vu-khi-vat-lieu-no-cong-cu-"
        "ho-tro-phao-phong-chay-chua-chay-va-cuu-nan-cuu-ho-c233230.html",
        events=(event.id,),
    )
    return Dataset(
        slug="corpus-09",
        title="Xã Bắc Đông Quan tổng kết công tác xây dựng phong trào toàn dân bảo vệ ANTQ",
        commune="xa-bac-dong-quan",
        period=Period.year(2025),
        units=units,
        people=people,
        posts=posts,
        groups=groups,
        events=(event,),
        news=(news,),
    )


_L11 = (
    ("la-pan-tan", "La Pan Tẩn", UnitKind.XA, "Mường Khương"),
    ("ta-ngai-cho", "Tả Ngài Chồ", UnitKind.XA, "Mường Khương"),
    ("ta-gia-khau", "Tả Gia Khâu", UnitKind.XA, "Mường Khương"),
    ("pho-rang", "Phố Ràng", UnitKind.THI_TRAN, "Bảo Yên"),
    ("bao-ha", "Bảo Hà", UnitKind.XA, "Bảo Yên"),
    ("minh-luong", "Minh Lương", UnitKind.XA, "Văn Bàn"),
    ("san-chai", "Sán Chải", UnitKind.XA, "Si Ma Cai"),
    ("sin-cheng", "Sín Chéng", UnitKind.XA, "Si Ma Cai"),
    ("a-mu-sung", "A Mú Sung", UnitKind.XA, "Bát Xát"),
    ("coc-my", "Cốc Mỳ", UnitKind.XA, "Bát Xát"),
    ("y-ty", "Y Tý", UnitKind.XA, "Bát Xát"),
)


def _slug(text: str) -> str:
    from khuonha.text.unicode import match_key

    table = str.maketrans({"đ": "d"})
    import unicodedata

    plain = unicodedata.normalize("NFD", match_key(text).translate(table))
    return "-".join("".join(c for c in plain if c.isascii()).split())


def case_11() -> Dataset:
    """Lào Cai: 11 named xã, thị trấn certified, 07 Xuất sắc / 04 Khá; NTM 19.2 kept apart."""
    province = _unit("tinh-lao-cai", "Lào Cai", UnitKind.TINH)
    districts = {d for *_x, d in _L11}
    units = [province] + [
        _unit(f"huyen-{_slug(d)}", d, UnitKind.HUYEN, "tinh-lao-cai") for d in sorted(districts)
    ]
    units += [_unit(uid, name, kind, f"huyen-{_slug(d)}") for uid, name, kind, d in _L11]
    listed = tuple(uid for uid, *_x in _L11)
    count = Quantity(value=11, unit="xã, thị trấn", text="11 xã, thị trấn")
    certs = (
        Certification(
            id="antt-11-xa",
            unit_type=UnitType.XA,
            count=count,
            units=listed,
            scope="tinh-lao-cai",
            text="11 xã, thị trấn thuộc 05 huyện Bát Xát, Si Ma Cai, Văn Bàn, Mường Khương, "
            "Bảo Yên cũng đạt tiêu chuẩn “An toàn về an ninh, trật tự”",
            sources=("tin-11",),
        ),
        Certification(
            id="xep-loai-xuat-sac",
            standard=Standard.PHONG_TRAO,
            rating=MovementRating.XUAT_SAC,
            unit_type=UnitType.XA,
            count=Quantity(value=7, total=11, unit="xã, thị trấn", text="07 xã, thị trấn"),
            scope="tinh-lao-cai",
            text="07 xã, thị trấn có Phong trào “Toàn dân bảo vệ an ninh Tổ quốc” "
            "đạt loại Xuất sắc",
            sources=("tin-11",),
        ),
        Certification(
            id="xep-loai-kha",
            standard=Standard.PHONG_TRAO,
            rating=MovementRating.KHA,
            unit_type=UnitType.XA,
            count=Quantity(value=4, total=11, unit="xã", text="04 xã"),
            scope="tinh-lao-cai",
            text="04 xã có Phong trào đạt loại Khá",
            sources=("tin-11",),
        ),
    )
    acts = (
        Activity(
            id="ra-khoi-danh-sach-dot-nay",
            kind="ra_khoi_danh_sach_trong_diem",
            label=KindLabel(
                vi="Đưa ra khỏi danh sách xã trọng điểm, phức tạp về an ninh, trật tự",
                en="Removed from the list of key, complex communes",
            ),
            quantity=count,
            covered=listed,
            description="11 xã, thị trấn trên địa bàn tỉnh Lào Cai được đưa ra khỏi danh sách xã "
            "trọng điểm, phức tạp về an ninh, trật tự đợt này thuộc 05 huyện",
            sources=("tin-11",),
        ),
        Activity(
            id="ra-khoi-danh-sach-tu-2016",
            kind="ra_khoi_danh_sach_trong_diem",
            label=KindLabel(
                vi="Đưa ra khỏi danh sách xã trọng điểm, phức tạp về an ninh, trật tự",
                en="Removed from the list of key, complex communes",
            ),
            quantity=Quantity(value=80, unit="xã, thị trấn", text="80 xã, thị trấn"),
            period=Period(
                start=date(2016, 1, 1), precision=Precision.OPEN_END, label="từ năm 2016 đến nay"
            ),
            covered=("tinh-lao-cai",),
            description="Kết quả đã có 80 xã, thị trấn được đưa ra khỏi diện trọng điểm",
            sources=("tin-11",),
        ),
        Activity(
            id="ntm-chi-tieu-19-2",
            kind="ntm_chi_tieu_19_2",
            label=KindLabel(
                vi="Đạt chỉ tiêu 19.2 trong tiêu chí 19 về “Quốc phòng và an ninh”",
                en="New-rural indicator 19.2 met",
            ),
            quantity=Quantity(value=11, unit="xã, thị trấn"),
            programme="nông thôn mới",
            covered=listed,
            description="đạt chỉ tiêu 19.2 trong tiêu chí 19 về “Quốc phòng và an ninh”",
            sources=("tin-11",),
        ),
    )
    news = NewsItem(
        id="tin-11",
        title="Lào Cai: 11 xã, thị trấn ra khỏi danh sách xã trọng điểm, phức tạp về an ninh, "
        "trật tự",
        url="http://nongthonmoilaocai.vn/savefile/tin-trong-tinh/lao-cai-11-xa-thi-tran-ra-khoi-"
        "danh-sach-xa-trong-diem-phuc-tap-ve-an-ninh-trat-tu-784.html",
        published_on=date(2023, 10, 30),
    )
    return Dataset(
        slug="corpus-11",
        title=news.title or "",
        units=tuple(units),
        activities=acts,
        certifications=certs,
        news=(news,),
    )


def case_14() -> Dataset:
    """huyện Bến Lức: "100% xã, thị trấn" held a Ngày hội by 14/8/2022; one in ấp Long Bình."""
    units = (
        _unit("tinh-long-an", "Long An", UnitKind.TINH),
        _unit("huyen-ben-luc", "Bến Lức", UnitKind.HUYEN, "tinh-long-an"),
        _unit("xa-long-hiep", "Long Hiệp", UnitKind.XA, "huyen-ben-luc"),
    )
    areas = (
        ResidentialArea(id="ap-long-binh", name="Long Bình", kind=AreaKind.AP, unit="xa-long-hiep"),
    )
    deadline = Period(
        end=date(2022, 8, 14), precision=Precision.OPEN_START, label="đến ngày 14/8/2022"
    )
    all_communes = Quantity(
        value=100, unit="%", scope_unit="xã, thị trấn", text="100% xã, thị trấn"
    )
    events = (
        Event(
            id="ngay-hoi-long-binh-2022",
            kind=EventKind.NGAY_HOI,
            name="Ngày hội Toàn dân bảo vệ an ninh Tổ quốc",
            start_on=date(2022, 8, 14),
            sites=(Site(name="Nhà Văn hóa ấp Long Bình", area="ap-long-binh"),),
            delegates=(Delegate(person="tran-hoang-nhan", posts=("bi-thu-huyen-uy-ben-luc",)),),
            sources=("tin-14",),
        ),
        Event(
            id="ngay-hoi-ben-luc-2022",
            kind=EventKind.NGAY_HOI,
            name="Ngày hội Toàn dân bảo vệ an ninh Tổ quốc",
            start_in=ReducedDate(year=2022, text="đến ngày 14/8/2022"),
            site_count=all_communes,
            sites=(Site(unit="huyen-ben-luc"),),
            description="Theo kế hoạch, đến ngày 14/8/2022, 100% xã, thị trấn trên địa bàn huyện "
            "Bến Lức đã tổ chức Ngày hội Toàn dân bảo vệ an ninh Tổ quốc.",
            sources=("tin-14",),
        ),
    )
    held = Activity(
        id="xa-to-chuc-ngay-hoi",
        kind="to_chuc_ngay_hoi",
        label=KindLabel(vi="Xã, thị trấn tổ chức Ngày hội", en="Communes holding the festival"),
        quantity=all_communes,
        period=deadline,
        covered=("huyen-ben-luc",),
        event="ngay-hoi-ben-luc-2022",
        description="100% xã, thị trấn trên địa bàn huyện Bến Lức đã tổ chức Ngày hội Toàn dân "
        "bảo vệ an ninh Tổ quốc",
        sources=("tin-14",),
    )
    news = NewsItem(
        id="tin-14",
        title="Bến Lức 100% xã, thị trấn tổ chức Ngày hội Toàn dân bảo vệ an ninh Tổ quốc",
        url="https://la34.com.vn/ben-luc-100-xa-thi-tran-to-chuc-ngay-hoi-toan-dan-bao-ve-an-"
        "ninh-to-quoc-98747.html",
        published_on=date(2022, 8, 15),
        authors=("Việt Hằng", "Kim Phượng"),
        byline="Việt Hằng – Kim Phượng",
        events=tuple(e.id for e in events),
    )
    return Dataset(
        slug="corpus-14",
        title=news.title or "",
        commune="huyen-ben-luc",
        units=units,
        areas=areas,
        people=(Person(id="tran-hoang-nhan", name="Trần Hoàng Nhân"),),
        posts=(Post(id="bi-thu-huyen-uy-ben-luc", label="Tỉnh ủy viên, Bí thư Huyện ủy Bến Lức"),),
        activities=(held,),
        events=events,
        news=(news,),
    )


def case_10() -> Dataset:
    """xã Quảng Lạc: a March launch conference; "Trong năm qua" read as 2023; counts "hiện nay"."""
    units = (
        _unit("tinh-lang-son", "Lạng Sơn", UnitKind.TINH),
        _unit("tp-lang-son", "Lạng Sơn", UnitKind.THANH_PHO_THUOC_TINH, "tinh-lang-son"),
        _unit("xa-quang-lac", "Quảng Lạc", UnitKind.XA, "tp-lang-son"),
    )
    orgs = (
        Organization(
            id="bcd-138-quang-lac",
            name="Ban chỉ đạo 138 xã Quảng Lạc, thành phố Lạng Sơn",
            kind=OrganizationKind.STEERING_COMMITTEE,
            unit="xa-quang-lac",
        ),
        Organization(
            id="trang-tin-cong-an-lang-son",
            name="Trang thông tin Công an tỉnh Lạng Sơn",
            kind=OrganizationKind.PRESS,
            unit="tinh-lang-son",
            website="https://congan.langson.gov.vn/",
        ),
    )
    day = date(2024, 3, 19)
    conference = Event(
        id="hoi-nghi-phat-dong-quang-lac-2024",
        kind=EventKind.HOI_NGHI,
        name="Hội nghị phát động phong trào “Toàn dân bảo vệ An ninh Tổ quốc” năm 2024 và "
        "ra mắt mô hình “móc khóa an ninh”",
        start_on=day,
        organiser="bcd-138-quang-lac",
        sites=(Site(unit="xa-quang-lac"),),
        programme=(
            ProgrammeItem(
                kind=ProgrammeKind.PHAT_DONG,
                title="phát động phong trào “Toàn dân bảo vệ An ninh Tổ quốc” năm 2024",
            ),
        ),
        sources=("tin-10",),
    )
    launch = Event(
        id="ra-mat-moc-khoa-an-ninh",
        kind=EventKind.RA_MAT_MO_HINH,
        name="ra mắt mô hình “móc khóa an ninh”",
        start_on=day,
        parent=conference.id,
        sites=(Site(unit="xa-quang-lac"),),
        sources=("tin-10",),
    )
    past_year = attrs.evolve(
        Period.year(2023),
        label="Trong năm qua",
        basis="the sentence before it: Thực hiện Kế hoạch … năm 2023 … các chuyên đề công tác "
        "năm 2023 (an article of March 2024); the sentence itself names no year",
    )
    sessions = Activity(
        id="tuyen-truyen-phap-luat-2023",
        kind="hoc_tap_phap_luat",
        quantity=Quantity(value=15, unit="buổi", text="15 buổi"),
        period=past_year,
        covered=("xa-quang-lac",),
        description="lồng ghép tổ chức tuyên truyền phổ biến pháp luật được 15 buổi với 1.350 "
        "người tham gia",
        sources=("tin-10",),
    )
    people = Activity(
        id="nguoi-tham-gia-2023",
        kind="nguoi_tham_gia_tuyen_truyen",
        label=KindLabel(vi="Người tham gia tuyên truyền, phổ biến pháp luật", en="Attendees"),
        quantity=Quantity(value=1350, unit="người", text="1.350 người tham gia"),
        period=past_year,
        covered=("xa-quang-lac",),
        part_of=sessions.id,
        sources=("tin-10",),
    )

    counts = (  # "hiện nay" at the conference: point-in-time counts, leading zeros as written
        ("to-hoa-giai", GroupKind.TO_HOA_GIAI, "tổ hòa giải", 9, "tổ"),
        ("to-an-ninh-nhan-dan", GroupKind.TO_AN_NINH_NHAN_DAN, "tổ An ninh Nhân dân", 9, "tổ"),
        ("nhom-hoi-hieu", GroupKind.NHOM_HOI_HIEU, "nhóm “Hội hiếu”", 29, "nhóm"),
        ("to-an-ninh-xanh", GroupKind.KHAC, "tổ An ninh xanh", 1, "tổ"),
    )
    green = KindLabel(vi="Tổ An ninh xanh", en="Green security team")
    groups = (
        *(
            Group(
                id=gid,
                kind=kind,
                kind_label=green if kind is GroupKind.KHAC else None,
                name=name,
                unit="xa-quang-lac",
                count=Quantity(value=value, unit=unit, text=f"{value:02d} {name}"),
                as_of=day,
                sources=("tin-10",),
            )
            for gid, kind, name, value, unit in counts
        ),
        Group(
            id="to-lien-gia-tu-quan",
            kind=GroupKind.TO_LIEN_GIA,
            name="“Tổ liên gia tự quản về ANTT”",
            unit="xa-quang-lac",
            sources=("tin-10",),
        ),
        Group(
            id="doi-tu-quan",
            kind=GroupKind.TO_TU_QUAN,
            name="“Đội tự quản về ANTT”",
            unit="xa-quang-lac",
            sources=("tin-10",),
        ),
        Group(
            id="mo-hinh-moc-khoa-an-ninh",
            kind=GroupKind.MO_HINH,
            name="mô hình “móc khóa an ninh”",
            unit="xa-quang-lac",
            established_on=day,
            sources=("tin-10",),
        ),
    )
    news = NewsItem(
        id="tin-10",
        title="XÃ QUẢNG LẠC PHÁT ĐỘNG PHONG TRÀO “TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC” NĂM 2024",
        url="https://congan.langson.gov.vn/toan-dan-bao-ve-antq/34/xa-quang-lac-phat-dong-phong-"
        "trao-toan-dan-bao-ve-an-ninh-to-quoc-nam-2024/7405.aspx",
        published_on=date(2024, 3, 21),
        publisher="trang-tin-cong-an-lang-son",
        events=(conference.id, launch.id),
    )
    return Dataset(
        slug="corpus-10",
        title=news.title or "",
        commune="xa-quang-lac",
        units=units,
        organizations=orgs,
        activities=(sessions, people),
        groups=groups,
        events=(conference, launch),
        news=(news,),
    )


def case_12() -> Dataset:
    """Lâm Đồng 2019: counts mixing unit kinds under a joint standard; NTM look-alikes apart."""
    units = (_unit("tinh-lam-dong", "Lâm Đồng", UnitKind.TINH),)
    orgs = (
        Organization(
            id="cong-an-lam-dong",
            name="Công an Lâm Đồng",
            kind=OrganizationKind.POLICE,
            unit="tinh-lam-dong",
        ),
        Organization(
            id="bao-lam-dong",
            name="Báo Lâm Đồng",
            kind=OrganizationKind.PRESS,
            unit="tinh-lam-dong",
            website="http://baolamdong.vn/",
        ),
    )
    published = date(2019, 1, 9)
    now = Period(
        end=published,
        precision=Precision.OPEN_START,
        label="toàn tỉnh hiện có",
        basis="the publication date (09/01/2019): “hiện có” names no date",
    )
    standard = "tiêu chuẩn văn hóa và  “An toàn về an ninh trật tự”"
    certs = (
        Certification(
            id="van-hoa-antt-khu-dan-cu-xa",
            standard=Standard.VAN_HOA_ANTT,
            unit_type=UnitType.KHU_DAN_CU,
            other_unit_types=(UnitType.XA,),
            count=Quantity(
                value=1403,
                unit="khu dân cư, xã, phường, thị trấn",
                text="1.403 khu dân cư, xã, phường, thị trấn",
            ),
            scope="tinh-lam-dong",
            as_of=published,
            text=f"1.403 khu dân cư, xã, phường, thị trấn … {standard}",
            sources=("tin-12",),
        ),
        Certification(
            id="van-hoa-antt-co-quan",
            standard=Standard.VAN_HOA_ANTT,
            unit_type=UnitType.CO_QUAN,
            other_unit_types=(UnitType.DOANH_NGHIEP, UnitType.CO_SO_GIAO_DUC),
            count=Quantity(
                value=1756,
                unit="cơ quan, doanh nghiệp, nhà trường",
                text="1.756 cơ quan, doanh nghiệp, nhà trường",
            ),
            scope="tinh-lam-dong",
            as_of=published,
            text=f"1.756 cơ quan, doanh nghiệp, nhà trường … {standard}",
            sources=("tin-12",),
        ),
    )
    ntm = "nông thôn mới"
    reformed = Activity(
        id="cam-hoa-doi-tuong",
        kind="cam_hoa_doi_tuong",
        label=KindLabel(
            vi="Cảm hóa đối tượng hình sự, ma túy", en="Criminal and drug offenders reformed"
        ),
        quantity=Quantity(value=1979, unit="đối tượng", text="1.979 đối tượng hình sự, ma túy"),
        period=now,
        actor="cong-an-lam-dong",
        covered=("tinh-lam-dong",),
        description="cảm hóa 1.979 đối tượng hình sự, ma túy",
        sources=("tin-12",),
    )
    acts = (
        reformed,
        Activity(
            id="dua-ra-khoi-dien-quan-ly",
            kind="dua_ra_khoi_dien_quan_ly",
            label=KindLabel(
                vi="Đối tượng tiến bộ được đưa ra khỏi diện quản lý",
                en="Reformed offenders released from supervision",
            ),
            quantity=Quantity(value=571, unit="đối tượng", text="571 đối tượng tiến bộ"),
            period=now,
            covered=("tinh-lam-dong",),
            part_of=reformed.id,
            description="trong đó có 571 đối tượng tiến bộ được đưa ra khỏi diện quản lý",
            sources=("tin-12",),
        ),
        Activity(
            id="ntm-tieu-chi-an-ninh-trat-tu",
            kind="ntm_tieu_chi_an_ninh_trat_tu",
            label=KindLabel(
                vi="Xã đạt tiêu chí “An ninh trật tự xã hội được giữ vững”",
                en="Communes meeting the new-rural security criterion",
            ),
            quantity=Quantity(value=114, total=116, unit="xã", text="114/116 xã"),
            programme=ntm,
            covered=("tinh-lam-dong",),
            description="Toàn tỉnh có 114/116 xã đạt tiêu chí “An ninh trật tự xã hội được "
            "giữ vững”",
            sources=("tin-12",),
        ),
        Activity(
            id="ntm-huyen-dat-19-19",
            kind="ntm_huyen_dat_19_19_tieu_chi",
            label=KindLabel(vi="Huyện đạt 19/19 tiêu chí", en="Districts meeting all 19 criteria"),
            quantity=Quantity(value=1, unit="huyện", text="1 huyện"),
            programme=ntm,
            covered=("tinh-lam-dong",),
            description="1 huyện và 76 xã đạt 19/19 tiêu chí",
            sources=("tin-12",),
        ),
        Activity(
            id="ntm-xa-dat-19-19",
            kind="ntm_xa_dat_19_19_tieu_chi",
            label=KindLabel(vi="Xã đạt 19/19 tiêu chí", en="Communes meeting all 19 criteria"),
            quantity=Quantity(value=76, unit="xã", text="76 xã"),
            programme=ntm,
            covered=("tinh-lam-dong",),
            description="1 huyện và 76 xã đạt 19/19 tiêu chí",
            sources=("tin-12",),
        ),
        Activity(
            id="ntm-xa-dat-19-19-tang",
            kind="ntm_xa_dat_19_19_tieu_chi_tang",
            label=KindLabel(
                vi="Số xã đạt 19/19 tiêu chí tăng", en="Rise in communes meeting all 19 criteria"
            ),
            quantity=Quantity(value=14, unit="xã", text="tăng 14 xã"),
            change=Change.INCREASE,
            compared_with=attrs.evolve(Period.year(2017), label="so với năm 2017"),
            programme=ntm,
            covered=("tinh-lam-dong",),
            part_of="ntm-xa-dat-19-19",
            description="tăng 14 xã so với năm 2017",
            sources=("tin-12",),
        ),
    )
    news = NewsItem(
        id="tin-12",
        title='3.159 đơn vị đạt tiêu chuẩn văn hóa và "An toàn về an ninh trật tự"',
        url="http://baolamdong.vn/phapluat/201901/3159-don-vi-dat-tieu-chuan-van-hoa-va-an-"
        "toan-ve-an-ninh-trat-tu-2928206/",
        published_on=published,
        authors=("AN NHIÊN",),
        byline="AN NHIÊN",
        publisher="bao-lam-dong",
    )
    return Dataset(
        slug="corpus-12",
        title=news.title or "",
        units=units,
        organizations=orgs,
        activities=acts,
        certifications=certs,
        news=(news,),
    )


def case_13() -> Dataset:
    """xã Sùng Phài, April 2025: a baseline "cơ bản đạt 28/34", a 2025 target in two phases."""
    units = (
        _unit("tinh-lai-chau", "Lai Châu", UnitKind.TINH),
        _unit("tp-lai-chau", "Lai Châu", UnitKind.THANH_PHO_THUOC_TINH, "tinh-lai-chau"),
        _unit("xa-sung-phai", "Sùng Phài", UnitKind.XA, "tp-lai-chau"),
    )
    orgs = (
        Organization(
            id="cong-an-tinh-lai-chau",
            name="Công an tỉnh Lai Châu",
            kind=OrganizationKind.POLICE,
            unit="tinh-lai-chau",
        ),
        Organization(
            id="cong-an-xa-sung-phai",
            name="Công an xã Sùng Phài",
            kind=OrganizationKind.POLICE,
            unit="xa-sung-phai",
        ),
    )
    posts = (
        Post(
            id="pho-giam-doc-cong-an-lai-chau",
            label="Phó Giám đốc Công an tỉnh Lai Châu",
            organization="cong-an-tinh-lai-chau",
        ),
    )
    month = ReducedDate(
        year=2025,
        month=4,
        basis="the month the corpus gives for the item (date 2025-04); the stored text shows "
        "no date",
    )
    event = Event(
        id="hoi-nghi-xa-dien-hinh-sung-phai",
        kind=EventKind.HOI_NGHI,
        name="Hội nghị",
        start_in=month,
        delegates=(
            Delegate(
                person="khoang-van-thuong",
                rank=PoliceRank.DAI_TA,
                posts=("pho-giam-doc-cong-an-lai-chau",),
            ),
        ),
        sources=("tin-13",),
    )
    plan = Period(start=date(2025, 3, 1), end=date(2025, 12, 31), label="từ tháng 3 – 12/2025")
    phases = (
        Period(
            start=date(2025, 3, 1),
            end=date(2025, 6, 30),
            label="Giai đoạn 1 từ tháng 3 – 6/2025",
        ),
        Period(start=date(2025, 6, 1), end=date(2025, 12, 31), label="giai đoạn 2 từ 6 – 12/2025"),
    )
    typical = 'điển hình về phong trào "Toàn dân bảo vệ an ninh Tổ quốc"'
    acts = (
        Activity(
            id="khao-sat-tieu-chi-xa-dien-hinh",
            kind="tieu_chi_xa_dien_hinh_dat",
            label=KindLabel(
                vi="Tiêu chí xã điển hình về phong trào “Toàn dân bảo vệ an ninh Tổ quốc” đạt",
                en="Criteria of a model commune of the movement met",
            ),
            quantity=Quantity(
                value=28,
                total=34,
                qualifier=Qualifier.BASICALLY,
                unit="tiêu chí",
                text="cơ bản đạt 28/34 tiêu chí",
            ),
            role=StatisticRole.BASELINE,
            covered=("xa-sung-phai",),
            description="Bộ tiêu chí tạm thời xây dựng xã, phường, thị trấn điển hình về phong "
            'trào "Toàn dân bảo vệ an ninh Tổ quốc" ban hành kèm theo Quyết định số '
            "9745/QĐ-BCA-V05 ngày 28/12/2022 của Bộ Công an",
            sources=("tin-13",),
        ),
        Activity(
            id="xay-dung-xa-dien-hinh-2025",
            kind="xay_dung_xa_dien_hinh",
            label=KindLabel(
                vi="Xây dựng xã điển hình về phong trào “Toàn dân bảo vệ an ninh Tổ quốc”",
                en="Model commune of the movement to be built",
            ),
            quantity=Quantity(value=1, unit="xã"),
            role=StatisticRole.TARGET,
            deadline=plan,
            phases=phases,
            covered=("xa-sung-phai",),
            description=f"lựa chọn xây dựng xã Sùng Phài {typical} năm 2025",
            sources=("tin-13",),
        ),
    )
    camera = Group(
        id="mo-hinh-camera-an-ninh",
        kind=GroupKind.MO_HINH,
        name="mô hình Camera an ninh",
        unit="xa-sung-phai",
        sources=("tin-13",),
    )
    news = NewsItem(
        id="tin-13",
        url="https://danviet.vn/lai-chau-xa-sung-phai-thuc-hien-tot-phong-trao-toan-dan-bao-ve-"
        "an-ninh-to-quoc-d139057.html",
        published_in=month,
        events=(event.id,),
    )
    return Dataset(
        slug="corpus-13",
        title='Chuyển biến phong trào ""Toàn dân bảo vệ an ninh Tổ quốc" ở Sùng Phài',
        commune="xa-sung-phai",
        units=units,
        organizations=orgs,
        people=(Person(id="khoang-van-thuong", name="Khoàng Văn Thương"),),
        posts=posts,
        activities=acts,
        groups=(camera,),
        events=(event,),
        news=(news,),
    )


def case_15() -> Dataset:
    """huyện Thới Bình 2019: an unnamed unit's Ngày hội; a report over 2018 and 8 months of 2019."""
    units = (
        _unit("tinh-ca-mau", "Cà Mau", UnitKind.TINH),
        _unit("huyen-thoi-binh", "Thới Bình", UnitKind.HUYEN, "tinh-ca-mau"),
    )
    committee = Organization(
        id="ubnd-huyen-thoi-binh",
        name="UBND huyện",
        kind=OrganizationKind.PEOPLES_COMMITTEE,
        unit="huyen-thoi-binh",
    )
    report = Period(
        start=date(2018, 1, 1),
        end=date(2019, 8, 31),
        precision=Precision.APPROXIMATE,
        label="năm 2018 và 8 tháng đầu năm 2019",
    )
    event = Event(
        id="ngay-hoi-thoi-binh-2019",
        kind=EventKind.NGAY_HOI,
        name="Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
        start_in=ReducedDate(
            year=2019,
            basis="the report it heard covers “8 tháng đầu năm 2019”; the kind and the name "
            "come from the address (…-to-chuc-ngay-hoi-toan-dan-bao-ve-an-ninh-to-quoc)",
        ),
        programme=(
            ProgrammeItem(
                kind=ProgrammeKind.BAO_CAO,
                title="báo cáo công tác xây dựng phong trào năm 2018 và 8 tháng đầu năm 2019",
            ),
            ProgrammeItem(
                kind=ProgrammeKind.KHAC,
                kind_label=KindLabel(vi="Thảo luận", en="Discussion"),
                title="thảo luận, trao đổi kinh nghiệm",
            ),
            ProgrammeItem(kind=ProgrammeKind.KHEN_THUONG, title="khen thưởng"),
        ),
        sources=("tin-15",),
    )
    opinions = Activity(
        id="y-kien-dai-bieu",
        kind="y_kien_dai_bieu",
        label=KindLabel(
            vi="Ý kiến của đại biểu trao đổi kinh nghiệm", en="Delegates' contributions"
        ),
        quantity=Quantity(value=10, unit="ý kiến", text="10 ý kiến"),
        event=event.id,
        description="còn có 10 ý kiến của các đại biểu trao đổi kinh nghiệm",
        sources=("tin-15",),
    )
    award = Award(
        id="giay-khen-ubnd-huyen-thoi-binh",
        form=AwardForm.GIAY_KHEN,
        title="giấy khen",
        issuer=committee.id,
        issuer_text="UBND huyện",
        collectives=1,
        individuals=7,
        reason="có thành tích xuất sắc trong công tác bảo vệ an ninh Tổ quốc trên địa bàn huyện",
        event=event.id,
        sources=("tin-15",),
    )
    news = NewsItem(
        id="tin-15",
        url="http://thoibinh.camau.dcs.vn/thoi-binh-to-chuc-ngay-hoi-toan-dan-bao-ve-an-ninh-"
        "to-quoc.638",
        authors=("Thành Hiệp",),
        byline="Thành Hiệp",
        events=(event.id,),
    )
    return Dataset(
        slug="corpus-15",
        title="Thới Bình tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
        commune="huyen-thoi-binh",
        period=report,
        units=units,
        organizations=(committee,),
        activities=(opinions,),
        events=(event,),
        awards=(award,),
        news=(news,),
    )


CASES: dict[str, Callable[[], Dataset]] = {
    "01": case_01,
    "02": case_02,
    "03": case_03,
    "05": case_05,
    "08": case_08,
    "04": case_04,
    "06": case_06,
    "07": case_07,
    "09": case_09,
    "11": case_11,
    "14": case_14,
    "10": case_10,
    "12": case_12,
    "13": case_13,
    "15": case_15,
}


def main() -> None:
    for number, build in CASES.items():
        (HERE / f"{number}.json").write_bytes(khuonha.dumps(build(), pretty=True))


if __name__ == "__main__":
    main()
