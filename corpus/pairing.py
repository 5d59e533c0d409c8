"""The cooperations one sentence states: who among the organisations it names (and the
document's school it refers to) cooperates with whom, and in what kind of cooperation."""

from __future__ import annotations

import re
from itertools import pairwise

from corpus.collectives import has_members
from corpus.cues import hypothetical, sentence_date
from corpus.mentions import Mention, groups
from corpus.non_parties import no_party, unit_of, without_built
from corpus.org_registry import canonical
from corpus.partner_records import Cooperation, Organization
from corpus.posts import affiliation
from corpus.referents import SCHOOL_WORDS, SELF
from corpus.sentences import Sentence
from corpus.types import SourceDocument

# Words that, beside a named alliance, introduce its members.
_GATHERS = re.compile(
    r"包括|涵盖|汇聚|吸纳|发起|成立|组建|理事长|理事|牵头单位|\binitiat\w*|compris\w*|includ\w*|"
    r"consist\w*|"
    r"brings? together|co-?found\w*|(?:founded|established|set up|launched) by|"
    r"jointly (?:founded|established|set up|launched)",
    re.I,
)
_JOINTLY = re.compile(
    r"jointly|\bco-?(?:sponsor|host|organi[sz])\w*|共同主办|联合主办|共同举办|联合举办", re.I
)
# The words that join two names or two people: 与, 和, "and", "with".
_JOINED_BY = re.compile(r"与|和|同|\band\b|\bwith\b")
# A list that names a sample of a larger set: "A、B等12家企业", "companies such as A and B".
_SAMPLE = re.compile(
    r"等\s*(?:\d+|[一二三四五六七八九十两百千]+)\s*(?:多|余)?\s*(?:家|个|所)|"
    r"等(?:企业|单位|院校|高校|学校|公司|机构)|"
    r"\b(?:such as|including|among them|represented by|etc)\b",
    re.I,
)
_LISTED = re.compile(r"[、，,；;]|[、，,；;]?\s*(?:以及|及|and)")
# "with" before an enumeration, no other clause between (an enumeration that follows it is
# the object, "… signed agreements with eight enterprises: A, B and C"); 与 / 同 / 跟 / 携手 right
# before it ("与A、B签约": the partners of a subject named before, or of none).
_WITH_BEFORE = re.compile(r"\bwith\b[^.;,]*[:,]?\s*$|(?:与|同|跟|携手)\s*$", re.I)
# A verb between two names ends an enumeration ("… with A, and B hosted it").
_CLAUSE_VERB = re.compile(r"\b\w+ed\b|\b(?:is|are|was|were|has|have|had|will)\b|[;。；]", re.I)
_RESPECTIVELY = re.compile(r"分别|respectively|\beach\b", re.I)
MAX_PARTIES = 16  # a sentence naming more organisations than this is a list, not a relation
MIN_COUPLES = 2  # couples listed in a sentence before they are read as couples (A与B、C与D)
MAX_JOINT = 3  # parties named together with no one else that are taken as partners


def cooperations(
    doc: SourceDocument,
    sentence: Sentence,
    mentions: list[Mention],
    host: tuple[str, str],
    alias_of: dict[str, str],
    orgs: dict[str, Organization],
    alliance: str,
    kind: str | None,
) -> list[Cooperation]:
    """The cooperations one sentence states. `host`: the document's school, or the faculty
    acting for it, and the school itself (学校 / 我校 is the school, not its faculty)."""
    main, school = host
    if kind is None or hypothetical(sentence.text):
        return []
    allied = any(orgs[canonical(m.name, alias_of)].kind == "alliance" for m in mentions)
    if kind != "membership" and allied and _gathers(sentence.text, mentions):
        kind = "membership"  # an alliance "including / initiated by" its members
    names: list[str] = []
    group_of: dict[str, int] = {}
    mentions = [m for m in mentions if not no_party(sentence.text, m)]
    if len(mentions) > 1:  # what the others built (共建的某某产业学院) is no party to it
        mentions = without_built(sentence.text, mentions, orgs, alias_of)
    for m, g in zip(mentions, groups(sentence.text, mentions), strict=True):
        name = canonical(m.name, alias_of)
        if name not in names:
            names.append(name)
            group_of[name] = g
    self_ref = next(
        (r for r in SELF.finditer(sentence.text)
         if not any(m.start <= r.start() < m.end for m in mentions)),
        None,
    )  # fmt: skip
    if SCHOOL_WORDS.search(sentence.text):
        main = school  # 学校 / 我校 in the sentence: the school acts, not its faculty
    if kind == "membership" and alliance and not any(orgs[n].kind == "alliance" for n in names):
        names.append(alliance)  # "… joined" after a sentence naming the alliance
        group_of[alliance] = -2
    elif (
        main
        and main not in names
        and (self_ref or _unnamed_subject(sentence, names, group_of, mentions))
    ):
        first = mentions[0].start if mentions else len(sentence.text)
        before = self_ref is not None and self_ref.start() < first
        names.insert(0 if before else len(names), main)
        group_of[main] = -1
    gathered = kind == "membership" and any(
        orgs[n].kind == "alliance" or has_members(n) for n in names
    )
    if len(names) < 2 or (len(names) > MAX_PARTIES and not gathered):
        return []  # a long list is no relation, unless it lists an alliance's members
    if self_ref and not main and len(set(group_of.values())) == 1:
        return []  # "our school … A, B": partners of a school the document never names
    if len(set(group_of.values())) == 1 and _partners_listed(sentence.text, mentions):
        return []  # "与A、B签约" with no subject known: the partners of someone unnamed
    guests = len(names) > 2 or (len(names) == 2 and not _joined(sentence.text, mentions))
    if guests and mentions and all(affiliation(sentence.text, m) for m in mentions):
        # only people's posts are named (A会长X、B厅长Y出席): they are the host's guests
        # (the school's own people at its faculty's event are hosts too)
        hosting = main in names or school in names
        pairs = [(main, o) for o in names if o not in (main, school)] if hosting else []
    else:
        couples = _couples(sentence.text, mentions)
        pairs = [
            (canonical(a.name, alias_of), canonical(b.name, alias_of)) for a, b in couples
        ] or _pairs(kind, names, group_of, orgs, sentence.text, main)
    pairs = [(a, b) for a, b in pairs if not (unit_of(a, b, orgs) or unit_of(b, a, orgs))]
    date = sentence_date(sentence.text, str(doc.metadata.get("date", "")))
    return [
        Cooperation(a, b, kind, date, sentence.start, sentence.end, sentence.text) for a, b in pairs
    ]


