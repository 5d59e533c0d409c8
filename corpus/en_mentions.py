"""English organisation mentions: capitalised names with a head word (College, Co., Ltd,
Association …) and loosely translated names (`en_names.py`), appositions and "companies
including A, B and C" (`en_lists.py`), bare names where only a party stands
(`en_bare_names.py`), governments, and bylines (`en_bylines.py`); offices a possessive
introduces are no organisations of their own."""

from __future__ import annotations

import re
from dataclasses import replace

from corpus.en_bare_names import bare_parties, visit_hosts
from corpus.en_bylines import credited_sources, media_bylines
from corpus.en_lists import appositions, class_lists
from corpus.en_names import headed_names, loose_names
from corpus.en_words import STOP_START
from corpus.mention import Mention

_EN_GOVERNMENT = re.compile(
    r"\b([A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s+(?:provincial\s+|municipal\s+|city\s+|district\s+|"
    r"county\s+)?government)\b"
)


def _en_government(sentence: str) -> list[Mention]:
    """Governments named by their place: "Liuzhou Municipal Government"."""
    out = []
    for match in _EN_GOVERNMENT.finditer(sentence):
        name = match.group(1)
        if name.split()[0] not in STOP_START:
            out.append(Mention(name, match.start(1), match.end(1), "government"))
    return out


def en_mentions(sentence: str) -> list[Mention]:
    """The English rules' mentions in a sentence (overlapping ones included)."""
    return (
        headed_names(sentence) + appositions(sentence) + class_lists(sentence)
        + loose_names(sentence) + _en_government(sentence) + media_bylines(sentence)
        + visit_hosts(sentence) + bare_parties(sentence) + credited_sources(sentence)
    )  # fmt: skip


# "the college's / its" before a list of names: the offices and faculties of the
# organisation referred to ("the polytechnic's office, Department of X and School of Y").
_POSSESSOR = re.compile(r"\b(?:the\s+[a-z]+['’]s|its|their)\s+")
# What may stand between the possessive and a unit, or between two units: separators, and
# one unit named in common words ("office, ").
_UNIT_GAP = re.compile(r"\s*(?:[a-z]+,\s*)?(?:,\s*)?(?:and\s+)?")


def en_units(sentence: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions without the offices a possessive introduces ("the college's Department of
    Human Resources and International Office"): parts of the organisation referred to, not
    organisations of their own; its faculties ("its School of Management") are kept as parts."""
    units: set[int] = set()
    for owner in _POSSESSOR.finditer(sentence):
        end = owner.end()
        for k, m in enumerate(mentions):
            if m.start < end:
                continue
            if not _UNIT_GAP.fullmatch(sentence[end : m.start]):
                break
            units.add(k)
            end = m.end
    # a faculty (its School of X) is an organisation of its own, but no party here
    return [
        replace(m, part=True) if k in units else m
        for k, m in enumerate(mentions)
        if k not in units or m.kind == "school"
    ]
