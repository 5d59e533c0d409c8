"""Organisations and the cooperations between them, extracted from one document by rules.

A cooperation is stated by one sentence (its evidence, with exact offsets in the document
text) that names two organisations and holds a cue word of a kind of cooperation. "学校",
"我校", "the college" stand for the document's main school.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from corpus.cues import cue, hypothetical, sentence_date
from corpus.mentions import Mention, find_known, find_listed, find_mentions, groups
from corpus.orgnames import has_cjk, keys, region_of, written_key
from corpus.sentences import Sentence, split_sentences
from corpus.types import SourceDocument

# The document's school, named or not: a clause that opens with 与 has it as its subject;
# "its partners" are the school's.
_SELF = re.compile(
    r"^[-•·\s\d.、()（）]*(?=与|同|携手|联合)|"
    r"我校|本校|该校|(?:(?<![\u4e00-\u9fff])|(?<=[与和同向到赴为在对由是及表]))学校|来校|到校|莅校|我院|本院|该院|代表团|"
    r"(?<![\u4e00-\u9fff])学院(?=[与和同向为在将已还共先分携联积主被获])|"
    r"(?<=[与和同向到赴为在对由是及表])学院|"
    r"\b(?:the|our) (?:college|school|university|delegation)\b|\bits partners?\b",
    re.I,
)
# The words of _SELF that name the school itself, not a faculty acting for it.
_SCHOOL_WORDS = re.compile(r"我校|本校|该校|学校|来校|到校|莅校")
# Words that, beside a named alliance, introduce its members.
_GATHERS = re.compile(
    r"包括|涵盖|汇聚|吸纳|发起|成立|组建|理事长|理事|牵头单位|\binitiat\w*|compris\w*|includ\w*|"
    r"consist\w*|"
    r"brings? together|co-?found\w*|(?:founded|established|set up|launched) by|"
    r"jointly (?:founded|established|set up|launched)",
    re.I,
)
# Bodies that have members without being alliances.
# (A development zone's 管理委员会, "management committee", governs it: it has no members.)
_COLLECTIVE = re.compile(
    r"(联席会议|理事会|(?<!管理)委员会|联合会|council|(?<!management )committee)$", re.I
)
_COLLECTIVE_WORDS = ("联合体", "共同体", "理事会", "联席会议", "联盟", "the alliance",
                     "the consortium", "the council", "the community", "集团")  # fmt: skip
# A bare 集团 is the document's vocational-education group (职教集团) only when no company
# group is named: else it is the company (`_COMPANY_REF`).
_ALLIANCE_ONLY_WORDS = ("集团",)
_JOINTLY = re.compile(
    r"jointly|\bco-?(?:sponsor|host|organi[sz])\w*|共同主办|联合主办|共同举办|联合举办", re.I
)
_FIRST_PERSON = re.compile(r"我校|本校|我院|本院|\bour (?:college|school|university)\b", re.I)
_TITLE_SITE = re.compile(r"\s[-|_—]\s|[-|_—](?=[^-|_—]*$)")
# A person's title right after an organisation's name (its post there, also in one of its
# offices: 某某厅职成教处副处长), or before "of".
_TITLES = (
    r"书记|校长|院长|会长|理事长|秘书长|董事长|总经理|经理|主任|部长|厅长|局长|处长|主席|专务|"
    r"委员|总监|负责人|总裁|成员"
)
_TITLE_AFTER = re.compile(
    r"\s*(?:[\u4e00-\u9fff]{1,6}?(?:处|科|室))?(?:原|前|副|常务|执行|首席|名誉|专职|党委|党组|党工委)*"
    r"\s*(?:" + _TITLES + r")"
)
_EN_TITLES = (
    r"President|Vice[- ]President|Dean|Director|Chairman|Chair|Secretary|Manager|Head|"
    r"Principal|Secretary[- ]General|General Manager"
)
_TITLE_BEFORE = re.compile(
    r"\b(?:" + _EN_TITLES + r")\s+of\s+(?:the\s+)?$",
    re.I,  # "Tang Jianhua, chairman of X"
)
# The words that join two names or two people: 与, 和, "and", "with".
_JOINED_BY = re.compile(r"与|和|同|\band\b|\bwith\b")
# A company referred to, not named: 该公司, 这家企业, 集团 / 公司 as a clause's subject or
# object (为集团打造), "the company".
_COMPANY_REF = re.compile(
    r"(?:该|这家|此)(?:公司|集团|企业)|(?:(?<![\u4e00-\u9fff])|(?<=[与和同向为对在到赴]))(?:公司|集团)"
    r"(?![\u4e00-\u9fff]{0,1}(?:公司|集团))|\bthe (?:company|firm|group)\b"
)
# A list that names a sample of a larger set: "A、B等12家企业", "companies such as A and B".
_SAMPLE = re.compile(
    r"等\s*(?:\d+|[一二三四五六七八九十两百千]+)\s*(?:多|余)?\s*(?:家|个|所)|"
    r"等(?:企业|单位|院校|高校|学校|公司|机构)|"
    r"\b(?:such as|including|among them|represented by|etc)\b",
    re.I,
)
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
_LISTED = re.compile(r"[、，,；;]|[、，,；;]?\s*(?:以及|及|and)")
# The two parties of the sentences before, referred to, not named.
_BOTH = re.compile(r"双方|两校|\bboth (?:sides|parties)\b|\bthe two (?:sides|parties)\b", re.I)
# "with" before an enumeration, no other clause between (an enumeration that follows it is
# the object, "… signed agreements with eight enterprises: A, B and C").
_WITH_BEFORE = re.compile(r"\bwith\b[^.;,]*[:,]?\s*$", re.I)
# A verb between two names ends an enumeration ("… with A, and B hosted it").
_CLAUSE_VERB = re.compile(r"\b\w+ed\b|\b(?:is|are|was|were|has|have|had|will)\b|[;。；]", re.I)
_RESPECTIVELY = re.compile(r"分别|respectively|\beach\b", re.I)
# A former post right after a body's name (原副主席, 前院长), or "former … of" before it.
_FORMER_AFTER = re.compile(r"\s*(?:原|前)(?:副|常务|执行|党委|党组)*\s*(?:" + _TITLES + r")")
_FORMER_BEFORE = re.compile(
    r"\bformer\s+(?:[a-z-]+\s+){0,3}?(?:" + _EN_TITLES + r")\s+of\s+(?:the\s+)?$", re.I
)
# A body whose approval is mentioned: "with the approval of (the) X", 经 X 批准 / 同意.
_APPROVAL_BEFORE = re.compile(
    r"\b(?:with|under|upon|after)\s+the\s+approval\s+of\s+(?:(?:the|China's)\s+)?$", re.I
)
_BY_WAY_OF = re.compile(r"经\s*$")
_APPROVED_AFTER = re.compile(r"\s*(?:批准|同意|批复|审批|认定)")
# A cited document's title (《某某厅关于…的通知》): the body in it issued the text, no party.
_CITED = re.compile(r"《[^》]*》")
# Characters of the levels of government that close a place's name (宜昌市, 某某县, 某某盟).
_LEVELS = "省市县区州盟旗"
# A sentence ending with a colon introduces a list ("同时成立了七个产业学院，分别是：",
# "It set up three centres:"); the lines after it that hold one name each are its items.
_INTRODUCES = re.compile(r"[：:]\s*$")
# What may stand before a list item's name: a marker (一、, 1., (2), -, •) and nothing else.
_ITEM_MARK = re.compile(
    r"\s*(?:[-•·*]|[(（]?[一二三四五六七八九十\d]{1,3}[、.)）]|[(（][一二三四五六七八九十\d]{1,3}[)）])?\s*"
)
# What may follow a list item's name: a closing mark at most.
_ITEM_END = re.compile(r"\s*[；;。.，,]?\s*")
# Kinds of organisations whose name inside another's makes that one a part of it.
_OWNING_KINDS = ("school", "government")
# Part of every document's hash once the directory is on: bump it when the rules change.
EXTRACTION_VERSION = "9"
MIN_SHORT_KEY = 4  # a shorter name is not taken for the end of a longer one (characters)
MAX_PARTIES = 16  # a sentence naming more organisations than this is a list, not a relation
CONTEXT_SENTENCES = 2  # an alliance named this many sentences back is the one members join
MIN_KNOWN_NAME = 2  # shorter known names are not looked for again in other sentences
MIN_COUPLES = 2  # couples listed in a sentence before they are read as couples (A与B、C与D)
MAX_JOINT = 3  # parties named together with no one else that are taken as partners


@dataclass
class Organization:
    """An organisation as one document names it."""

    name: str
    kind: str
    region: str = ""
    names: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The written-form key of its name."""
        return written_key(self.name)


