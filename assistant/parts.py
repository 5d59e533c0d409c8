"""Messages that ask several things, split so that each is searched and answered.

- Several questions in one message ("国家政策对学徒制有什么要求？济南职业学院…培养了多少
  人？"): each sentence that ends in a question mark is a question of its own
  (`split_questions`), answered on its own.
- A question about two named things ("Qingdao and Shanghai", "华云数据与安徽…学院"): one
  question per thing (`split_parts`), each searched, answered together. A general rule, not
  a list: two names joined by a conjunction. In English a name is a run of capitalised
  words; in Chinese a run of nouns that holds a proper noun by jieba's part of speech (place,
  person, organisation or other proper name).
"""

from __future__ import annotations

import re

from retrieval.tokenize import jieba_instance

CONJUNCTIONS_EN = frozenset({"and", "&", "vs", "vs.", "versus", "or"})
CONJUNCTIONS_ZH = frozenset({"和", "与", "及", "以及", "同", "跟", "或"})
NAME_TAGS = frozenset({"ns", "nr", "nt", "nz", "nrt", "nrfg", "eng"})  # jieba proper nouns
NOUN_TAGS = NAME_TAGS | {"n", "nx", "vn", "j"}  # words a Chinese name may be made of
_QUESTION_WORDS = frozenset(
    "what which who whom when where how why does do did is are was were can could should".split()
)
_WORD = re.compile(r"\S+")
_AFTER_QUESTION_MARK = re.compile(r"(?<=[?？])")
_HAS_WORD = re.compile(r"\w")
MAX_QUESTIONS = 4  # questions of one message answered one by one; the rest stay in the last


def split_questions(message: str) -> list[str]:
    """The questions of a message that asks several (each ending in a question mark), or []
    when it asks one. Words before the first question belong to it, words after the last to
    the last ("… ? thanks"); at most `MAX_QUESTIONS`."""
    pieces = [p.strip() for p in _AFTER_QUESTION_MARK.split(message) if _HAS_WORD.search(p)]
    questions = [p for p in pieces if p.endswith(("?", "？"))]
    if len(questions) < 2:
        return []
    if not pieces[-1].endswith(("?", "？")):
        questions[-1] = f"{questions[-1]} {pieces[-1]}"
    if len(questions) > MAX_QUESTIONS:
        questions[MAX_QUESTIONS - 1 :] = [" ".join(questions[MAX_QUESTIONS - 1 :])]
    return questions


_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def split_parts(question: str) -> list[str]:
    """One question per named thing, or [] when the question names fewer than two."""
    if _CJK.search(question):
        return _split_chinese(question)
    return _split_english(question)


def _capitalised(word: str) -> bool:
    bare = word.strip("\"'“”‘’(),.?!:;")
    return bool(bare) and bare[0].isupper() and bare.lower() not in _QUESTION_WORDS


def _split_english(question: str) -> list[str]:
    words = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(question)]
    for i, (word, _, _) in enumerate(words):
        if word.lower() not in CONJUNCTIONS_EN or i == 0 or i + 1 >= len(words):
            continue
        left = i
        while left > 0 and _capitalised(words[left - 1][0]) and left - 1 > 0:
            left -= 1
        right = i + 1
        while right < len(words) and _capitalised(words[right][0]):
            right += 1
        if left == i or right == i + 1:
            continue
        start, end = words[left][1], words[right - 1][2]
        first = question[start : words[i - 1][2]]
        second = question[words[i + 1][1] : end]
        return [question[:start] + name + question[end:] for name in (first, second)]
    return []


def _split_chinese(question: str) -> list[str]:
    import jieba.posseg

    jieba_instance()  # initialised once, quietly
    tokens = [(w.word, w.flag) for w in jieba.posseg.cut(question)]
    for i, (word, _) in enumerate(tokens):
        if word not in CONJUNCTIONS_ZH:
            continue
        left = i
        while left > 0 and tokens[left - 1][1] in NOUN_TAGS:
            left -= 1
        right = i + 1
        while right < len(tokens) and tokens[right][1] in NOUN_TAGS:
            right += 1
        before, after = tokens[left:i], tokens[i + 1 : right]
        if not any(f in NAME_TAGS for _, f in before) or not any(f in NAME_TAGS for _, f in after):
            continue
        head = "".join(w for w, _ in tokens[:left])
        tail = "".join(w for w, _ in tokens[right:])
        return [head + "".join(w for w, _ in part) + tail for part in (before, after)]
    return []
