"""Where a Chinese suffixed name starts: the words to the left of its suffix that belong
to it (全国 of a national body, an ordinal after a place, a ministry's own 和, a company's
和 of 和记), a title glued to a suffix, a bracket closed before the name, a hall that is no
department."""

from __future__ import annotations

import re

from corpus.orgnames import zh_kind
from corpus.zh_words import BREAKERS, LEVEL_CHARS, NOUN_FLAGS, distinctive

MINISTRY_SPAN = 3  # words on each side of a ministry's own 和 (工业和信息化部) that hold its head
_NATIONWIDE_KINDS = ("alliance", "association")
# Flags of the word before a name: prepositions, conjunctions, punctuation.
_OPENER_FLAGS = ("p", "c", "x")
_DEPARTMENT = "厅"  # a province's department, and also a hall
_NAMED_DEPARTMENTS = ("办公厅", "教育厅")  # suffixes that are departments whatever precedes
_ORDINAL = re.compile(r"第[一二三四五六七八九十百\d]+")


def nationwide_kind(tokens: list[tuple[str, str, int]], first: int, i: int) -> bool:
    """True when the words from `first` to the suffix word `i` make a body that 全国 opens
    (全国某某联盟, 全国商贸职业教育集团: an alliance or an association)."""
    words = "".join(w for w, _, _ in tokens[first : i + 1])
    return zh_kind("某某" + words) in _NATIONWIDE_KINDS


def placed_ordinal(tokens: list[tuple[str, str, int]], k: int) -> bool:
    """True for an ordinal right after a place's name, one jieba knows or one a level of
    government closes (某某县第二职业学校, 某某市第一中学): part of a school's name."""
    if k == 0 or not _ORDINAL.fullmatch(tokens[k][0]):
        return False
    place, flag, _ = tokens[k - 1]
    return flag == "ns" or (len(place) > 1 and place[-1] in LEVEL_CHARS)


def hall(name: str, part: list[tuple[str, str, int]]) -> bool:
    """True for a hall (报告厅, 某某楼卓雅厅, 电子游戏厅) taken for a department (厅): a
    department's name has a place in it (江苏省教育厅, 省人社厅) or is one word jieba knows as
    an organisation (中共中央办公厅)."""
    if not name.endswith(_DEPARTMENT) or (len(part) == 1 and part[0][1] == "nt"):
        return False
    if zh_kind(name) != "government" or any(name.endswith(s) for s in _NAMED_DEPARTMENTS):
        return False
    levelled = any(c in LEVEL_CHARS for c in name[: -len(_DEPARTMENT)])
    return not levelled and not any(f == "ns" for _, f, _ in part)


def opening_locality(tokens: list[tuple[str, str, int]], k: int) -> bool:
    """True for a one-character locality word (中, 上, 东 …) at position k right after a
    preposition, a conjunction or a punctuation mark: no noun stands before it for it to
    place something in, so it opens a name (与中芯集成电路制造有限公司)."""
    word, flag, _ = tokens[k]
    if len(word) != 1 or flag != "f":
        return False
    return k == 0 or tokens[k - 1][1] in _OPENER_FLAGS


def after_stray_bracket(name: str) -> int:
    """Where a name starts after a closing bracket that no bracket in it opened, else 0."""
    depth = 0
    cut = 0
    for k, c in enumerate(name):
        if c in "（(":
            depth += 1
        elif c in "）)":
            if depth == 0:
                cut = k + 1
            depth = max(depth - 1, 0)
    return cut


def government(word: str) -> bool:
    """True for a word whose ending makes a government body (省委, 组织部, 办公厅)."""
    return zh_kind("某某" + word) == "government"


def unglued(word: str, flag: str, pos: int) -> list[tuple[str, str, int]]:
    """A jieba word that glues a name's suffix to a title (协会会长, 学院院长) as two
    words: the suffix ends the name, the title follows it (a 党委书记 stays one)."""
    for cut in range(len(word) - 1, 0, -1):
        head, title = word[:cut], word[cut:]
        kind = zh_kind("某某" + head)
        if title in BREAKERS and kind is not None and kind != "government":
            return [(head, "n", pos), (title, "n", pos + cut)]
    return [(word, flag, pos)]


def ministry_and(tokens: list[tuple[str, str, int]], k: int, head: str) -> bool:
    """True for the 和 / 与 at position k inside a government body's name (工业和信息化部,
    职业教育与成人教育司): nouns on both sides and the name's last word close after it."""
    if zh_kind("某某" + head) != "government" or k < 1 or k + 1 >= len(tokens):
        return False
    nouns = tokens[k - 1][1] in NOUN_FLAGS and tokens[k + 1][1] in (*NOUN_FLAGS, "l")
    if zh_kind("某某" + tokens[k - 1][0]) is not None:
        return False  # 教育厅和人社厅: two bodies
    if any(w == head for w, _, _ in tokens[max(k - MINISTRY_SPAN, 0) : k]):
        return False  # 联席会议议题和需提交联席会议: the body is named before the 和 already
    # the head right after the joiner is a body of its own (方案文本和教育部)
    return nouns and any(w == head for w, _, _ in tokens[k + 2 : k + 1 + MINISTRY_SPAN])


def brand_and(tokens: list[tuple[str, str, int]], k: int, head: int) -> bool:
    """True for the 和 at position k inside a company's name (深圳和记服务贸易有限公司):
    nothing between it and the suffix is distinctive (a proper noun or a rare word, words
    in brackets aside), and a distinctive word, no organisation's suffix, stands before it."""
    if k < 1 or zh_kind("某某" + tokens[head][0]) != "enterprise":
        return False
    depth = 0
    for w, f, _ in tokens[k + 1 : head]:
        if w in "（(" or w in "）)":
            depth += 1 if w in "（(" else -1
        elif depth == 0 and distinctive(w, f):
            return False
    w, f, _ = tokens[k - 1]
    return distinctive(w, f) and zh_kind("某某" + w) is None