@dataclass
class Cooperation:
    """A stated relation between two organisations, with its evidence sentence."""

    a: str
    b: str
    kind: str
    date: str
    start: int
    end: int
    evidence: str


@dataclass
class DocumentPartners:
    """What one document says about organisations and their cooperations."""

    doc_id: str
    organizations: list[Organization]
    cooperations: list[Cooperation]


def extract(doc: SourceDocument) -> DocumentPartners:
    """The organisations a document names and the cooperations it states between them."""
    region = str(doc.metadata.get("region", ""))
    sentences = split_sentences(doc.text)
    per_sentence = [find_mentions(s.text) for s in sentences]
    # The title often names the school a text only calls 我校 / "the college".
    in_title = _title_mentions(str(doc.metadata.get("title", "")))
    orgs: dict[str, Organization] = {}
    alias_of: dict[str, str] = {}
    mentioned = [m for ms in [*per_sentence, in_title] for m in ms]
    for m in sorted(mentioned, key=lambda m: -len(written_key(m.name))):
        _add_org(orgs, alias_of, m, region)
    known = {n: orgs[c].kind for n, c in _names(orgs).items() if len(n) >= MIN_KNOWN_NAME}
    for word, name in _only_collectives(orgs).items():  # 理事会 / the alliance: the doc's one
        known.setdefault(word, orgs[name].kind)
        alias_of.setdefault(written_key(word), name)
    per_sentence = [
        find_known(s.text, known, ms) for s, ms in zip(sentences, per_sentence, strict=True)
    ]
    per_sentence = [
        _listed(s.text, ms, orgs, alias_of, region)
        for s, ms in zip(sentences, per_sentence, strict=True)
    ]
    per_sentence = _companies_referred(sentences, per_sentence, orgs, alias_of)
    main, school = _main_school([*per_sentence, in_title], orgs, alias_of)
    publisher = _publisher(str(doc.metadata.get("title", "")), alias_of, orgs)
    coops: list[Cooperation] = []
    seen: set[tuple[str, str, int]] = set()
    recent: list[str] = []  # alliances named in the last sentences, latest last
    previous = ""  # the cue kind of the sentence before
    two: tuple[int, list[Mention]] = (-CONTEXT_SENTENCES - 1, [])  # the last two parties named
    lead: tuple[str, str] | None = None  # (kind, subject) of a sentence introducing a list
    for i, (sentence, mentions) in enumerate(zip(sentences, per_sentence, strict=True)):
        named = [alias_of.get(written_key(m.name), m.name) for m in mentions]
        both = _BOTH.search(sentence.text)
        if len(set(named)) == 2:
            two = (i, [m for m in mentions if not (m.byline or m.part)])
        elif both and not named and i - two[0] <= CONTEXT_SENTENCES:
            # 双方 / "both sides": the two parties named just before
            mentions = [replace(m, start=both.start(), end=both.start()) for m in two[1]]
        alliance = next((n for n in reversed(recent[-CONTEXT_SENTENCES:]) if n), "")
        kind = cue(_without_names(sentence.text, mentions))
        listed = kind is None and previous == "membership" and bool(alliance)
        if listed and _one_group(sentence, mentions):
            kind = "membership"  # "成员构成如下：- A、B等7家政府部门；" lists members named before
        if kind is not None or mentions:
            previous = kind or ""
        own = publisher if publisher and _FIRST_PERSON.search(sentence.text) else main
        item = _list_item(sentence, mentions) if lead is not None else None
        if lead is not None and item is not None and kind is None:
            # a list item after "…，分别是：": the item is what the sentence before says
            found = _item_cooperation(doc, sentence, lead, alias_of.get(written_key(item), item))
        else:
            lead = _lead(sentence, mentions, kind, main, alias_of)
            found = _cooperations(
                doc, sentence, mentions, (own, school), alias_of, orgs, alliance, kind
            )
        for coop in found:
            pair = tuple(sorted((coop.a, coop.b)))
            if (pair[0], pair[1], coop.start) not in seen:
                seen.add((pair[0], pair[1], coop.start))
                coops.append(coop)
        here = next((n for n in reversed(named) if orgs[n].kind == "alliance"), "")
        recent.append(here or (alliance if previous == "membership" else ""))
    return DocumentPartners(doc.id, list(orgs.values()), coops)


