"""Bundled datasets: the Khuôn Hà 2022 article and the made-up assessment demo."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from khuonha.codec.core import loads
from khuonha.data import SAMPLES
from khuonha.model.dataset import Dataset

__all__ = ["SAMPLES", "sample"]


@cache
def sample(name: str = "khuon-ha-2022") -> Dataset:
    """Return a bundled dataset (default: the Khuôn Hà 2022 article).

    The Khuôn Hà sample holds every entity and figure of the origin article,
    names exactly as written; it invents no name, code or number the article
    lacks (the ten villages and three schools are unnamed, so they are counts).

    >>> ds = sample()
    >>> [a.quantity.text for a in ds.activities][:2]
    ['92 lượt/ 10 thôn bản', 'trên 2.500 lượt người']
    """

    try:
        filename = SAMPLES[name]
    except KeyError:
        msg = f"no bundled sample {name!r}; available: {', '.join(sorted(SAMPLES))}"
        raise LookupError(msg) from None
    return loads(files("khuonha.data").joinpath(filename).read_bytes())
