"""Word lists for :func:`khuonha.scan`: qualifiers, stops, units, labels.

Every list is written in plain Vietnamese and compared by match key, so a
reader can check it against the way reports write.
"""

from __future__ import annotations

from khuonha.text._scan_lex import keys
from khuonha.text.quantities import Qualifier

__all__ = [
    "COUNT_NOUNS",
    "GROUPS",
    "LABELS",
    "MEASURES",
    "NAMED",
    "QUALIFIERS",
    "STOPS",
    "TIME_UNITS",
    "ZERO_NOUNS",
    "ZERO_VERBS",
]

#: Words before a number and what they make of it (longest phrases are tried first).
QUALIFIERS: dict[str, Qualifier] = {
    **dict.fromkeys(keys("trên", "hơn"), Qualifier.MORE_THAN),
    **dict.fromkeys(keys("gần", "gần như", "xấp xỉ gần"), Qualifier.NEARLY),
    **dict.fromkeys(
        keys("khoảng", "chừng", "khoảng chừng", "ước", "ước tính", "ước khoảng", "xấp xỉ",
             "trên dưới"),
        Qualifier.ABOUT,
    ),
    # "không dưới" (not below) is at least: the longest phrase wins over "dưới".
    **dict.fromkeys(
        keys("ít nhất", "tối thiểu", "không dưới", "không ít hơn", "không thấp hơn"),
        Qualifier.AT_LEAST,
    ),
    **dict.fromkeys(
        keys("tối đa", "không quá", "không vượt quá", "không hơn", "không nhiều hơn", "dưới",
             "chưa đến", "chưa tới", "chưa đầy", "không đầy"),
        Qualifier.AT_MOST,
    ),
    **dict.fromkeys(keys("cơ bản", "cơ bản đạt"), Qualifier.BASICALLY),
}  # fmt: skip
#: "hàng trăm người": the smallest value the words allow.
GROUPS: dict[str, int] = {
    **dict.fromkeys(keys("chục"), 10),
    **dict.fromkeys(keys("trăm"), 100),
    **dict.fromkeys(keys("nghìn", "ngàn"), 1000),
    **dict.fromkeys(keys("vạn"), 10000),
    **dict.fromkeys(keys("triệu"), 1000000),
}
#: Words (and pairs) where a counted noun ends: verbs, prepositions, conjunctions.
STOPS = keys(
    "với", "được", "đã", "đang", "sẽ", "là", "và", "hoặc", "hay", "của", "cho", "trong", "tại",
    "trên", "dưới", "theo", "từ", "đến", "tới", "khi", "nếu", "nhưng", "mà", "thì", "có",
    "không", "chưa", "đạt", "tham gia", "tham dự", "tăng", "giảm", "so với", "bằng", "gồm",
    "trong đó", "thuộc", "nhằm", "để", "do", "bởi", "vào", "lúc", "như", "cùng", "mỗi", "các",
    "những", "nhiều", "toàn", "tất cả", "trao", "tặng", "thu hút", "ký", "ra mắt", "đưa",
    "phát hiện", "xử lý", "bắt", "giúp", "hỗ trợ", "nhận", "vẫn", "còn", "cũng", "đều",
    "chiếm", "tương ứng", "trở lên", "trở xuống", "sau", "trước", "qua", "lên", "xuống",
    "ra", "về", "đi", "tổ chức", "thực hiện", "triển khai", "xây dựng", "duy trì", "hoạt động",
    "ngày", "năm", "tháng", "quý", "này", "đó", "kia", "ấy", "nữa", "thêm", "hơn", "khoảng",
    "gần", "hiện", "nay", "tổng", "riêng", "ngoài", "sinh sống", "cư trú", "gồm có",
    "bao gồm", "trong tổng số",
)  # fmt: skip
#: Measures: a comma before three digits is a decimal comma ("13,849 km2").
MEASURES = keys(
    "km", "km2", "km²", "m", "m2", "m²", "m3", "m³", "ha", "hecta", "héc ta", "kg", "g", "tấn",
    "tạ", "yến", "lít", "ml", "đồng", "triệu", "tỷ", "tỉ", "nghìn", "ngàn", "usd", "cm", "mm",
    "lần", "điểm", "độ", "phần trăm", "đ", "vnđ", "vnd", "giờ", "phút", "giây", "năm",
    "tháng", "ngày", "tuần",
)  # fmt: skip
#: Things counted one by one: a comma before three digits groups thousands ("13,849 nhân khẩu").
COUNT_NOUNS = keys(
    "người", "nhân khẩu", "hộ", "hộ gia đình", "lượt", "lượt người", "khẩu", "đối tượng",
    "thành viên", "hội viên", "đoàn viên", "cán bộ", "học sinh", "sinh viên", "công nhân",
    "đảng viên", "quần chúng", "cá nhân", "tập thể", "vụ", "vụ việc", "trường hợp", "tin",
    "bài", "buổi", "cuộc", "tờ", "tờ rơi", "tài liệu", "cuốn", "bản", "thôn", "xã", "phường",
    "tổ", "nhóm", "khu dân cư", "mô hình", "camera", "phần quà", "suất", "xuất", "cơ sở",
    "doanh nghiệp", "cơ quan", "đơn vị", "trường", "hồ sơ", "đơn", "ý kiến", "câu lạc bộ",
    "chiếc", "khẩu súng", "khẩu", "viên", "quả", "xe", "phương tiện", "con", "cây", "căn",
    "nhà", "điểm", "tụ điểm", "lớp", "hội nghị", "lượt hộ", "gia đình", "tổ chức", "đội",
    "ấp", "bản", "buôn", "khóm", "làng", "xóm", "tổ dân phố", "huyện", "tỉnh",
)  # fmt: skip
#: Durations: the counted noun is this one word ("80 năm ngày truyền thống").
TIME_UNITS = keys("năm", "tháng", "ngày", "tuần", "quý", "giờ", "phút", "giây")
#: Nouns after which a number is a name or a section, not a count ("tiêu chí 19", "tổ 5").
LABELS = keys(
    "điều", "khoản", "điểm", "mục", "tiểu mục", "tiêu chí", "chỉ tiêu", "giai đoạn", "đợt",
    "lần", "phần", "chương", "bước", "khóa", "khoá", "kỳ", "số", "thứ", "tổ", "thôn", "xóm",
    "ấp", "khu", "khóm", "bản", "đội", "phố", "phường", "quận", "lô", "quốc lộ", "tỉnh lộ",
    "đường", "km", "trang", "hình", "ảnh", "bảng", "biểu", "phụ lục", "mẫu", "tập", "câu",
    "nhóm", "lớp", "cấp", "hạng", "loại", "số hiệu", "mã", "phòng", "tầng", "căn",
    "quyết định", "nghị định", "thông tư", "chỉ thị", "nghị quyết", "luật", "tờ trình",
    "báo cáo", "kế hoạch", "công văn", "văn bản", "khu phố", "tuyến", "biển", "kênh", "đài",
    "hotline", "tổng đài", "điện thoại", "sđt", "đt", "fax", "zalo", "tài khoản", "cmnd",
    "cccd", "ngày", "tháng", "quý", "năm", "tuổi", "năm sinh", "lúc", "chốt", "trạm", "hộp",
    "ô", "giờ", "hội nghị", "đại hội", "kỳ họp", "khóa học", "chuyên đề", "tiết", "vòng",
    "chỉ đạo", "ban", "dự án", "chương trình", "đề án", "nghị quyết số", "tổ công tác",
)  # fmt: skip
#: Nouns that "không có" / "không xảy ra" count as zero of.
ZERO_NOUNS = keys(
    "đối tượng", "vụ", "vụ việc", "trường hợp", "người", "hộ", "tụ điểm", "điểm", "tội phạm",
    "ca", "đơn", "đơn thư", "sự việc", "tai nạn", "vụ cháy", "cháy", "vi phạm", "khiếu kiện",
    "khiếu nại", "điểm nóng", "phức tạp", "tệ nạn", "hiện tượng", "con nghiện", "người nghiện",
)  # fmt: skip
#: Words that say there were none: "không có", "không xảy ra", "không để xảy ra".
ZERO_VERBS = keys(
    "không có", "chưa có", "không xảy ra", "không để xảy ra", "chưa xảy ra", "không phát sinh",
    "không còn", "không phát hiện",
)  # fmt: skip
#: Administrative nouns followed by a proper name ("05 huyện Bát Xát, Si Ma Cai").
NAMED = keys(
    "huyện", "xã", "phường", "tỉnh", "thị trấn", "thôn", "bản", "ấp", "buôn", "xóm", "làng",
    "thành phố", "thị xã", "quận", "tổ dân phố", "khu phố", "khóm", "đồng chí", "ông", "bà",
)  # fmt: skip