def _lead(
    sentence: Sentence,
    mentions: list[Mention],
    kind: str | None,
    main: str,
    alias_of: dict[str, str],
) -> tuple[str, str] | None:
    """(kind, subject) of a sentence that introduces a list of what its subject did with
    each item ("学校…同时成立了七个产业学院，分别是："); None for any other sentence. The
    subject is a name opening the sentence, or the document's school it refers to."""
    if kind is None or not _INTRODUCES.search(sentence.text):
        return None
    if mentions and _ITEM_MARK.fullmatch(sentence.text[: mentions[0].start]):
        return kind, alias_of.get(written_key(mentions[0].name), mentions[0].name)
    return (kind, main) if main and _SELF.search(sentence.text) else None


def _list_item(sentence: Sentence, mentions: list[Mention]) -> str | None:
    """The name a sentence consists of as a list item ("一、某某产业学院；"), or None."""
    if len(mentions) != 1:
        return None
    m = mentions[0]
    text = sentence.text
    if _ITEM_MARK.fullmatch(text[: m.start]) and _ITEM_END.fullmatch(text[m.end :]):
        return m.name
    return None


def _item_cooperation(
    doc: SourceDocument, sentence: Sentence, lead: tuple[str, str], item: str
) -> list[Cooperation]:
    """The cooperation of a list's subject with one item of the list (the item's sentence
    is the evidence)."""
    kind, subject = lead
    if item == subject:
        return []
    date = sentence_date(sentence.text, str(doc.metadata.get("date", "")))
    return [Cooperation(subject, item, kind, date, sentence.start, sentence.end, sentence.text)]


