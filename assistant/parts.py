"""Messages that ask several things, split so that each is searched and answered.

- Several questions in one message ("国家政策对学徒制有什么要求？济南职业学院…培养了多少
  人？"): each sentence that ends in a question mark is a question of its own
  (`split_questions`), answered on its own; so is a clause with an asking word of its own
  ("Which institutions built A, and who is building B?", "…从什么时候开始，到什么时候结束？"):
  dev (563) must_include 0.825 -> 0.836, answerable refused 0.059 -> 0.055, nothing lost.
- A question about two named things ("Qingdao and Shanghai", "华云数据与安徽…学院"): one
  question per thing (`split_parts`), each searched, answered together. A general rule, not
  a list: two names joined by a conjunction. Organisations are found by the directory's
  name rules (`corpus/mentions.py`), so "Shaoxing Vocational and Technical College and
  Changzhou …" splits after "College"; a preposition said again ("with A and with B") and
  words said after each name ("A签约仪式和B签约仪式") go with each. Other names: in English a run
  of capitalised words; in Chinese a run of nouns that holds a proper noun by jieba's part
  of speech (place, person, organisation or other proper name).
- A question that asks about each of the two one by one ("A和B分别…", 各有, "… each", "with
  A and with B") becomes one question per thing (`each_part`), answered in turn. Tried on
  dev and not kept: splitting any two runs of nouns before 分别 and "PREP A and PREP B"
  whatever A and B are (no answer gained: each part's answer is no better than the whole's).
"""

from __future__ import annotations

import re
from itertools import pairwise

from corpus.mentions import find_mentions
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
    """The questions of a message that asks several (each ending in a question mark, or a
    clause of one with its own asking word: `_clauses`), or [] when it asks one. Words
    before the first question belong to it, words after the last to the last ("… ? thanks");
    at most `MAX_QUESTIONS`."""
    pieces = [p.strip() for p in _AFTER_QUESTION_MARK.split(message) if _HAS_WORD.search(p)]
    questions = [p for p in pieces if p.endswith(("?", "？"))]
    if questions and not pieces[-1].endswith(("?", "？")):
        questions[-1] = f"{questions[-1]} {pieces[-1]}"
    questions = [c for q in questions or [message.strip()] for c in _clauses(q)]
    if len(questions) < 2:
        return []
    if len(questions) > MAX_QUESTIONS:
        questions[MAX_QUESTIONS - 1 :] = [" ".join(questions[MAX_QUESTIONS - 1 :])]
    return questions


_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# A second clause that asks a question of its own: ", and who is building …", "…，到什么时候结束".
_AND_ASKS_EN = re.compile(r",?\s+and\s+(?=(?:what|which|who|whom|when|where|how|why)\b)", re.I)
_ASKS_ZH = re.compile(r"什么|哪|谁|多少|几|怎么|如何|是否|啥")
_CLAUSE_BREAK_ZH = re.compile(r"[，,；;]")
MIN_CLAUSE_WORDS = 3  # a shorter clause ("and when?") leans on the first for all it asks


def _clauses(question: str) -> list[str]:
    """A question's clauses that each ask something of their own ("Which institutions built
    A, and who is building B?": two questions), else the question alone."""
    if _CJK.search(question):
        for brk in _CLAUSE_BREAK_ZH.finditer(question):
            first, second = question[: brk.start()], question[brk.end() :]
            if _ASKS_ZH.search(first) and _ASKS_ZH.search(second):
                return [f"{first.strip()}？", second.strip()]
        return [question]
    match = _AND_ASKS_EN.search(question)
    if match is None:
        return [question]
    first, second = question[: match.start()].strip(), question[match.end() :].strip()
    if min(len(first.split()), len(second.split())) < MIN_CLAUSE_WORDS:
        return [question]
    return [f"{first}?", _with_its_noun(second, first)]


_WHICH_NOUN = re.compile(r"^(which|what)\s+([a-z-]+)\s+(\w+)", re.I)


def _with_its_noun(second: str, first: str) -> str:
    """The second clause capitalised, with the noun its asking word leaves out taken from the
    first ("Which college leads A, and which leads B": "Which college leads B?")."""
    from lemminflect import getAllLemmas

    second = second[0].upper() + second[1:]
    asked, elided = _WHICH_NOUN.match(first), _WHICH_NOUN.match(second)
    if asked is None or elided is None or elided.group(1).lower() != "which":
        return second
    word, noun, verb = elided.group(2).lower(), asked.group(2).lower(), asked.group(3).lower()
    kinds = getAllLemmas(word)
    # A verb right after "which": only a verb, or the first clause's verb said again.
    said_again = kinds.get("VERB") is not None and kinds.get("VERB") == getAllLemmas(verb).get(
        "VERB"
    )
    if getAllLemmas(noun).get("NOUN") and (set(kinds) <= {"VERB", "AUX"} or said_again):
        return f"{elided.group(1)} {asked.group(2)} {second[elided.end(1) :].lstrip()}"
    return second


