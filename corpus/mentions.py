"""Organisation mentions in a sentence, found by rules over jieba's parts of speech,
organisation-name suffixes, quoted names, capitalised English names and enumerations
("A、B、C等10家企业", "companies including A, B and C"); the rules of each language are in
`zh_mentions.py` and `en_mentions.py`."""

from __future__ import annotations

import re

from corpus.en_mentions import en_coordinated, en_mentions, en_units
from corpus.mention import Mention
from corpus.orgnames import has_cjk
from corpus.zh_mentions import zh_mentions

__all__ = ["Mention", "find_known", "find_mentions", "groups"]


def find_known(sentence: str, known: dict[str, str], taken: list[Mention]) -> list[Mention]:
    """Other mentions of names the document already gave (abbreviations, 联席会议 for
    国务院职业教育工作部际联席会议): `known` maps each name to its kind."""
    out = list(taken)
    for name, kind in sorted(known.items(), key=lambda item: -len(item[0])):
        for match in re.finditer(re.escape(name), sentence, flags=re.I if name.isascii() else 0):
            if not any(m.start < match.end() and match.start() < m.end for m in out):
                out.append(Mention(name, match.start(), match.end(), kind))
    return sorted(out, key=lambda m: m.start)


def find_mentions(sentence: str) -> list[Mention]:
    """Organisations named in a sentence, in order, without overlaps (longest wins)."""
    found = en_mentions(sentence) + (zh_mentions(sentence) if has_cjk(sentence) else [])
    out = _no_overlaps(found)
    out = _no_overlaps(out + en_coordinated(sentence, out))
    return en_units(sentence, out)


def _no_overlaps(found: list[Mention]) -> list[Mention]:
    found = sorted(found, key=lambda m: (m.start, -(m.end - m.start), not m.byline))
    out: list[Mention] = []
    for m in found:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


_COORDINATION = re.compile(r"^\s*(?:、|，|,|\s+and\s+|&|和|及|以及|或)\s*(?:the\s+)?$")


def groups(sentence: str, mentions: list[Mention]) -> list[int]:
    """A group number for each mention: names joined only by 、 / , / and / 和 are one
    enumeration (parallel items, not partners of each other)."""
    out: list[int] = []
    for i, m in enumerate(mentions):
        if i and _COORDINATION.match(sentence[mentions[i - 1].end : m.start]):
            out.append(out[-1])
        else:
            out.append(out[-1] + 1 if out else 0)
    return out