def _without_names(text: str, mentions: list[Mention]) -> str:
    """The sentence with its organisations' names blanked out: a cue word inside a name
    (某某产教融合共同体, "X Cooperation Organisation") states no cooperation."""
    for m in mentions:
        text = text[: m.start] + " " * (m.end - m.start) + text[m.end :]
    return text


def _listed(
    text: str,
    mentions: list[Mention],
    orgs: dict[str, Organization],
    alias_of: dict[str, str],
    region: str,
) -> list[Mention]:
    """A sentence's mentions with the bare brands it lists after a known name, in a sentence
    with a cue of cooperation, recorded as organisations of the document."""
    if cue(text) is None:
        return mentions
    out = find_listed(text, mentions)
    for m in out:
        if written_key(m.name) not in alias_of:
            _add_org(orgs, alias_of, m, region)
    return out


def _companies_referred(
    sentences: list[Sentence],
    per_sentence: list[list[Mention]],
    orgs: dict[str, Organization],
    alias_of: dict[str, str],
) -> list[list[Mention]]:
    """Each sentence's mentions, with "该公司 / 为集团 / the company" standing for the company
    named last, a few sentences back, in a sentence that names no company itself."""
    out: list[list[Mention]] = []
    last: list[tuple[int, str]] = []  # (sentence index, company) named, latest last
    for i, (sentence, mentions) in enumerate(zip(sentences, per_sentence, strict=True)):
        named = [alias_of.get(written_key(m.name), m.name) for m in mentions]
        companies = [n for n in named if orgs[n].kind == "enterprise"]
        ref = None if companies else _COMPANY_REF.search(sentence.text)
        recent = [n for j, n in last if i - j <= CONTEXT_SENTENCES]
        inside = ref is not None and any(m.start <= ref.start() < m.end for m in mentions)
        if ref is not None and recent and not inside:
            it = Mention(recent[-1], ref.start(), ref.end(), "enterprise")
            mentions = sorted([*mentions, it], key=lambda m: m.start)
        last += [(i, n) for n in companies]
        out.append(mentions)
    return out


def _title_mentions(title: str) -> list[Mention]:
    """The title's organisations; in a title written in both languages ("中文 / English"),
    the names each half gives in the same order are one organisation's two names."""
    halves = title.split(" / ")
    if len(halves) != 2 or has_cjk(halves[1]) or not has_cjk(halves[0]):
        return find_mentions(title)
    zh, en = find_mentions(halves[0]), find_mentions(halves[1])
    out: list[Mention] = []
    for byline in (True, False):
        zh_side = [m for m in zh if m.byline == byline]
        en_side = [m for m in en if m.byline == byline]
        if len(zh_side) != len(en_side):
            out += zh_side + en_side
            continue
        out += [replace(z, alias=z.alias or e.name) for z, e in zip(zh_side, en_side, strict=True)]
    return out