def _couples(text: str, mentions: list[Mention]) -> list[tuple[Mention, Mention]]:
    """The couples of "A与B、C与D分别签约": names joined in twos by 与 / and, the twos
    listed; [] for any other sentence."""
    if len(mentions) < 2 * MIN_COUPLES or len(mentions) % 2:
        return []
    between = [text[a.end : b.start].strip() for a, b in pairwise(mentions)]
    inner = all(_JOINED_BY.fullmatch(sep) for sep in between[0::2])
    outer = all(_LISTED.fullmatch(sep) for sep in between[1::2])
    return list(zip(mentions[0::2], mentions[1::2], strict=True)) if inner and outer else []


def _joined(text: str, mentions: list[Mention]) -> bool:
    """True when a conjunction joins the sentence's people (A院长X与B董事长Y签约: two
    parties acting together, not two guests in a list)."""
    if not mentions:
        return False
    return bool(_JOINED_BY.search(text, mentions[0].end, mentions[-1].start))


def _gathers(text: str, mentions: list[Mention]) -> bool:
    """True when a word of gathering members stands in the sentence other than as a
    person's post right after a name (某某联盟理事长 is a title, not the alliance's members)."""
    ends = {m.end for m in mentions}
    return any(g.start() not in ends for g in _GATHERS.finditer(text))


def _unnamed_subject(
    sentence: Sentence, names: list[str], group_of: dict[str, int], mentions: list[Mention]
) -> bool:
    """True when the sentence's organisations are the partners of a subject it does not
    name (the document's school): a list too long to be joint parties, or one after "with"."""
    return _one_long_list(names, group_of) or _partners_listed(sentence.text, mentions)


def _partners_listed(text: str, mentions: list[Mention]) -> bool:
    """True when the sentence's organisations are one enumeration that is the object of
    "with" ("the principal signed agreements with eight enterprises: A, B, …"): the
    partners of a subject it does not name, the document's school."""
    if not mentions or not _WITH_BEFORE.search(text, 0, mentions[0].start):
        return False
    # one enumeration: only list separators (or names the rules did not take) between them
    return all(not _CLAUSE_VERB.search(text, a.end, b.start) for a, b in pairwise(mentions))


def _one_long_list(names: list[str], group_of: dict[str, int]) -> bool:
    """True when the sentence names one enumeration too long to be joint parties (the
    companies present at the document's event)."""
    return len(set(group_of.values())) == 1 and len(names) > MAX_JOINT


def _pairs(
    kind: str,
    names: list[str],
    group_of: dict[str, int],
    orgs: dict[str, Organization],
    text: str,
    main: str,
) -> list[tuple[str, str]]:
    """Who cooperates with whom in a sentence: members with the alliance they join; else
    the first party (or enumeration) with every other one, never items of one enumeration
    with each other, except the parties of one signing among three."""
    alliances = [n for n in names if orgs[n].kind == "alliance" or has_members(n)]
    if kind == "membership" and alliances:
        members = [n for n in names if n not in alliances]
        return [(m, a) for a in alliances for m in members]
    if len(set(group_of[n] for n in names)) == 1:
        # One enumeration and nobody else: its few parties act together (A and B signed);
        # a longer one with the document's school in it: the school and its co-hosts.
        if len(names) > MAX_JOINT or _SAMPLE.search(text):
            # a long list, or a sample of a larger set (A、B等12家企业), acts as no party
            return [(main, o) for o in names if o != main] if main in names else []
        return [(names[i], names[j]) for i in range(len(names)) for j in range(i + 1, len(names))]
    if len(_SAMPLE.findall(text)) > 1:
        # samples of two sets (A、B等企业和C、D等院校): no one in them acts with another,
        # the document's school among them included; only the school they visit
        return [(main, o) for o in names if o != main] if group_of.get(main) == -1 else []
    first = [n for n in names if group_of[n] == group_of[names[0]]]
    hubs, rest = first, [n for n in names if n not in first]
    if len(hubs) > 1 and len(rest) == 1:
        hubs, rest = rest, hubs
    pairs = [(h, o) for h in hubs for o in rest]
    if _JOINTLY.search(text) and 1 < len(first) <= MAX_JOINT:
        # "jointly sponsored by A and B": the co-hosts are partners of each other too
        pairs += [(first[i], first[j]) for i in range(len(first)) for j in range(i + 1, len(first))]
    if (
        kind == "agreement"
        and len(names) == 3
        and not _RESPECTIVELY.search(text)
        and not (_SAMPLE.search(text))
    ):
        return [(names[i], names[j]) for i in range(3) for j in range(i + 1, 3)]
    if main in names and len(names) > 2:
        return [(main, o) for o in names if o != main]  # the document's school is the hub
    return pairs
