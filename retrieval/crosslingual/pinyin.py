"""Pinyin (`pypinyin`): a Chinese word's spellings, whether an English word spells pinyin,
and the months."""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from functools import lru_cache

MAX_READINGS = 16  # spellings tried for a name whose characters have several readings

#: English month names and the way Chinese text writes the month ("March" -> 3月).
MONTH_ZH = re.compile(r"(?<!\d)(1[0-2]|0?[1-9])月")
MONTHS = {
    name: f"{number}月"
    for number, name in enumerate(
        "january february march april may june july august september october november "
        "december".split(),
        start=1,
    )
}


def pinyin(word: str) -> str:
    """A Chinese word's pinyin without tones or spaces (宁波 -> ningbo)."""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(word)).lower()


@lru_cache(maxsize=65536)
def pinyin_readings(word: str) -> tuple[str, ...]:
    """A Chinese word's spellings: pypinyin's reading first, then the other readings of its
    characters, when they make at most MAX_READINGS spellings (红寺堡 is Hongsibu, not
    pypinyin's hongsibao: 堡 reads bao, bu or pu)."""
    from pypinyin import Style
    from pypinyin import pinyin as readings

    first = pinyin(word)
    if not any(character in polyphonic() for character in word):
        return (first,)
    per_character = readings(word, style=Style.NORMAL, heteronym=True)
    if len(per_character) != len(word) or math.prod(map(len, per_character)) > MAX_READINGS:
        return (first,)
    spelled = ("".join(parts).lower() for parts in itertools.product(*per_character))
    return tuple(dict.fromkeys([first, *spelled]))


@lru_cache(maxsize=1)
def polyphonic() -> frozenset[str]:
    """The Chinese characters with more than one reading (pypinyin's table)."""
    from pypinyin.pinyin_dict import pinyin_dict

    return frozenset(chr(code) for code, readings in pinyin_dict.items() if "," in readings)


@lru_cache(maxsize=1)
def _pinyin_syllables() -> frozenset[str]:
    """Pinyin syllables without tones (pypinyin's table), of two letters or more: the
    vowels and interjections alone (a, e, o, m, n) would make most English words "pinyin"
    (si-e-men, mi-de-a)."""
    from pypinyin.pinyin_dict import pinyin_dict

    found: set[str] = set()
    for code, readings in pinyin_dict.items():
        if 0x4E00 <= code <= 0x9FFF:
            for reading in readings.split(","):
                plain = unicodedata.normalize("NFKD", reading)
                found.add("".join(c for c in plain if not unicodedata.combining(c)))
    return frozenset(s for s in found if s.isascii() and s.isalpha() and len(s) > 1 and s != "ng")


def spells_pinyin(word: str) -> bool:
    """Whether `word` is a run of pinyin syllables ("hangzhou", "taihu"): a Chinese name a
    Chinese text would write in characters, unlike "expo" or "yum"."""
    word = word.lower()
    syllables = _pinyin_syllables()
    reachable = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        reachable[end] = any(
            reachable[start] and word[start:end] in syllables
            for start in range(max(0, end - 6), end)
        )
    return bool(word) and reachable[-1]
