"""What kind of answer a question asks for: a time, an amount, a place, a choice among
things (who, which), a way (how), a reason, a thing (what), or a yes or no.

Question grammar, not content: "When is the library open?" and 图书馆什么时候开放 ask for a
time, "How much is the fee?" and 学费一年多少 for an amount, "Can I retake an exam?" and
挂科了能不能参加补考 for a yes or no (no asking word at all: 吗, 能不能). Two questions worded
their own way that ask the same kind of thing, and are nearly as close as the gate, are
rewordings more often than not (`assistant/curated.py`); a word list about particular
content plays no part.
"""

from __future__ import annotations

import re
from functools import lru_cache

YES_NO = "yes/no"  # the kind of a question with no asking word

# Tried in order: the first that finds its words decides (几点 is a time before 几 is an
# amount, 哪里 a place before 哪 a choice, "how many" an amount before "how" a way).
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "time",
        re.compile(
            r"\bwhen\b|\b(?:what|which) (?:time|date|day|year|month)\b"
            r"|几点|几月|几号|[周期]几|什么时[候间]|何时|哪一?[天年]",
            re.I,
        ),
    ),
    ("amount", re.compile(r"\bhow (?:many|much|long|often)\b|多少|几|多久|多长|多大", re.I)),
    ("place", re.compile(r"\bwhere\b|哪里|哪儿|在哪", re.I)),
    ("choice", re.compile(r"\bwho(?:m|se)?\b|\bwhich\b|谁|哪", re.I)),
    ("reason", re.compile(r"\bwhy\b|为什么|为何", re.I)),
    ("way", re.compile(r"\bhow\b|怎|如何", re.I)),
    ("thing", re.compile(r"\bwhat\b|什么|啥", re.I)),
)


# Kinds that ask for a value of one sort: a question asking for one of them and another for
# a different one ("When does … start?" / "Where does … take place?") are two questions.
VALUE_KINDS = frozenset({"time", "amount", "place", "reason"})


@lru_cache(maxsize=4096)
def asked_kinds(question: str) -> tuple[str, ...]:
    """Every kind of answer `question` asks for, in the order of `_KINDS` (a stretch of words
    counts once: 几点 is a time and not also an amount); empty for a yes or no."""
    found: list[str] = []
    for kind, words in _KINDS:
        question, n = words.subn(" ", question)
        if n:
            found.append(kind)
    return tuple(found)


def asked_kind(question: str) -> str:
    """The kind of answer `question` asks for first (`YES_NO` when it has no asking word)."""
    kinds = asked_kinds(question)
    return kinds[0] if kinds else YES_NO


def asks_another_value(question: str, other: str) -> bool:
    """Whether the two ask for values of different sorts (`VALUE_KINDS`): a time and a place,
    an amount and a reason; a question asking for both ("When and where …?") shares each."""
    mine = VALUE_KINDS.intersection(asked_kinds(question))
    theirs = VALUE_KINDS.intersection(asked_kinds(other))
    return bool(mine and theirs) and not mine & theirs
