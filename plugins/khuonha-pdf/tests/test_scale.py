"""A province's report in memory that does not grow with the page count.

The test renders 60 communes (about 100 pages) to stay fast; the benchmark
(``benchmarks/bench_pdf.py``) renders the full 120 communes (about 200 pages).
"""

from __future__ import annotations

import json
import subprocess
import sys

from khuonha_pdf.testing import commune_names, province_dataset

# Run in a fresh interpreter: the peak resident size of this test process would
# include every earlier test. Render a small province first, then the large one;
# the peak grows only by what the large one needs beyond the small one.
_SCRIPT = """
import io, json, resource, pypdf
from khuonha_pdf import PdfExporter, PdfOptions
from khuonha_pdf.testing import province_dataset

def run(communes):
    out = io.BytesIO()
    PdfExporter().write(province_dataset(communes), out, PdfOptions())
    pages = len(pypdf.PdfReader(io.BytesIO(out.getvalue())).pages)
    return pages, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, out.getvalue()

small_pages, small_rss, _ = run(8)
large_pages, large_rss, data = run(60)
last = pypdf.PdfReader(io.BytesIO(data)).pages[-1].extract_text()
print(json.dumps({"small_pages": small_pages, "small_kib": small_rss,
                  "large_pages": large_pages, "large_kib": large_rss,
                  "last_page": " ".join(last.split())}))
"""


def test_province_report_renders_in_bounded_memory() -> None:
    """60 communes give ~100 numbered pages; peak memory grows by < 40 KiB per extra page."""
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT], capture_output=True, text=True, check=True, timeout=300
    )
    result = json.loads(done.stdout)
    pages = result["large_pages"]
    assert 95 <= pages <= 130
    assert f"Trang {pages}/{pages}" in result["last_page"].replace("/ ", "/")
    extra_pages = pages - result["small_pages"]
    growth_kib = result["large_kib"] - result["small_kib"]
    # Holding every page's flowables or canvas state costs well over 100 KiB a page.
    assert growth_kib < 40 * extra_pages, f"{growth_kib} KiB more for {extra_pages} more pages"


def test_province_dataset_shape() -> None:
    """The helper builds one police force, seven activities and two events per commune."""
    ds = province_dataset(5)
    assert len(ds.activities) == 35
    assert len(ds.events) == 10
    assert sum(o.id.startswith("cong-an-xa-0") for o in ds.organizations) == 5
    names = commune_names(140)
    assert len(set(names)) == 140
    assert names[0] == "Khuôn Hà"
