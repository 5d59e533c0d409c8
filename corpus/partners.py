"""Organisations and the cooperations between them, extracted from one document by rules.

A cooperation is stated by one sentence (its evidence, with exact offsets in the document
text) that names two organisations and holds a cue word of a kind of cooperation. "学校",
"我校", "the college" stand for the document's main school.
"""

from __future__ import annotations

from dataclasses import replace

from corpus.collectives import only_collectives
from corpus.cues import cue
from corpus.list_items import item_cooperation, lead_of_list, list_item
from corpus.mentions import Mention, find_known, find_listed, find_mentions, groups
from corpus.org_registry import add_organization, all_names, canonical, title_mentions
from corpus.orgnames import written_key
from corpus.pairing import cooperations
from corpus.partner_records import Cooperation, DocumentPartners, Organization
from corpus.referents import (
    BOTH,
    CONTEXT_SENTENCES,
    FIRST_PERSON,
    companies_referred,
    main_school,
    publishing_school,
)
from corpus.sentences import Sentence, split_sentences
from corpus.types import SourceDocument

# Part of every document's hash once the directory is on: bump it when the rules change.
EXTRACTION_VERSION = "10"
MIN_KNOWN_NAME = 2  # shorter known names are not looked for again in other sentences


def extract(doc: SourceDocument) -> DocumentPartners:
    """The organisations a document names and the cooperations it states between them."""
    region = str(doc.metadata.get("region", ""))
    sentences = split_sentences(doc.text)
    per_sentence = [find_mentions(s.text) for s in sentences]
    # The title often names the school a text only calls 我校 / "the college".
    in_title = title_mentions(str(doc.metadata.get("title", "")))
    orgs: dict[str, Organization] = {}
    alias_of: dict[str, str] = {}
    mentioned = [m for ms in [*per_sentence, in_title] for m in ms]
    for m in sorted(mentioned, key=lambda m: -len(written_key(m.name))):
        add_organization(orgs, alias_of, m, region)
    known = {n: orgs[c].kind for n, c in all_names(orgs).items() if len(n) >= MIN_KNOWN_NAME}
    for word, name in only_collectives(orgs).items():  # 理事会 / the alliance: the doc's one
        known.setdefault(word, orgs[name].kind)
        alias_of.setdefault(written_key(word), name)
    per_sentence = [
        find_known(s.text, known, ms) for s, ms in zip(sentences, per_sentence, strict=True)
    ]
    per_sentence = [
        _listed(s.text, ms, orgs, alias_of, region)
        for s, ms in zip(sentences, per_sentence, strict=True)
    ]
    per_sentence = companies_referred(sentences, per_sentence, orgs, alias_of)
    main, school = main_school([*per_sentence, in_title], orgs, alias_of)
    publisher = publishing_school(str(doc.metadata.get("title", "")), alias_of, orgs)
    coops: list[Cooperation] = []
    seen: set[tuple[str, str, int]] = set()
    recent: list[str] = []  # alliances named in the last sentences, latest last
    previous = ""  # the cue kind of the sentence before
    two: tuple[int, list[Mention]] = (-CONTEXT_SENTENCES - 1, [])  # the last two parties named
    lead: tuple[str, str] | None = None  # (kind, subject) of a sentence introducing a list
    for i, (sentence, mentions) in enumerate(zip(sentences, per_sentence, strict=True)):
        named = [canonical(m.name, alias_of) for m in mentions]
        both = BOTH.search(sentence.text)
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
        own = publisher if publisher and FIRST_PERSON.search(sentence.text) else main
        item = list_item(sentence, mentions) if lead is not None else None
        if lead is not None and item is not None and kind is None:
            # a list item after "…，分别是：": the item is what the sentence before says
            found = item_cooperation(doc, sentence, lead, canonical(item, alias_of))
        else:
            lead = lead_of_list(sentence, mentions, kind, main, alias_of)
            found = cooperations(
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
            add_organization(orgs, alias_of, m, region)
    return out


def _one_group(sentence: Sentence, mentions: list[Mention]) -> bool:
    """True when the sentence's organisations form one enumeration."""
    return bool(mentions) and len(set(groups(sentence.text, mentions))) == 1
