"""Bodies that have members (alliances, councils, committees), and the bare words
(联合体, 理事会, "the alliance") that can only mean a document's one body of that sort."""

from __future__ import annotations

import re

from corpus.partner_records import Organization

# Bodies that have members without being alliances.
# (A development zone's 管理委员会, "management committee", governs it: it has no members.)
_COLLECTIVE = re.compile(
    r"(联席会议|理事会|(?<!管理)委员会|联合会|council|(?<!management )committee)$", re.I
)
_COLLECTIVE_WORDS = ("联合体", "共同体", "理事会", "联席会议", "联盟", "the alliance",
                     "the consortium", "the council", "the community", "集团")  # fmt: skip
# A bare 集团 is the document's vocational-education group (职教集团) only when no company
# group is named: else it is the company (`referents.py`).
_ALLIANCE_ONLY_WORDS = ("集团",)


def has_members(name: str) -> bool:
    """True for the name of a council, a committee, a joint conference or a federation: a
    body with members."""
    return bool(_COLLECTIVE.search(name))


def only_collectives(orgs: dict[str, Organization]) -> dict[str, str]:
    """Bare words (联合体, 理事会, the alliance) that can only mean the document's one body of
    that sort -> its name."""
    out: dict[str, str] = {}
    for word in _COLLECTIVE_WORDS:
        bare = word.removeprefix("the ")
        named = [n for n in orgs if n.lower().endswith(bare) and n.lower() != bare]
        if word in _ALLIANCE_ONLY_WORDS and any(orgs[n].kind != "alliance" for n in named):
            continue
        if len(named) == 1:
            out[word] = named[0]
    return out