def _add_org(
    orgs: dict[str, Organization], alias_of: dict[str, str], m: Mention, region: str
) -> None:
    """Record a mention: a name already known, or ending a longer known name of the same
    kind (省教育厅 / 江苏省教育厅), is that organisation; anything else is a new one."""
    key = written_key(m.name)
    canonical = alias_of.get(key)
    if canonical is None:
        canonical = next(
            (
                name
                for name, org in orgs.items()
                if org.kind == m.kind
                and (len(key) >= MIN_SHORT_KEY or _level_short(key, org.key))
                and org.key.endswith(key)
                and org.key != key
            ),
            None,
        )
    if canonical is None:
        canonical = m.name
        orgs[m.name] = Organization(m.name, m.kind, region_of(m.name, region))
    for k in keys(m.name):
        alias_of.setdefault(k, canonical)
    org = orgs[canonical]
    if m.alias and written_key(m.alias) not in alias_of:
        org.names.append(m.alias)
        for k in keys(m.alias):
            alias_of.setdefault(k, canonical)
    if m.name != canonical and m.name not in org.names:
        org.names.append(m.name)


def _level_short(short: str, full: str) -> bool:
    """True for a body named by its level only (市政府 for 宜昌市政府, 省教育厅): the level
    character opens the short name and closes the place in the full one."""
    return (
        len(short) > 1 and short[0] in _LEVELS and full.endswith(short) and len(full) > len(short)
    )


def _publisher(title: str, alias_of: dict[str, str], orgs: dict[str, Organization]) -> str:
    """The school whose site published the page ("… - 某某职业技术大学"): 我校 is that one."""
    parts = _TITLE_SITE.split(title)
    if len(parts) < 2:
        return ""
    for m in reversed(find_mentions(parts[-1])):
        name = alias_of.get(written_key(m.name), m.name)
        if name in orgs and orgs[name].kind == "school":
            return name
    return ""


def _only_collectives(orgs: dict[str, Organization]) -> dict[str, str]:
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


def _names(orgs: dict[str, Organization]) -> dict[str, str]:
    """Every name and other name of the document's organisations -> its entry."""
    out: dict[str, str] = {}
    for name, org in orgs.items():
        for n in [name, *org.names]:
            out.setdefault(n, name)
    return out


def _main_school(
    per_sentence: list[list[Mention]], orgs: dict[str, Organization], alias_of: dict[str, str]
) -> tuple[str, str]:
    """The school the document is about, the one named in most sentences (none on ties),
    and that school again; or, when one of its faculties is named in more sentences than
    the school alone (某某学院汽车学院召开…), the faculty and its school."""
    named_in: dict[str, set[int]] = {}
    for i, mentions in enumerate(per_sentence):
        for m in mentions:
            name = alias_of.get(written_key(m.name), m.name)
            if orgs[name].kind == "school":
                named_in.setdefault(name, set()).add(i)
    parts = {n: [p for p in named_in if p != n and p.startswith(n)] for n in named_in}
    # A part of a school (四川职业技术学院汽车学院) is not the school the document is about;
    # a sentence naming it names its school too.
    whole = {
        n: len(named_in[n].union(*(named_in[p] for p in parts[n])))
        for n in named_in
        if not any(n != o and n.startswith(o) for o in named_in)
    }
    ranked = sorted(whole, key=lambda n: -whole[n])
    if not ranked or (len(ranked) > 1 and whole[ranked[0]] == whole[ranked[1]]):
        return "", ""  # two schools named as often: the document is about neither
    school = ranked[0]
    faculty = max(parts[school], key=lambda p: len(named_in[p]), default="")
    if faculty and len(named_in[faculty]) > len(named_in[school]):
        return faculty, school  # the faculty acts for its school
    return school, school


