"""A concept: one thing a question asks about and the ways text in either language can
express it (its word, its translations, an abbreviation, a number)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from assistant.answerers.concepts.evidence import Evidence
from corpus.language import has_cjk
from retrieval.crosslingual.dictionary import dictionary
from retrieval.crosslingual.pinyin import spells_pinyin
from retrieval.tokenize import tokenize_query

NUMBER = re.compile(r"\d+")
# How a deputy's title is written: "vice president", "deputy director", 副校长, 校长助理.
_DEPUTY_EN = r"\b(?:vice|deputy|assistant|associate|executive vice|senior vice)[\s-]+"
_DEPUTY_ZH = "副"
_ASSISTANT_ZH = "助理"
_CJK_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
ABBREVIATION_GAP = 3  # characters an abbreviation skips between two it keeps (顺德职业技术大学)
_ACRONYM = re.compile(r"[a-z]{3,6}")  # a short token that may be a name's initials ("vtc")
_ACRONYM_JOINT = r"[\s-]+(?:(?:and|of|for|the|&)[\s-]+)*"  # words an acronym skips


@dataclass(frozen=True)
class Concept:
    """One thing the question asks about and the ways text can express it."""

    name: str  # a search token of the question
    weight: float
    translations: tuple[str, ...] = ()  # the other language's terms for it
    penalty: float = 0.0  # cost on top when an answer misses it (see `Question.support`)
    pattern: re.Pattern[str] | None = None  # answer-type concepts: what the answer holds
    unknown: bool = False  # a dictionary word the collection lacks in either language
    proper: bool = False  # a name: capitalised inside an English question, a jieba proper noun
    principal: bool = False  # the thing asked for, not its deputy ("president", 校长)
    focus: bool = False  # the thing whose value is asked ("学费" of 学费多少钱, "salary")

    @cached_property
    def pinyin_name(self) -> bool:
        """A name spelt in pinyin ("Zibo", "Zhejiang"): a Chinese text writes it in
        characters whose pinyin spell it (淄博, 浙江)."""
        name = self.name  # a stem: "Qinghe" is "qingh"
        return (
            self.proper and not has_cjk(name) and (spells_pinyin(name) or spells_pinyin(name + "e"))
        )

    @property
    def spelled(self) -> bool:
        """A name spelt in pinyin that no translation renders (the collection's Chinese
        documents lack its characters, or jieba cuts them otherwise)."""
        return self.pinyin_name and not self.translations

    def covered_by(self, evidence: Evidence) -> bool:
        """Whether `evidence` expresses this concept: its word (a Chinese word by substring,
        顶岗实习 contains 实习; a number not inside another; a hyphenated word by its parts) or
        one of its translations."""
        if self.pattern is not None:
            return bool(self.pattern.search(evidence.text))
        if self.principal and self._only_deputies(evidence.text):
            return False
        text, tokens = evidence.text, evidence.tokens
        for term in self._substrings:  # loops, not any(): this runs for every sentence
            if term in text:
                return True
        if self.name in tokens or (self._number is not None and self._number.search(text)):
            return True
        if self._abbreviated is not None and self._abbreviated.search(text):
            return True
        return any(tokens.issuperset(words) for words in self._token_sets)

    def _only_deputies(self, text: str) -> bool:
        """Whether every mention of the word in `text` is of a deputy ("vice president",
        副校长, 校长助理): a deputy does not answer who the president is."""
        plain, deputy = self._mentions
        found = len(plain.findall(text))
        return found > 0 and len(deputy.findall(text)) >= found

    @cached_property
    def _mentions(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        """The word and its translations, and them as a deputy's title."""
        terms = (self.name, *self.translations)
        chinese = "|".join(re.escape(t) for t in terms if has_cjk(t))
        english = "|".join(re.escape(t) for t in terms if not has_cjk(t))
        plain: list[str] = []
        deputy: list[str] = []
        if chinese:
            plain.append(f"(?:{chinese})")
            deputy += [f"{_DEPUTY_ZH}(?:{chinese})", f"(?:{chinese}){_ASSISTANT_ZH}"]
        if english:
            plain.append(rf"\b(?:{english})\w*")
            deputy.append(rf"{_DEPUTY_EN}(?:{english})\w*")
        return (
            re.compile("|".join(plain), re.IGNORECASE),
            re.compile("|".join(deputy), re.IGNORECASE),
        )

    @cached_property
    def _abbreviated(self) -> re.Pattern[str] | None:
        """A Chinese name as the abbreviation of a longer one: its characters in order, a
        few apart (职大 in 职业大学, 顺职大 in 顺德职业技术大学); an English acronym no
        dictionary knows as the initials of a name ("vtc": Vocational and Technical College)."""
        if _ACRONYM.fullmatch(self.name) and not dictionary().knows(self.name):
            # Evidence is lower-cased: the initials start words of four letters or more.
            initials = _ACRONYM_JOINT.join(f"{letter}[a-z]{{3,}}" for letter in self.name)
            return re.compile(rf"\b{initials}\b")
        if not self.proper or len(self.name) < 2 or not _CJK_WORD.fullmatch(self.name):
            return None
        gap = f".{{0,{ABBREVIATION_GAP}}}"
        return re.compile(gap.join(re.escape(c) for c in self.name))

    @cached_property
    def _substrings(self) -> tuple[str, ...]:
        """The Chinese word and Chinese translations, matched as substrings."""
        return tuple(t for t in (self.name, *self.translations) if has_cjk(t))

    @cached_property
    def _number(self) -> re.Pattern[str] | None:
        """A number of the question, not inside a longer one ("2024" in 2024-05-14)."""
        return re.compile(rf"(?<!\d){self.name}(?!\d)") if NUMBER.fullmatch(self.name) else None

    @cached_property
    def _token_sets(self) -> tuple[tuple[str, ...], ...]:
        """Search tokens that must all be present: a hyphenated word's parts ("industry
        education"), each English translation's tokens; for an English word, the tokens of
        each English definition of its Chinese renderings (synonyms through Chinese)."""
        own = [self.name.replace("-", " ")] if "-" in self.name and not has_cjk(self.name) else []
        other = [t for t in self.translations if not has_cjk(t)]
        if not has_cjk(self.name) and self.pattern is None:
            # An English word is also said by the other English words for its Chinese
            # renderings ("established": 成立, which is also "set up").
            other += [d for t in self.translations if has_cjk(t) for d in dictionary().english(t)]
        words = (tokenize_query(t) for t in (*own, *other))
        return tuple(w for w in words if w)


def asks_deputy(text: str, word: str) -> bool:
    """Whether the question itself asks for a deputy ("who is the vice president")."""
    if has_cjk(word):
        return f"{_DEPUTY_ZH}{word}" in text or f"{word}{_ASSISTANT_ZH}" in text
    return bool(re.search(rf"{_DEPUTY_EN}{re.escape(word)}", text, re.IGNORECASE))
