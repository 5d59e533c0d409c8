"""English bare names (no head word) where only an organisation can stand: joined or listed
beside a recognised name ("X College and Rhein-Koester", "CCTC, Lumen Auto and Inwix"), a
party of "partnered with", the host of a visit."""

from __future__ import annotations

import re

from corpus.en_dictionary import dictionary_names
from corpus.en_names import internal_office
from corpus.en_words import EN_BARE, PROVINCE_NAMES, brand_like, unopened_bare
from corpus.language import has_cjk
from corpus.mention import Mention
from corpus.orgnames import kind_of

# The host of a visit: "visited Huayun Data", "a visit to Liangjiang New Area".
_EN_VISITED = re.compile(
    r"\b(?:visited|visit to|visits to)\s+(?:the\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})"
)


# A bare name (no head word) where only a party can stand: after "partnered / cooperates /
# signed an agreement … with", or as the subject of such a verb, an apposition between.
_EN_PARTNER_VERBS = (
    r"(?:partner(?:ed|s|ing|ship)?|teamed up|teams up|team up|cooperat\w*|co-operat\w*|"
    r"collaborat\w*|agreements?|memorand\w*|MoUs?|contracts?|works?|worked|working|ties)"
)
_EN_WITH_PARTY = re.compile(
    rf"\b{_EN_PARTNER_VERBS}\s+(?:[a-z]+\s+){{0,3}}?with\s+(?:the\s+)?({EN_BARE})"
)
_EN_SUBJECT_PARTY = re.compile(
    rf"^(?:[^,]{{0,40}},\s*)?({EN_BARE})(?:\s*\([^)]*\))?(?:,[^,]{{3,80}},)?\s+"
    r"(?:(?:has|have|had|also|recently|officially|formally)\s+)*"
    r"(?:partnered|teamed up|signed|donated|joined|cooperated|co-operated|collaborated|"
    r"sponsored|co-founded|set up|established|launched)\b"
)


# A bare name listed right after a known one and itself closing an item of the list:
# "CCTC, Lumen Auto and Inwix", "X College, Lumen Robotics, and Y".
_EN_LISTED_AFTER = re.compile(
    rf"(?:\s*\([^()]{{1,20}}\))?(?:\s*,\s*(?:and\s+)?|\s+and\s+)({EN_BARE})"
    r"(?=\s*(?:,|\band\b|[.;)]|$))"
)


# A bare name described right after it (", vocational education specialist of …"): a person.
_DESCRIBED_AFTER = re.compile(r"\s*,\s+(?!and\b|or\b)(?:an?\s+|the\s+)?[a-z]")


# A bare name listed right before a known one, opening an item of the list.
_EN_LISTED_BEFORE = re.compile(
    rf"(?:^|[,:;(]\s*|\b(?:and|of|with|by|between|including|from)\s+)({EN_BARE})"
    r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)$"
)


def en_coordinated(sentence: str, known: list[Mention]) -> list[Mention]:
    """Bare English names joined to a recognised one: "X College and Rhein-Koester"."""
    out = []
    for m in known:
        if has_cjk(m.name):
            continue
        after = re.match(rf"(?:\s*\([^()]{{1,20}}\))?\s+and\s+({EN_BARE})", sentence[m.end :])
        if after and brand_like(after.group(1)):
            s = m.end + after.start(1)
            out.append(Mention(after.group(1), s, s + len(after.group(1)), "enterprise"))
        before = re.search(rf"(?:between\s+)?\b({EN_BARE})\s+and\s+$", sentence[: m.start])
        if before:
            start, name = unopened_bare(before.start(1), before.group(1))
            if name and brand_like(name) and not internal_office(name):
                out.append(Mention(name, start, start + len(name), kind_of(name) or "enterprise"))
    return out


def bare_parties(sentence: str) -> list[Mention]:
    """Bare names where only a party can stand: after "partnered with", or as the
    subject of such a verb."""
    out = []
    for pattern in (_EN_WITH_PARTY, _EN_SUBJECT_PARTY):
        for match in pattern.finditer(sentence):
            start, name = unopened_bare(match.start(1), match.group(1))
            if name and brand_like(name) and name not in PROVINCE_NAMES:
                out.append(Mention(name, start, start + len(name), kind_of(name) or "enterprise"))
    return out


def visit_hosts(sentence: str) -> list[Mention]:
    """The hosts of visits: "visited Huayun Data", "a visit to Liangjiang New Area"."""
    out = []
    for match in _EN_VISITED.finditer(sentence):
        name = match.group(1)
        if name in PROVINCE_NAMES or (len(name.split()) == 1 and not brand_like(name)):
            continue
        out.append(Mention(name, match.start(1), match.end(1), kind_of(name) or "other"))
    return out


def en_listed(sentence: str, known: list[Mention]) -> list[Mention]:
    """Bare brand-like names listed after a known organisation (its name or another name the
    document gave it), each found one leading to the next: "a joint creation of CCTC, Lumen
    Auto and Inwix"."""
    out: list[Mention] = []
    taken = [(m.start, m.end) for m in known]
    queue = [m for m in known if not has_cjk(m.name)]
    while queue:
        m = queue.pop(0)
        for start, name in _listed_beside(sentence, m):
            end = start + len(name)
            if any(a < end and start < b for a, b in taken) or not _listed_brand(
                sentence, name, end
            ):
                continue
            found = Mention(name, start, end, "enterprise")
            out.append(found)
            queue.append(found)
            taken.append((start, end))
    return out


def _listed_beside(sentence: str, m: Mention) -> list[tuple[int, str]]:
    """(start, name) of the bare names listed right after and right before a mention."""
    out = []
    after = _EN_LISTED_AFTER.match(sentence, m.end)
    if after:
        out.append((after.start(1), after.group(1)))
    before = _EN_LISTED_BEFORE.search(sentence, 0, m.start)
    if before:
        out.append(unopened_bare(before.start(1), before.group(1)))
    return [(start, name) for start, name in out if name]


def _listed_brand(sentence: str, name: str, end: int) -> bool:
    """True for a bare listed name that may be a company: brand-like, no head word of a
    kind, no country or place CC-CEDICT translates, no person described after it."""
    if not brand_like(name) or kind_of(name) or name.lower() in dictionary_names():
        return False
    return not _DESCRIBED_AFTER.match(sentence, end)
