"""Evidence: the text a question's concepts are looked for in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from retrieval.tokenize import english_tokens


@dataclass(frozen=True)
class Evidence:
    """Text a question is checked against: its English tokens and its lower-cased characters.

    Chinese terms are matched as substrings of the text (a jieba word of the text is one), so
    only the English stems and numbers are tokens: jieba is not run on every sentence.
    """

    tokens: frozenset[str]
    text: str

    @classmethod
    def of(cls, text: str) -> Evidence:
        """The evidence of one piece of text."""
        return _evidence(text)

    def __or__(self, other: Evidence) -> Evidence:
        return Evidence(self.tokens | other.tokens, f"{self.text}\n{other.text}")


@lru_cache(maxsize=16384)
def _evidence(text: str) -> Evidence:
    return Evidence(frozenset(english_tokens(text)), text.lower())


EMPTY = Evidence(frozenset(), "")


def union(parts: Iterable[Evidence]) -> Evidence:
    """All `parts` as one piece of evidence."""
    result = EMPTY
    for part in parts:
        result = result | part
    return result
