"""Chinese enumerations of organisations closed by 等 or a count and their class
("A、B、C等10家企业", "A、B两家公司"): each item a mention of the class's kind."""

from __future__ import annotations

import re

from corpus.mention import Mention
from corpus.orgnames import zh_kind
from corpus.posts import holds_post
from corpus.zh_words import BREAKERS, common_word, ends_in_verb, in_dictionary, tagged, word_edges

MAX_ITEM_LEAD = 4  # characters before a listed name, after its 、, that its suffix rule left out
MAX_LIST_ITEM = 14  # longest enumerated bare name accepted (characters)
# The end of an enumeration: 等 (or a count of exactly its items: "A、B两家公司"), then
# the class of its items.
_ZH_LIST_END = re.compile(
    r"(?=等|\d|[一二三四五六七八九十两百])(?P<etc>等)?\s*(?P<count>\d+|[一二三四五六七八九十两百]+)?\s*(?P<more>多|余)?\s*"
    r"(?P<unit>家|个|所)?\s*"
    r"(?:(?!产业|领域|行业|方面|类)[^\d，。、；]){0,10}?"
    r"(?P<cls>企业|公司|车企|院校|学校|高校|职业院校|协会|商会|行业协会|政府部门|部门|科研机构|机构|单位|"
    r"代表|基地)"
)
_ZH_NUMERALS = {c: i for i, c in enumerate("零一二三四五六七八九十", 0)} | {"两": 2}
_LIST_KIND = {"企业": "enterprise", "公司": "enterprise", "车企": "enterprise",
              "院校": "school", "学校": "school", "高校": "school", "职业院校": "school",
              "协会": "association", "商会": "association", "行业协会": "association",
              "政府部门": "government", "部门": "government", "科研机构": "other",
              "机构": "other", "单位": "other", "代表": "enterprise",
              "基地": "enterprise"}  # fmt: skip
_LIST_SPLIT = re.compile(r"、|以及|及|和|与")
_LIST_START = re.compile(r"[，,：:。；;（(]|包括|有|如|是|为|由|与|同|和")
_PARTICLES = "了着过"  # aspect particles jieba may glue to the front of an unknown name
_ADVERBIAL_FLAGS = ("t", "d", "ad")  # jieba's time words and adverbs (先后, 积极)


def enumerated(sentence: str) -> list[Mention]:
    """The items of the enumerations of organisations in a sentence."""
    out = []
    starts, ends = word_edges(sentence)
    for match in _ZH_LIST_END.finditer(sentence):
        if match.group("etc") and not {match.start(), match.start() + 1} <= starts:
            continue  # 高等学校 is a kind of school, not the end of a list
        if not match.group("etc") and not (match.group("unit") and match.group("count")):
            continue
        counted = _count(match.group("count")) if not match.group("more") else None
        head = sentence[: match.start()]
        # a list starts after a word that ends where a jieba word ends (拥有, not 有限公司)
        opened = [m.end() for m in _LIST_START.finditer(head) if m.end() in ends]
        begin = opened[-1] if opened else 0
        span = head[begin:]
        if "、" not in span and not re.search(r"以及|及|和", span):
            continue
        items = _list_items(sentence, begin, span, match.group("cls"))
        if not match.group("etc") and counted != len(items):
            continue  # without 等 only a count of exactly the items closes a list
        if any(holds_post(m.name) for m in items):
            continue  # 副书记某某、院长某某等校方代表: a list of people, not of bodies
        common = sum(1 for m in items if not zh_kind(m.name) and common_word(m.name))
        # 养老、家政等产业 lists sectors, not organisations; "A、B两家公司" counts its names.
        if common * 2 <= len(items) or counted == len(items):
            out += [m for m in items if not _faculty(m)]
    return out


# Flags of words that cannot open a listed name (verbs, prepositions, conjunctions, particles).
_NO_LEAD_FLAGS = ("v", "p", "c", "u", "r", "d", "x")


def whole_items(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions with a listed name that starts right after its 、 (A、新道科技股份有限公司):
    in an enumeration of names the few characters between the mark and a name the rules cut
    short (a word jieba tags a numeral or a measure) are the name's own."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        gap = sentence[prev.end : m.start] if prev else ""
        lead = gap[1:]
        if (
            prev is not None
            and gap.startswith("、")
            and 0 < len(lead) <= MAX_ITEM_LEAD
            and re.fullmatch(r"[\u4e00-\u9fff]+", lead)
            and not any(f.startswith(_NO_LEAD_FLAGS) for _, f in tagged(lead))
            and zh_kind(lead + m.name) == m.kind
        ):
            m = Mention(lead + m.name, m.start - len(lead), m.end, m.kind, m.alias)
        out.append(m)
    return out


def _list_items(sentence: str, begin: int, span: str, cls: str) -> list[Mention]:
    """The items of an enumeration, a government body's own 和 kept (工业和信息化部)."""
    pieces: list[tuple[int, str]] = []
    pos = begin
    for item in _LIST_SPLIT.split(span):
        offset = sentence.find(item, pos)
        pos = offset + len(item)
        joined = sentence[pieces[-1][0] + len(pieces[-1][1]) : offset] if pieces else ""
        if (
            joined in ("和", "与")
            and zh_kind("某某" + item) == "government"
            and not zh_kind(pieces[-1][1])
        ):
            item = sentence[pieces[-1][0] : offset + len(item)]
            offset = pieces.pop()[0]
        pieces.append((offset, item))
    items: list[Mention] = []
    for k, (offset, item) in enumerate(pieces):
        if k == 0:  # a verb before the first item is not part of it (携手A、B等企业)
            lead = _leading_verbs(item)
            offset, item = offset + lead, item[lead:]
        name = item.strip()
        if len(name) < 2 or len(name) > MAX_LIST_ITEM or re.search(r"[\d，。：]", name):
            continue
        kind = zh_kind(name) or _LIST_KIND[cls]
        items.append(Mention(name, offset, offset + len(item), kind))
    return items


def _leading_verbs(text: str) -> int:
    """How many characters open the text before its first item can start: leading verbs
    and prepositions, and anything up to the last breaker word (学院携手A → A)."""
    n = cut = 0
    leading = True
    for word, flag in tagged(text):
        n += len(word)
        # 先后 / 积极 before the verb, and a phrase ending in a verb (实地考察), lead too
        verb = leading and (flag.startswith("v") or flag in _ADVERBIAL_FLAGS or ends_in_verb(word))
        if word in BREAKERS or flag.startswith("p") or verb:
            cut = n
        else:
            if leading and len(word) > 1 and word[0] in _PARTICLES and not in_dictionary(word):
                cut = n - len(word) + 1  # a verb's 了 glued to the name after it (了鸿翔)
            leading = False
    return cut


def _faculty(m: Mention) -> bool:
    """A school-named item of common words only (智能制造学院): a school's own faculty."""
    return zh_kind(m.name) == "school" and common_word(m.name)


def _count(text: str | None) -> int | None:
    """A small count written in digits or Chinese numerals (两, 十二), else None."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        return _ZH_NUMERALS.get(text)
    if len(text) == 2 and text[0] == "十":
        return 10 + _ZH_NUMERALS.get(text[1], 0)
    return None
