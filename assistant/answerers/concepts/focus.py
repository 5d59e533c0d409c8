"""The focus of a question: the thing whose value it asks for ("学费" of 每年学费是多少,
"tuition fee", the thing a "how many" question counts)."""

from __future__ import annotations

import re

from assistant.answerers.concepts.answer_types import MONEY_WORDS_ZH
from assistant.answerers.concepts.question_words import tagged
from corpus.language import has_cjk
from retrieval.tokenize import tokenize_query

_FOCUS_ZH = re.compile(
    r"(?:是|为|有)?(?:多少|几)[个家名所项位人条种次年月天周批]?[？?。.\s]*$"
    r"|(?:是|为)(?:谁|哪位|哪一位)[？?。.\s]*$"  # "X的校长是谁": 校长
    r"|(?:叫|是)(?:什么|啥)名字[？?。.\s]*$|叫(?:什么|啥)[？?。.\s]*$"  # "校长叫什么名字"
)
_FOCUS_EN = re.compile(
    r"\b(?:what|who|how much) (?:is|was|are|were) the ([a-z][a-z -]*?) (?:of|at|for|in|on|per)\b",
    re.IGNORECASE,
)
# "What starting salary do graduates get?", "Which majors does it offer?": the noun after the
# asking word, before the verb.
_WHAT_THING_EN = re.compile(
    r"^\s*(?:what|which) ((?:[a-z-]+ ){0,2}?[a-z-]+) "
    r"(?:do|does|did|is|are|was|were|will|would|can|could|should|has|have|had)\b",
    re.IGNORECASE,
)
_WHEN_DONE_EN = re.compile(  # "in what year was the alliance founded?": the participle
    r"^(?:when|(?:in )?(?:what|which) year)\b.*\b(?:is|was|are|were)\b"
    r".*?\b([a-z]+(?:ed|en))\s*[?.!]*$",
    re.IGNORECASE,
)
_MONEY_ASKED_ZH = re.compile(MONEY_WORDS_ZH)
_COUNTED_ZH = re.compile(r"多少[家个名所项位人条种次]?([\u4e00-\u9fff]{1,6})[？?。.\s]*$")
_COUNTED_EN = re.compile(
    r"\bhow many ((?:[a-z-]+ ){0,3}?[a-z-]+) "
    r"(?:are|were|is|was|did|do|does|have|has|had|in|of|at|on|from|for|with|by|to|that|who)\b"
    r"|\bhow many ((?:[a-z-]+ ){0,6}?[a-z-]+s)\b",  # else the first plural ("… companies belong")
    re.IGNORECASE,
)


def focus_tokens(question: str) -> frozenset[str]:
    """Tokens of the thing asked for: "学费" in "每年学费是多少", "tuition fee" in English."""
    english = _FOCUS_EN.search(question)
    if english:
        return frozenset(tokenize_query(english.group(1)))
    thing = _WHAT_THING_EN.search(question)
    if thing:
        return frozenset(tokenize_query(thing.group(1))[-1:])
    done = _WHEN_DONE_EN.search(question.strip())
    if done:  # "when was it founded": founded
        return frozenset(tokenize_query(done.group(1)))
    money = _MONEY_ASKED_ZH.search(question)
    if money:  # "一年学费多少钱": 学费, the last noun before it
        nouns = _nouns_zh(question[: money.start()])
        return frozenset(tokenize_query(nouns[-1])[-1:]) if nouns else frozenset()
    counted = _COUNTED_ZH.search(question)
    if counted:  # "多少家成员企业"
        return frozenset(tokenize_query(counted.group(1)))
    counted = _COUNTED_EN.search(question)
    if counted:  # "how many Nanhai District companies": the noun, before any verb
        words = _before_verb((counted.group(1) or counted.group(2)).split())
        return frozenset(tokenize_query(" ".join(words))[-1:])
    chinese = _FOCUS_ZH.search(question)
    if chinese:  # the last noun before "是多少" ("学费"), not an adverb ("一共")
        nouns = _nouns_zh(question[: chinese.start()])
        return frozenset(tokenize_query(nouns[-1])[-1:]) if nouns else frozenset()
    return frozenset()


def _before_verb(words: list[str]) -> list[str]:
    """`words` up to the first one that can only be a verb ("people took part": people)."""
    from lemminflect import getAllLemmas

    for i, word in enumerate(words):
        kinds = set(getAllLemmas(word.lower()))
        if i and kinds and kinds <= {"VERB", "AUX"}:
            return words[:i]
    return words


def _nouns_zh(text: str) -> list[str]:
    """The Chinese nouns of `text` by jieba's part of speech, in order."""
    return [word for word, flag in tagged(text) if flag.startswith("n") and has_cjk(word)]
