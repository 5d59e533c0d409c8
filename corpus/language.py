"""Language detection for the two scripts of the collection."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def cjk_ratio(text: str) -> float:
    """Share of CJK ideographs among the letters of `text` (0 when there are none)."""
    cjk = len(_CJK.findall(text))
    latin_words = len(re.findall(r"[A-Za-z]+", text))
    total = cjk + latin_words
    return cjk / total if total else 0.0


def detect_language(text: str) -> str:
    """Return "zh" when Chinese dominates `text`, else "en"."""
    return "zh" if cjk_ratio(text[:20000]) >= 0.3 else "en"


def has_cjk(text: str) -> bool:
    """Whether `text` contains any CJK ideograph."""
    return bool(_CJK.search(text))


def has_latin(text: str) -> bool:
    """Whether `text` contains any Latin letter."""
    return bool(_LATIN.search(text))