def _cooperations(
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
    allied = any(
        orgs[alias_of.get(written_key(m.name), m.name)].kind == "alliance" for m in mentions
    )
    if kind != "membership" and allied and _gathers(sentence.text, mentions):
        kind = "membership"  # an alliance "including / initiated by" its members
    names: list[str] = []
    group_of: dict[str, int] = {}
    mentions = [
        m
        for m in mentions
        if not (
            m.byline
            or m.part
            or _cited(sentence.text, m)
            or _venue(sentence.text, m)
            or _approver(sentence.text, m)
            or _former(sentence.text, m)
        )
    ]
    if len(mentions) > 1:  # what the others built (共建的某某产业学院) is no party to it
        mentions = _without_built(sentence.text, mentions, orgs, alias_of)
    for m, g in zip(mentions, groups(sentence.text, mentions), strict=True):
        name = alias_of.get(written_key(m.name), m.name)
        if name not in names:
            names.append(name)
            group_of[name] = g
    self_ref = next(
        (r for r in _SELF.finditer(sentence.text)
         if not any(m.start <= r.start() < m.end for m in mentions)),
        None,
    )  # fmt: skip
    if _SCHOOL_WORDS.search(sentence.text):
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
        orgs[n].kind == "alliance" or _COLLECTIVE.search(n) for n in names
    )
    if len(names) < 2 or (len(names) > MAX_PARTIES and not gathered):
        return []  # a long list is no relation, unless it lists an alliance's members
    if self_ref and not main and len(set(group_of.values())) == 1:
        return []  # "our school … A, B": partners of a school the document never names
    guests = len(names) > 2 or (len(names) == 2 and not _joined(sentence.text, mentions))
    if guests and mentions and all(_affiliation(sentence.text, m) for m in mentions):
        # only people's posts are named (A会长X、B厅长Y出席): they are the host's guests
        # (the school's own people at its faculty's event are hosts too)
        hosting = main in names or school in names
        pairs = [(main, o) for o in names if o not in (main, school)] if hosting else []
    else:
        couples = _couples(sentence.text, mentions)
        pairs = [
            (alias_of.get(written_key(a.name), a.name), alias_of.get(written_key(b.name), b.name))
            for a, b in couples
        ] or _pairs(kind, names, group_of, orgs, sentence.text, main)
    pairs = [(a, b) for a, b in pairs if not (_unit_of(a, b, orgs) or _unit_of(b, a, orgs))]
    date = sentence_date(sentence.text, str(doc.metadata.get("date", "")))
    return [
        Cooperation(a, b, kind, date, sentence.start, sentence.end, sentence.text) for a, b in pairs
    ]


def _unit_of(unit: str, owner: str, orgs: dict[str, Organization]) -> bool:
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


def _without_built(
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
    name = alias_of.get(written_key(m.name), m.name)
    return not (orgs[name].kind in ("alliance", "association") or _COLLECTIVE.search(name))


def _built(text: str, m: Mention, orgs: dict[str, Organization], alias_of: dict[str, str]) -> bool:
    """True for a unit the sentence says its parties built or unveiled (共建的某某产业学院,
    为“某某学院”揭牌): no party itself; a body with members (alliance, association,
    committee) has its founders as members."""
    if not _unit(m, orgs, alias_of):
        return False
    return bool(_BUILT_BEFORE.search(text, 0, m.start) or _UNVEILED_AFTER.match(text, m.end))


def _venue(text: str, m: Mention) -> bool:
    """True for a place where the sentence's event happens (在某某中心, "at the X Park"),
    or the event itself ("held the X Workshop")."""
    return m.kind in _VENUE_KINDS and bool(
        _VENUE_BEFORE.search(text, 0, m.start) or _HELD_BEFORE.search(text, 0, m.start)
    )


def _former(text: str, m: Mention) -> bool:
    """True for a body a person once served (某某政协原副主席, "former director of X"): the
    person is there, the body is not."""
    return bool(_FORMER_AFTER.match(text, m.end) or _FORMER_BEFORE.search(text, 0, m.start))


def _approver(text: str, m: Mention) -> bool:
    """True for a body whose approval the sentence mentions (经某某厅批准, 经省政府同意,
    "with the approval of X"): it authorised what the parties did, it is no party."""
    if _APPROVAL_BEFORE.search(text, 0, m.start):
        return True
    return bool(_BY_WAY_OF.search(text, 0, m.start) and _APPROVED_AFTER.match(text, m.end))


def _cited(text: str, m: Mention) -> bool:
    """True for a mention inside a cited document's title (《…》)."""
    return any(c.start() < m.start and m.end < c.end() for c in _CITED.finditer(text))


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


def _affiliation(text: str, m: Mention) -> bool:
    """True when the mention names a person's post: a title follows it (X协会会长, X厅原厅长)
    or precedes it (President of X)."""
    return bool(_TITLE_AFTER.match(text, m.end) or _TITLE_BEFORE.search(text, 0, m.start))


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


def _one_group(sentence: Sentence, mentions: list[Mention]) -> bool:
    """True when the sentence's organisations form one enumeration."""
    return bool(mentions) and len(set(groups(sentence.text, mentions))) == 1


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
    alliances = [n for n in names if orgs[n].kind == "alliance" or _COLLECTIVE.search(n)]
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
