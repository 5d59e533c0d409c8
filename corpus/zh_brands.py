"""Chinese company names without an organisation's suffix: a brand and trade words
(恒远科技), and bare brands listed beside a recognised name (与科大某某、某某华数合作), in a
sentence with a cue of cooperation."""

from __future__ import annotations

import re

from corpus.cues import cue
from corpus.language import has_cjk
from corpus.mention import Mention
from corpus.orgnames import zh_kind
from corpus.zh_words import (
    LEVEL_CHARS,
    PROPER_FLAGS,
    RARE_WORD_FREQ,
    STOP_WORDS,
    frequency,
    generic,
    in_dictionary,
    rare,
    tagged,
    verb_phrase,
)

# Words of a trade that end a company's short name (恒远科技, 华星电子): not names by
# themselves, so they need a brand before them and a sentence of cooperation around them.
_INDUSTRY = {"科技", "电子", "电气", "电器", "汽车", "物流", "智能", "软件", "信息", "网络",
             "通信", "能源", "医药", "生物", "机械", "重工", "装备", "材料", "化工", "建工",
             "环保", "股份", "控股", "实业", "数码", "传媒", "精工", "光电", "半导体",
             "新材料", "航空", "数控", "智造", "集成"}  # fmt: skip
MAX_INDUSTRY_WORDS = 2  # trade words after a brand in a short company name (恒远智能科技)
# Flags of a brand: a proper noun jieba knows (not a person's one-character name).
_BRAND_FLAGS = ("nz", "nrt", "nt", "j", "nr", "ns")
# Flags around a short company name: punctuation, conjunctions, prepositions, particles,
# verbs, numbers (…与恒远科技签订, 、华星电子等).
_BRAND_EDGE_FLAGS = ("x", "c", "p", "u", "uj", "ul", "ud", "v", "m", "q", "r", "d")


def industry_brands(sentence: str) -> list[Mention]:
    """Short company names (a brand and up to two trade words: 恒远智能科技) in a sentence with
    a cue of cooperation."""
    if not any(w in sentence for w in _INDUSTRY):
        return []
    tokens = tagged(sentence)
    out: list[Mention] = []
    pos = 0
    starts = []
    for word, _ in tokens:
        starts.append(pos)
        pos += len(word)
    for i, (word, flag) in enumerate(tokens):
        brand = len(word) > 1 and (flag in _BRAND_FLAGS or rare(word, flag))
        if not brand or generic(word) or verb_phrase(word):
            continue
        if i and tokens[i - 1][1] not in _BRAND_EDGE_FLAGS and tokens[i - 1][0] not in STOP_WORDS:
            continue
        j = i + 1
        while j < len(tokens) and j - i <= MAX_INDUSTRY_WORDS and tokens[j][0] in _INDUSTRY:
            j += 1
        glued = flag in ("nt", "nz") and any(
            word.endswith(w) and len(word) > len(w) + 1 for w in _INDUSTRY
        )  # one word jieba knows as a company's name (某某汽车)
        if j == i + 1 and not glued:
            continue
        if j < len(tokens) and tokens[j][1] not in _BRAND_EDGE_FLAGS and tokens[j][0] != "等":
            continue
        end = starts[j] if j < len(tokens) else len(sentence)
        out.append(Mention(sentence[starts[i] : end], starts[i], end, "enterprise"))
    if out and cue(sentence) is None:
        return []
    return out


# The marks around the items of an enumeration, and what ends one (a clause's words).
_ITEM_SEPARATOR = "、"
_ITEM_EDGE = re.compile(r"[、，,。；;：:（）()“”\"\s]|与|和|同|及|跟|等")
_PERSON_TITLE = re.compile(r"长|书记|主任|经理|主席|委员|总监|总裁|教授|专家")
MAX_BRAND = 6  # longest bare item of an enumeration taken for a brand (characters)


def zh_coordinated(sentence: str, known: list[Mention]) -> list[Mention]:
    """Bare brands listed with a recognised name (与科大某某、某某华数、某某联合会合作): items of
    the same enumeration ("、") that hold a proper noun jieba barely knows, in a sentence
    with a cue of cooperation."""
    if cue(sentence) is None:
        return []
    out: list[Mention] = _partner_brands(sentence, known)
    taken = [(m.start, m.end) for m in [*known, *out]]
    queue = [*known, *out]
    while queue:  # a brand found is its own neighbour's recognised name in turn
        m = queue.pop(0)
        if not has_cjk(m.name):
            continue
        for start, end in _neighbours(sentence, m.start, m.end):
            if any(a < end and start < b for a, b in taken):
                continue
            if _brand_item(sentence[start:end]):
                out.append(Mention(sentence[start:end], start, end, "enterprise"))
                queue.append(out[-1])
                taken.append((start, end))
    return out


# The partners' enumeration after 与 / 同 (与某地的甲、乙…合作), a place's 的 before it.
_PARTNERS_AFTER = re.compile(r"(?:与|同)(?:[\u4e00-\u9fff]{2,4}的)?")


def _partner_brands(sentence: str, known: list[Mention]) -> list[Mention]:
    """Bare brands that open the enumeration after 与 / 同, two of them at least in a row
    (学院与某地的甲乙、丙丁，以及…): the partners named, no name of a kind needed."""
    taken = [(m.start, m.end) for m in known]
    for opened in _PARTNERS_AFTER.finditer(sentence):
        first_end = _ITEM_EDGE.search(sentence, opened.end())
        if first_end is None or sentence[first_end.start()] != _ITEM_SEPARATOR:
            continue
        second_end = _ITEM_EDGE.search(sentence, first_end.end())
        spans = [
            (opened.end(), first_end.start()),
            (first_end.end(), second_end.start() if second_end else len(sentence)),
        ]
        if any(a < e and s < b for s, e in spans for a, b in taken):
            continue
        if all(_brand_item(sentence[s:e]) for s, e in spans):
            return [Mention(sentence[s:e], s, e, "enterprise") for s, e in spans]
    return []


def _neighbours(sentence: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the enumeration items right before and after a name, joined by 、."""
    out = []
    if start > 0 and sentence[start - 1] == _ITEM_SEPARATOR:
        edges = [e.end() for e in _ITEM_EDGE.finditer(sentence, 0, start - 1)]
        out.append((edges[-1] if edges else 0, start - 1))
    if end < len(sentence) and sentence[end] == _ITEM_SEPARATOR:
        edge = _ITEM_EDGE.search(sentence, end + 1)
        out.append((end + 1, edge.start() if edge else len(sentence)))
    return out


def _brand_item(item: str) -> bool:
    """True for an item that may be a company's bare brand: short, no suffix of a kind, no
    place of a level (某某市), and a proper or unknown word jieba barely knows in it."""
    if not 1 < len(item) <= MAX_BRAND or zh_kind(item) or item[-1] in LEVEL_CHARS:
        return False
    if _PERSON_TITLE.search(item):
        return False  # a person with a post (副省长某某)
    words = tagged(item)
    return not any(generic(w) for w, _ in words) and any(
        len(w) > 1 and (f in PROPER_FLAGS or not in_dictionary(w)) and frequency(w) < RARE_WORD_FREQ
        for w, f in words
    )
