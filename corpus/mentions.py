"""Organisation mentions in a sentence, found by rules over jieba's parts of speech,
organisation-name suffixes, quoted names, capitalised English names and enumerations
("A、B、C等10家企业", "companies including A, B and C"); the rules of each language are in
`zh_mentions.py` and `en_mentions.py`."""

from __future__ import annotations

import re
from dataclasses import replace

from corpus.en_bare_names import en_coordinated, en_listed
from corpus.en_mentions import en_mentions, en_units
from corpus.language import has_cjk
from corpus.mention import Mention
from corpus.orgnames import zh_kind
from corpus.zh_brands import zh_coordinated
from corpus.zh_lists import whole_items
from corpus.zh_mentions import zh_mentions

__all__ = ["Mention", "find_known", "find_listed", "find_mentions", "groups"]


def find_known(sentence: str, known: dict[str, str], taken: list[Mention]) -> list[Mention]:
    """Other mentions of names the document already gave (abbreviations, 联席会议 for
    国务院职业教育工作部际联席会议): `known` maps each name to its kind."""
    out = list(taken)
    for name, kind in sorted(known.items(), key=lambda item: -len(item[0])):
        for match in re.finditer(re.escape(name), sentence, flags=re.I if name.isascii() else 0):
            if not any(m.start < match.end() and match.start() < m.end for m in out):
                out.append(Mention(name, match.start(), match.end(), kind))
    return sorted(out, key=lambda m: m.start)


# A faculty named right after its school (某某职业大学轻工学院, 某某学院机电工程与交通学院):
# a few characters ending in 学院 that open with no conjunction or preposition and hold no
# punctuation. (MAX_FACULTY: longest faculty name taken, in characters.)
MAX_FACULTY = 10
_FACULTY_AFTER = re.compile(
    rf"(?![与和同及跟向为在对由将是被把让于])[\u4e00-\u9fff]{{2,{MAX_FACULTY - 2}}}?学院"
    r"(?!学院)"
)
_NOT_IN_FACULTY = re.compile(r"的|举行|举办|召开|签订|签约|开展|成立")
MIN_FACULTY = 4  # shortest faculty name read inside a school's name (汽车学院)
MIN_SCHOOL = 4  # shortest school name before it (某某大学)
# How the school's name before a faculty's ends (a 分院 or 分校 is no faculty's school).
_SCHOOL_ENDINGS = ("大学", "学院", "职院", "学校")


def find_listed(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """The sentence's mentions with the bare brands listed beside its known names (names the
    document gives elsewhere included: "CCTC, Lumen Auto and Inwix")."""
    found = en_listed(sentence, mentions)
    return sorted([*mentions, *found], key=lambda m: m.start) if found else mentions


def find_mentions(sentence: str) -> list[Mention]:
    """Organisations named in a sentence, in order, without overlaps (longest wins)."""
    found = en_mentions(sentence) + (zh_mentions(sentence) if has_cjk(sentence) else [])
    out = [_with_faculty(sentence, m) for m in _no_overlaps(found)]
    out = _no_overlaps(out)
    out = _no_overlaps(out + en_coordinated(sentence, out))
    if has_cjk(sentence):
        out = _no_overlaps(out + zh_coordinated(sentence, out))
        out = whole_items(sentence, out)
    return en_units(sentence, _other_names(sentence, out))


# What introduces another name of the organisation just named: 'X ("Y")', 'X, whose
# website now uses the name Y', 'X, now known as Y', 'X (renamed Y)'.
_OTHER_NAME_BETWEEN = re.compile(
    r"[^.;:]{0,60}?\b(?:uses? the name|now known as|also known as|renamed(?: as)?|"
    r"formerly(?: known as)?|calls? it)\s+(?:the\s+)?$",
    re.I,
)


_QUOTED_NAME = re.compile(r"\.?\s*\(\s*[\"“]([A-Z][^\"”()]{1,40})[\"”]\s*\)")


def _other_names(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions with a name that another name introduces right after it ('X ("Y")', 'X,
    whose website uses the name Y') folded into it as its other name."""
    out: list[Mention] = []
    for m in mentions:
        quoted = _QUOTED_NAME.match(sentence, m.end)
        if quoted and not m.alias and not has_cjk(m.name):
            m = replace(m, alias=quoted.group(1))
        last = out[-1] if out else None
        if (
            last is not None
            and not last.alias
            and _OTHER_NAME_BETWEEN.fullmatch(sentence, last.end, m.start)
        ):
            out[-1] = replace(last, alias=m.name)
            continue
        out.append(m)
    return out


def _with_faculty(sentence: str, m: Mention) -> Mention:
    """A school's mention with the faculty named right after it (黎明职业大学轻工学院): the
    faculty, by its full name, with its own short name as another name."""
    if m.kind != "school" or not has_cjk(m.name):
        return m
    within = _faculty_within(m.name)
    if within and not m.alias:
        return replace(m, alias=within)
    after = _FACULTY_AFTER.match(sentence, m.end)
    if after is None or _NOT_IN_FACULTY.search(after.group(0)):
        return m
    return Mention(m.name + after.group(0), m.start, after.end(), "school", after.group(0))


def _faculty_within(name: str) -> str:
    """The faculty's own name when a school's name is a school's and a faculty's
    (四川职业技术学院汽车学院 -> 汽车学院), else ''."""
    for cut in range(len(name) - MIN_FACULTY, MIN_SCHOOL - 1, -1):
        school, faculty = name[:cut], name[cut:]
        if (
            zh_kind(school) == "school"
            and school.endswith(_SCHOOL_ENDINGS)
            and _FACULTY_AFTER.fullmatch(faculty)
            and not _NOT_IN_FACULTY.search(faculty)
        ):
            return faculty
    return ""


def _no_overlaps(found: list[Mention]) -> list[Mention]:
    found = sorted(found, key=lambda m: (m.start, -(m.end - m.start), not m.byline))
    out: list[Mention] = []
    for m in found:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


MAX_APPOSITION = 3  # lower-case words of a description before a listed name ("the carmaker X")
MAX_BRACKETED = 20  # characters of a short name in brackets after a listed name ("X (XY), Z")
_COORDINATION = re.compile(
    rf"^(?:\s*[(（][^()（）]{{1,{MAX_BRACKETED}}}[)）])?\s*(?:、|，|,|\s+and\s+|&|和|及|以及|或)\s*"
    rf"(?:the\s+(?:[a-z][a-z-]*\s+){{0,{MAX_APPOSITION}}})?$"
)


def groups(sentence: str, mentions: list[Mention]) -> list[int]:
    """A group number for each mention: names joined only by 、 / , / and / 和 are one
    enumeration (parallel items, not partners of each other)."""
    out: list[int] = []
    for i, m in enumerate(mentions):
        gap = sentence[mentions[i - 1].end : m.start] if i else ""
        if i and (_COORDINATION.match(gap) or _untaken_items(gap)):
            out.append(out[-1])
        else:
            out.append(out[-1] + 1 if out else 0)
    return out


def _untaken_items(gap: str) -> bool:
    """True for a gap between two names that holds only items of their enumeration the
    rules did not take (A教育投资有限公司、B: the rest of a name, then 、): each piece between
    the marks ends in an organisation's suffix."""
    pieces = gap.split("、")
    return len(pieces) > 1 and all(not p or zh_kind(p) is not None for p in pieces)
