"""How fast :func:`khuonha.scan` reads report text, and that the time grows linearly.

Run on demand, never collected by pytest::

    uv run python benchmarks/bench_scan.py

It builds report-like text from real sentence shapes (qualifiers, thousands,
percentages, ratios, dates, document numbers, periods), two sentences in five
with figures and the rest narrative ("report"), or figures in every sentence
("dense"). For each size it prints the best of three runs in wall-clock and
CPU seconds, MB per CPU second and how much was found; then the same for a
few hostile shapes (long runs of separators, quotes, openers). CPU time is
the steadier figure on a shared machine.
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable

from khuonha import scan

SENTENCES = (
    "Trong 7 tháng đầu năm 2025, Công an xã đã tổ chức tuyên truyền lồng ghép được 6 buổi "
    "với trên 330 người tham dự. ",
    "Xã có 13,849 nhân khẩu, 100% số hộ ký cam kết, 10/10 thôn đạt chuẩn; ",
    "Thực hiện Quyết định số 510/QĐ-BCA ngày 19/8/2025, từ năm 2016 đến nay đã có 80 xã, "
    "thị trấn được đưa ra khỏi diện trọng điểm. ",
    "Nhân dịp kỷ niệm 80 năm (19/8/1945 – 19/8/2025), UBND huyện tặng giấy khen cho "
    "01 tập thể, 07 cá nhân; hằng năm duy trì 31 mô hình “Tự quản về an ninh trật tự”. ",
    "Năm 2018 và 8 tháng đầu năm 2019 không xảy ra vụ việc phức tạp, gần 87,9% hộ gia đình "
    "tham gia, đạt chỉ tiêu 19.2; liên hệ 0912 345 678 lúc 08:30.\n",
)
#: Narrative sentences with no figure, as most of a report is.
PROSE = (
    "Ban Chỉ đạo xã đã chủ động tham mưu cho cấp ủy, chính quyền ban hành kế hoạch triển khai "
    "phong trào toàn dân bảo vệ an ninh Tổ quốc, gắn với cuộc vận động toàn dân đoàn kết xây "
    "dựng nông thôn mới, đô thị văn minh. ",
    "Lực lượng Công an xã thường xuyên phối hợp với Mặt trận Tổ quốc và các đoàn thể nắm "
    "tình hình, giải quyết kịp thời các vụ việc phát sinh từ cơ sở, không để hình thành "
    "điểm nóng. ",
    "Quần chúng Nhân dân đã cung cấp nhiều nguồn tin có giá trị giúp lực lượng chức năng "
    "phát hiện, ngăn chặn, xử lý các hành vi vi phạm pháp luật trên địa bàn.\n",
)
HOSTILE = {
    "dots": "1." * 500_000,
    "slashes": "1/" * 500_000,
    "openers": "từ " * 330_000,
    "quotes": "5 tổ “" * 170_000,
    "digits": "1" * 1_000_000,
    "commas": "5 tổ, " * 170_000,
}


def make_text(size: int, *, dense: bool) -> str:
    """About *size* bytes: figures in every sentence (dense), or one sentence in three."""
    rng = random.Random(size)
    parts: list[str] = []
    total = 0
    while total < size:
        if dense or rng.random() < 0.4:  # two sentences in five have figures
            sentence = rng.choice(SENTENCES)
            # Vary the years and counts, so repeated readings are not all the same text.
            sentence = sentence.replace("2025", str(rng.randint(2016, 2030)))
            sentence = sentence.replace("330", str(rng.randint(10, 999)))
        else:
            sentence = rng.choice(PROSE)
        parts.append(sentence)
        total += len(sentence.encode("utf-8"))
    return "".join(parts)


def best(fn: Callable[[], object], runs: int = 3) -> tuple[float, float]:
    """The best wall-clock and CPU seconds of *runs* runs."""
    wall, cpu = [], []
    for _ in range(runs):
        gc.collect()
        t, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return min(wall), min(cpu)


def row(name: str, text: str, runs: int) -> None:
    size = len(text.encode("utf-8")) / 1_000_000
    wall, cpu = best(lambda: scan(text), runs)
    result = scan(text)
    found = len(result.quantities) + len(result.periods)
    print(f"{name:<10} {size:>6.2f} {wall:>8.3f} {cpu:>8.3f} {size / cpu:>7.2f} {found:>7}")


def main() -> None:
    print(f"{'text':<10} {'MB':>6} {'wall s':>8} {'cpu s':>8} {'MB/s':>7} {'found':>7}")
    for mb in (0.25, 0.5, 1.0, 2.0):
        row("report", make_text(int(mb * 1_000_000), dense=False), 3)
    for mb in (0.5, 1.0):
        row("dense", make_text(int(mb * 1_000_000), dense=True), 3)
    for name, text in HOSTILE.items():
        row(name, text, 1)


if __name__ == "__main__":
    main()
