"""Organisations a document refers to without naming them: its main school (学校, 我校,
"the college"), the school whose site published it, "该公司 / the company", 双方."""

from __future__ import annotations

import re

from corpus.mentions import Mention, find_mentions
from corpus.org_registry import canonical
from corpus.partner_records import Organization
from corpus.sentences import Sentence

# The document's school, named or not: a clause that opens with 与 has it as its subject;
# "its partners" are the school's.
SELF = re.compile(
    r"^[-•·\s\d.、()（）]*(?=与|同|携手|联合)|"
    r"我校|本校|该校|(?:(?<![\u4e00-\u9fff])|(?<=[与和同向到赴为在对由是及表]))学校|来校|到校|莅校|我院|本院|该院|代表团|"
    r"(?<![\u4e00-\u9fff])学院(?=[与和同向为在将已还共先分携联积主被获])|"
    r"(?<=[与和同向到赴为在对由是及表])学院|"
    r"\b(?:the|our) (?:college|school|university|delegation)\b|\bits partners?\b",
    re.I,
)
# The words of SELF that name the school itself, not a faculty acting for it.
SCHOOL_WORDS = re.compile(r"我校|本校|该校|学校|来校|到校|莅校")
# The school speaking of itself: 我校 is the publishing school when the page names one.
FIRST_PERSON = re.compile(r"我校|本校|我院|本院|\bour (?:college|school|university)\b", re.I)
# What separates a page's title from its site's name ("… - 某某职业技术大学").
_TITLE_SITE = re.compile(r"\s[-|_—]\s|[-|_—](?=[^-|_—]*$)")
# A company referred to, not named: 该公司, 这家企业, 集团 / 公司 as a clause's subject or
# object (为集团打造), "the company".
_COMPANY_REF = re.compile(
    r"(?:该|这家|此)(?:公司|集团|企业)|(?:(?<![\u4e00-\u9fff])|(?<=[与和同向为对在到赴]))(?:公司|集团)"
    r"(?![\u4e00-\u9fff]{0,1}(?:公司|集团))|\bthe (?:company|firm|group)\b"
)
# The two parties of the sentences before, referred to, not named.
BOTH = re.compile(r"双方|两校|\bboth (?:sides|parties)\b|\bthe two (?:sides|parties)\b", re.I)
# A party named this many sentences back is the one a sentence refers to (the alliance
# members join, 该公司, 双方).
CONTEXT_SENTENCES = 2


def companies_referred(
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
        named = [canonical(m.name, alias_of) for m in mentions]
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


def publishing_school(title: str, alias_of: dict[str, str], orgs: dict[str, Organization]) -> str:
    """The school whose site published the page ("… - 某某职业技术大学"): 我校 is that one."""
    parts = _TITLE_SITE.split(title)
    if len(parts) < 2:
        return ""
    for m in reversed(find_mentions(parts[-1])):
        name = canonical(m.name, alias_of)
        if name in orgs and orgs[name].kind == "school":
            return name
    return ""


def main_school(
    per_sentence: list[list[Mention]], orgs: dict[str, Organization], alias_of: dict[str, str]
) -> tuple[str, str]:
    """The school the document is about, the one named in most sentences (none on ties),
    and that school again; or, when one of its faculties is named in more sentences than
    the school alone (某某学院汽车学院召开…), the faculty and its school."""
    named_in: dict[str, set[int]] = {}
    for i, mentions in enumerate(per_sentence):
        for m in mentions:
            name = canonical(m.name, alias_of)
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
