"""Lists a sentence introduces with a colon ("…同时成立了七个产业学院，分别是：") and
the lines after it that each hold one item: each item's cooperation with the list's subject."""

from __future__ import annotations

import re

from corpus.cues import sentence_date
from corpus.mention import Mention
from corpus.org_registry import canonical
from corpus.partner_records import Cooperation
from corpus.referents import SELF
from corpus.sentences import Sentence
from corpus.types import SourceDocument

# A sentence ending with a colon introduces a list ("同时成立了七个产业学院，分别是：",
# "It set up three centres:"); the lines after it that hold one name each are its items.
_INTRODUCES = re.compile(r"[：:]\s*$")
# What may stand before a list item's name: a marker (一、, 1., (2), -, •) and nothing else.
_ITEM_MARK = re.compile(
    r"\s*(?:[-•·*]|[(（]?[一二三四五六七八九十\d]{1,3}[、.)）]|[(（][一二三四五六七八九十\d]{1,3}[)）])?\s*"
)
# What may follow a list item's name: a closing mark at most.
_ITEM_END = re.compile(r"\s*[；;。.，,]?\s*")


def lead_of_list(
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
        return kind, canonical(mentions[0].name, alias_of)
    return (kind, main) if main and SELF.search(sentence.text) else None


def list_item(sentence: Sentence, mentions: list[Mention]) -> str | None:
    """The name a sentence consists of as a list item ("一、某某产业学院；"), or None."""
    if len(mentions) != 1:
        return None
    m = mentions[0]
    text = sentence.text
    if _ITEM_MARK.fullmatch(text[: m.start]) and _ITEM_END.fullmatch(text[m.end :]):
        return m.name
    return None


def item_cooperation(
    doc: SourceDocument, sentence: Sentence, lead: tuple[str, str], item: str
) -> list[Cooperation]:
    """The cooperation of a list's subject with one item of the list (the item's sentence
    is the evidence)."""
    kind, subject = lead
    if item == subject:
        return []
    date = sentence_date(sentence.text, str(doc.metadata.get("date", "")))
    return [Cooperation(subject, item, kind, date, sentence.start, sentence.end, sentence.text)]
