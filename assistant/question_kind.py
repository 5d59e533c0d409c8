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
            r"\bwhen\b|\b(?:what|which) (?:time|date|day|year|month)\b|\bhow (?:late|early|soon)\b"
            r"|几点|几月|几号|[周期]几|什么时[候间]|何时|哪一?[天年]",
            re.I,
        ),
    ),
    ("amount", re.compile(r"\bhow (?:many|much|long|often)\b|多少|几|多久|多长|多大", re.I)),
    ("place", re.compile(r"\bwhere\b|哪里|哪儿|在哪", re.I)),
    ("choice", re.compile(r"\bwho(?:m|se)?\b|\bwhich\b|谁|哪", re.I)),
    ("reason", re.compile(r"\bwhy\b|为什么|为何", re.I)),
    ("way", re.compile(r"\bhow\b|怎|如何|咋", re.I)),  # 咋: colloquial 怎么
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


def unasked(text: str) -> str:
    """`text` without its asking words (`_KINDS`): what it asks about ("what time" and
    什么时候 leave nothing)."""
    for _, words in _KINDS:
        text = words.sub(" ", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def asked_kind(question: str) -> str:
    """The kind of answer `question` asks for first (`YES_NO` when it has no asking word)."""
    kinds = asked_kinds(question)
    return kinds[0] if kinds else YES_NO


# A question that says it asks for a yes or no: English starting with an auxiliary verb ("Is
# there …", "Do students …"), Chinese ending in 吗 or asking A-not-A (能不能, 有没有) or 是否.
# A question with no asking word at all may be a yes or no or a bare phrase ("autumn
# semester start date", 招生办联系电话), and is not taken for one. Any word asked A-not-A
# (能不能, 行不行, 配不配) asks a yes or no: on the internal dev half of the dev pairs it
# turns away 8 more off-topic pairs (a value against a yes or no) and serves no near miss.
_SAYS_YES_NO = re.compile(
    r"^\s*(?:is|are|was|were|do|does|did|can|could|will|would|should|may|must|has|have)\b"
    r"|吗\s*[？?]?\s*$|([\u4e00-\u9fff])不\1|有没有|是否",
    re.I,
)
# The values a yes or no does not give ("Is there hot water?" / "How much does hot water
# cost?"); a place does ("Is there an ATM?" is answered with where it is). Nor does it name
# the ones asked for by a choice ("Can students go on exchange abroad?" / "Which foreign
# universities does the college partner with?"): internal halves of the dev pairs (sha256 of
# the curated question), 2 more near misses turned away on the tuning half and 18 off-topic
# pairs over e5 0.88 on the two, no paraphrase on either.
UNANSWERED_BY_YES = frozenset({"time", "amount", "reason", "choice"})


# In a question worded as a yes or no, 几 not of a time is "a few": 学费能不能分几次交.
_A_FEW = re.compile(r"几(?![点月号时])")


def says_yes_no(question: str) -> bool:
    """Whether `question` is worded as a yes-or-no question and asks for no value."""
    return bool(_SAYS_YES_NO.search(question)) and not VALUE_KINDS.intersection(
        asked_kinds(_A_FEW.sub("", question))
    )


def asks_value_against_yes_no(question: str, other: str) -> bool:
    """Whether one of the two is worded as a yes or no and the other asks for a time, an
    amount or a reason: "Is there a shuttle bus?" is answered without the time it leaves,
    "How long is the internship?" without whether interns are paid."""
    for yes_no, valued in ((question, other), (other, question)):
        if (
            says_yes_no(yes_no)
            and not says_yes_no(valued)
            and UNANSWERED_BY_YES.intersection(asked_kinds(valued))
        ):
            return True
    return False


# The values a question asking only how to do a thing is not answered with ("How do I apply
# for the grant?" / "When is the grant paid?"); a place is ("怎么走" / "在哪"). Internal halves of
# the dev pairs: 2 more near misses turned away on each half, 13 off-topic pairs over e5 0.88,
# no paraphrase (with a place as well: 5 paraphrases).
UNANSWERED_BY_WAY = frozenset({"time", "amount", "reason"})


def asks_way_against_value(question: str, other: str) -> bool:
    """Whether one of the two asks only how to do a thing and the other, not asking how,
    for a time, an amount or a reason (`UNANSWERED_BY_WAY`)."""
    for way, valued in ((question, other), (other, question)):
        mine, theirs = asked_kinds(way), asked_kinds(valued)
        if (
            "way" in mine
            and not VALUE_KINDS.intersection(mine)
            and "way" not in theirs
            and UNANSWERED_BY_WAY.intersection(theirs)
        ):
            return True
    return False


def asks_another_value(question: str, other: str) -> bool:
    """Whether the two ask for values of different sorts (`VALUE_KINDS`): a time and a place,
    an amount and a reason; a question asking for both ("When and where …?") shares each."""
    mine = VALUE_KINDS.intersection(asked_kinds(question))
    theirs = VALUE_KINDS.intersection(asked_kinds(other))
    return bool(mine and theirs) and not mine & theirs
