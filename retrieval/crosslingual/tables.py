"""The field glossary and the colloquial words: two small data files of `retrieval/data`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def _read_table(name: str) -> dict[str, tuple[str, ...]]:
    """A two-column data file: term -> terms (";"-separated), comments skipped."""
    table: dict[str, tuple[str, ...]] = {}
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        term, targets, *_ = [*line.split("\t"), ""]
        table[term.strip()] = tuple(t.strip() for t in targets.split(";") if t.strip())
    return table


@lru_cache(maxsize=1)
def field_glossary() -> dict[str, tuple[str, ...]]:
    """Chinese field term -> its English renderings."""
    return _read_table("field_glossary.tsv")


@lru_cache(maxsize=1)
def colloquial() -> dict[str, tuple[str, ...]]:
    """Everyday Chinese word -> the formal words laws and notices use."""
    return _read_table("colloquial_zh.tsv")