# Words that ask about several things apart: one by one ("each", "respectively", 分别, 各有,
# "with A and with B") or compared ("compared with", "differ", 一致, 区别). The extractive
# answerer then takes each thing's document for it (`asks_apart`).
_APART = re.compile(
    r"\b(?:each|both|respectively|compar\w*|versus|vs|differ\w*|same)\b"
    r"|,? and (?:what|which|who|how|when|where|is|are|does|did)\b"
    r"|\band (?:with|in|at|from|for|to|by) "  # "with X and with Y": a preposition repeated
    r"|分别|各自|各有|各是|各为|比较|对比|相比|相同|一致|区别|不同|两者",
    re.IGNORECASE,
)
# Of those, the words that ask one by one, so that each thing gets a question of its own
# (`each_part`); "A和B的规定一致吗" compares and stays one question. Chinese ones count as
# words of their own, each with what stays of it (各有多少 → 有多少); not 都, which as often
# says "both" of a statement ("A和B都讲到了师资") as it asks about each.
_EACH_ZH = {"分别": "", "各自": "", "各": "", "各有": "有", "各是": "是"}
_EACH_DROPPED_ZH = {**_EACH_ZH, "都": ""}  # 都 of "A和B都跟哪些…" goes too
_EACH_EN = re.compile(r"\b(?:each|respectively|both)\b|\band (?:with|in|at|from|for|to|by) ", re.I)
# Taken out of a part's question: "respectively"; "each" after a name ("Huayun Data each
# involved") or before a verb ("the reports each describe"), "both" before one ("in both
# Hunan"); "in each place", "for each of them".
_EACH_WORD_EN = re.compile(
    r"\s*\brespectively\b|(?<=\b[A-Z])(\w*)\s+each\b|\bboth\s+(?=[A-Z])"
    r"|\s*\b(?:in|at|for|of|to) each(?: (?:place|one|case|of them|city|province|region))?\b"
    r"|\s+each\b(?= [a-z]+\b)"  # "the Guiyang and Yunnan reports each describe"
)


def asks_apart(question: str) -> bool:
    """Whether the question asks about several things apart: one by one or compared."""
    return bool(_APART.search(question))


def _asks_each(question: str) -> bool:
    """Whether a word of the question asks about each thing it names, one by one."""
    if _CJK.search(question):
        words = _words(question)
        if any(w in _EACH_ZH for w in words):
            return True
        # 都 asks about each when a question word follows it ("A和B都跟哪些企业开了订单班"),
        # not when it says "both" of a statement ("A和B都讲到了师资吗").
        return "都" in words and bool(_ASKS_ZH.search("".join(words[words.index("都") :])))
    return bool(_EACH_EN.search(question))


def _without_each(part: str) -> str:
    """A part's question without the word that asked about each thing."""
    if _CJK.search(part):
        return "".join(_EACH_DROPPED_ZH.get(w, w) for w in _words(part))
    return re.sub(r"\s{2,}", " ", _EACH_WORD_EN.sub(lambda m: m.group(1) or "", part)).strip()


def _words(text: str) -> list[str]:
    """jieba's words of a Chinese text."""
    return list(jieba_instance().cut(text))


def each_part(question: str) -> list[str]:
    """The questions a question about two named things asks one by one ("A和B分别…", "with A
    and with B", "… each"), without the word that says so; [] when it asks one question
    (the two together, or fewer than two)."""
    parts = split_parts(question)
    if not parts or not _asks_each(question):
        return []
    return [_without_each(part) for part in parts]


def split_parts(question: str) -> list[str]:
    """One question per named thing, or [] when the question names fewer than two."""
    by_names = _split_organisations(question)
    if by_names:
        return by_names
    if _CJK.search(question):
        return _split_chinese(question)
    return _split_english(question)


# What stands between two organisations' names that the question asks about one by one: a
# conjunction, with a preposition said again after it ("and with", "and by").
_JOINING = re.compile(
    r"(?:\s*,)?\s+(?:and|&|or|vs\.?|versus)\s+(?:(?:with|by|from|at|in|of|for|to|between)\s+)?"
    r"(?:the\s+)?$|\s*(?:和|与|及|以及|同|跟|或|、)\s*$",
    re.I,
)


def _split_organisations(question: str) -> list[str]:
    """One question per organisation when two named ones are joined by a conjunction; words
    said after the first name and again after the second ("A签约仪式和B签约仪式") go with each."""
    names = find_mentions(question)
    for first, second in pairwise(names):
        between = question[first.end : second.start]
        joining = _JOINING.search(between)
        if joining is None:
            continue
        said_after = between[: joining.start()]
        if said_after and not question[second.end :].startswith(said_after):
            continue
        end = second.end + len(said_after)
        return [
            question[: first.start] + question[name.start : name.end] + said_after + question[end:]
            for name in (first, second)
        ]
    return []


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
