"""Organisations a sentence names that are no party to the cooperation it states: a venue,
an event, a body that approved, a cited document's issuer, a unit the parties built, a
former post's body, a part of a school or government named after it."""

from __future__ import annotations

import re

from corpus.collectives import has_members
from corpus.mention import Mention
from corpus.org_registry import MIN_SHORT_KEY, canonical
from corpus.orgnames import written_key
from corpus.partner_records import Organization
from corpus.posts import former

# Words right before a unit that the sentence's parties build, and after one they unveil.
_BUILT_BEFORE = re.compile(
    r"(?:共建|共同组建|合作共建|组建|成立|建设|打造|创办|设立|合办|共办|联合举办)(?:了|的)?[“\"]?$|"
    r"\b(?:inaugurated|established|set up|launched|unveiled|opened|built)\s+(?:an?\s+|the\s+)?"
    r"(?:new\s+)?[“\"]?$",
    re.I,
)
# Where an event took place (在某某园区, "at the X Park"): a venue, not a party, unless a
# school or a company hosts it.
_VENUE_BEFORE = re.compile(r"(?:在|于)$|\b(?:at|in)\s+(?:the\s+)?$", re.I)
_VENUE_KINDS = ("other",)
# An event the sentence's parties hold ("held the X Workshop on Y", 举办某某论坛): the
# object of holding, no party (checked for mentions of a venue's kinds only).
_HELD_BEFORE = re.compile(
    r"\b(?:held|organi[sz]ed|hosted|convened)\s+(?:an?\s+|the\s+)?(?:first\s+|second\s+)?[“\"]?$|"
    r"(?:举办|召开|举行)(?:了)?(?:第[一二三四五六七八九十\d]+[届期次])?[“\"]?$",
    re.I,
)
_UNVEILED_AFTER = re.compile(r"[”\"]?(?:揭牌|授牌|挂牌|正式成立|揭牌成立)")
# What stands between two units built together: a list separator ("共建A、B和C").
_BUILT_LISTED = re.compile(r"\s*(?:、|和|及|以及|与)\s*")
# A body whose approval is mentioned: "with the approval of (the) X", 经 X 批准 / 同意.
_APPROVAL_BEFORE = re.compile(
    r"\b(?:with|under|upon|after)\s+the\s+approval\s+of\s+(?:(?:the|China's)\s+)?$", re.I
)
_BY_WAY_OF = re.compile(r"经\s*$")
_APPROVED_AFTER = re.compile(r"\s*(?:批准|同意|批复|审批|认定)")
# A cited document's title (《某某厅关于…的通知》): the body in it issued the text, no party.
_CITED = re.compile(r"《[^》]*》")
# Kinds of organisations whose name inside another's makes that one a part of it.
_OWNING_KINDS = ("school", "government")


def no_party(text: str, m: Mention) -> bool:
    """True for a mention that is no party to the sentence's cooperation, whatever the other
    mentions: a byline, a part, a cited issuer, a venue, an approver, a former post's body."""
    return (
        m.byline
        or m.part
        or cited(text, m)
        or venue(text, m)
        or approver(text, m)
        or former(text, m)
    )


def unit_of(unit: str, owner: str, orgs: dict[str, Organization]) -> bool:
    """True when `unit` is named after a school or a government body `owner` (its centre,
    faculty, committee or new name: "X Center of Y College", "CPC Y Committee", 某某大学
    某某学院): a part of it, not its partner. A unit named after a company (a class, an
    academy) is its partner."""
    if orgs[owner].kind not in _OWNING_KINDS:
        return False
    inside = [written_key(n) for n in [unit, *orgs[unit].names]]
    return any(
        len(k) >= MIN_SHORT_KEY and any(k in i and k != i for i in inside)
        for k in (written_key(n) for n in [owner, *orgs[owner].names])
    )


def without_built(
    text: str, mentions: list[Mention], orgs: dict[str, Organization], alias_of: dict[str, str]
) -> list[Mention]:
    """The mentions without the units the sentence's parties built, each one listed after a
    built one included (共建A中心、B中心和C基地)."""
    out: list[Mention] = []
    previous: Mention | None = None  # the last mention, when it was a built unit
    for m in mentions:
        listed = previous is not None and _BUILT_LISTED.fullmatch(text[previous.end : m.start])
        if _built(text, m, orgs, alias_of) or (listed and _unit(m, orgs, alias_of)):
            previous = m
            continue
        previous = None
        out.append(m)
    return out


def _unit(m: Mention, orgs: dict[str, Organization], alias_of: dict[str, str]) -> bool:
    """True for a mention that can be built: no body with members (alliance, association,
    committee)."""
    name = canonical(m.name, alias_of)
    return not (orgs[name].kind in ("alliance", "association") or has_members(name))


def _built(text: str, m: Mention, orgs: dict[str, Organization], alias_of: dict[str, str]) -> bool:
    """True for a unit the sentence says its parties built or unveiled (共建的某某产业学院,
    为“某某学院”揭牌): no party itself; a body with members (alliance, association,
    committee) has its founders as members."""
    if not _unit(m, orgs, alias_of):
        return False
    return bool(_BUILT_BEFORE.search(text, 0, m.start) or _UNVEILED_AFTER.match(text, m.end))


def venue(text: str, m: Mention) -> bool:
    """True for a place where the sentence's event happens (在某某中心, "at the X Park"),
    or the event itself ("held the X Workshop")."""
    return m.kind in _VENUE_KINDS and bool(
        _VENUE_BEFORE.search(text, 0, m.start) or _HELD_BEFORE.search(text, 0, m.start)
    )


def approver(text: str, m: Mention) -> bool:
    """True for a body whose approval the sentence mentions (经某某厅批准, 经省政府同意,
    "with the approval of X"): it authorised what the parties did, it is no party."""
    if _APPROVAL_BEFORE.search(text, 0, m.start):
        return True
    return bool(_BY_WAY_OF.search(text, 0, m.start) and _APPROVED_AFTER.match(text, m.end))


def cited(text: str, m: Mention) -> bool:
    """True for a mention inside a cited document's title (《…》)."""
    return any(c.start() < m.start and m.end < c.end() for c in _CITED.finditer(text))
