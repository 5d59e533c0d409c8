"""The partnership directory extracted by the configured LLM, grounded in the document and
falling back to the rules (`corpus.partners.extract`) per document.

Opt-in (`VCA_LLM__EXTRACT_PARTNERS=true`): every ingested document costs LLM calls. The
model's JSON is kept only where the document bears it out: an organisation whose name the
text does not hold is dropped, and a cooperation only stands on a sentence of the document
that names both organisations (its evidence, with that sentence's exact offsets). A reply
that cannot be read, or that leaves no organisation, gives the rules' extraction instead.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable

from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel

from corpus.cues import COOPERATION_KINDS, sentence_date
from corpus.orgnames import KINDS, region_of, written_key
from corpus.partner_records import Cooperation, DocumentPartners, Organization
from corpus.sentences import Sentence, split_sentences
from corpus.types import SourceDocument
from prompts import load_prompt

log = logging.getLogger(__name__)

#: Names the prompt and the reading of its reply: a change re-extracts every document.
PROMPT_VERSION = "1"
# Characters of numbered sentences per LLM call: a long regulation is read in parts, each
# well inside a small model's context together with the prompt and the reply.
MAX_PART_CHARS = 6_000
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_JSON = re.compile(r"\{.*\}", re.S)


class _Org(BaseModel):
    name: str
    names: list[str] = []
    kind: str = "other"


class _Coop(BaseModel):
    a: str
    b: str
    kind: str = "other"
    date: str = ""
    sentence: int


class _Reply(BaseModel):
    organizations: list[_Org] = []
    cooperations: list[_Coop] = []


class LLMPartnerExtractor:
    """Extracts a document's organisations and cooperations with a chat model."""

    def __init__(
        self,
        llm: BaseChatModel,
        fallback: Callable[[SourceDocument], DocumentPartners],
        model: str = "",
    ) -> None:
        self.llm = llm
        self.fallback = fallback
        #: What the extraction depends on, for the index's pipeline key.
        self.version = f"llm:{model}:{PROMPT_VERSION}"

    def __call__(self, doc: SourceDocument) -> DocumentPartners:
        """The document's partners by the LLM, or by the rules when the LLM fails."""
        try:
            found = self._extract(doc)
        except Exception as exc:  # noqa: BLE001 - an unreadable reply, the endpoint down
            log.warning("LLM extraction of %s failed (%s): rules used", doc.id, type(exc).__name__)
            return self.fallback(doc)
        return found if found.organizations else self.fallback(doc)

    def _extract(self, doc: SourceDocument) -> DocumentPartners:
        sentences = split_sentences(doc.text)
        region = str(doc.metadata.get("region", ""))
        doc_date = str(doc.metadata.get("date", ""))
        orgs: dict[str, Organization] = {}
        coops: list[Cooperation] = []
        for part in _parts(sentences):
            reply = self._ask(part)
            for org in reply.organizations:
                _add(orgs, org, doc.text, region)
            for coop in reply.cooperations:
                found = _cooperation(coop, part, orgs, doc_date)
                if found is not None:
                    coops.append(found)
        return DocumentPartners(doc.id, list(orgs.values()), _distinct(coops))

    def _ask(self, part: list[Sentence]) -> _Reply:
        numbered = "\n".join(f"{i}. {s.text}" for i, s in enumerate(part, start=1))
        reply = self.llm.invoke(load_prompt("partners_extract").format(sentences=numbered))
        text = reply.content if isinstance(reply.content, str) else str(reply.content)
        match = _JSON.search(text)
        if match is None:
            raise ValueError("no JSON object in the reply")
        return _Reply.model_validate(json.loads(match.group()))


def _parts(sentences: list[Sentence]) -> list[list[Sentence]]:
    """The sentences in runs of at most `MAX_PART_CHARS` characters."""
    parts: list[list[Sentence]] = [[]]
    size = 0
    for sentence in sentences:
        if parts[-1] and size + len(sentence.text) > MAX_PART_CHARS:
            parts.append([])
            size = 0
        parts[-1].append(sentence)
        size += len(sentence.text)
    return [p for p in parts if p]


def _said(name: str, text: str) -> bool:
    """Whether `text` writes `name` (English without regard to case)."""
    return bool(name.strip()) and name.strip().lower() in text.lower()


def _add(orgs: dict[str, Organization], org: _Org, text: str, region: str) -> None:
    """Keep `org` when the document writes its name; its other names only where it does."""
    if not _said(org.name, text):
        return
    key = written_key(org.name)
    if not key or key in orgs:
        return
    kind = org.kind if org.kind in KINDS else "other"
    names = [n for n in dict.fromkeys(org.names) if n != org.name and _said(n, text)]
    orgs[key] = Organization(org.name.strip(), kind, region_of(org.name, region), names)


def _resolve(name: str, orgs: dict[str, Organization]) -> Organization | None:
    key = written_key(name)
    for org in orgs.values():
        if key in {written_key(n) for n in (org.name, *org.names)}:
            return org
    return None


def _cooperation(
    coop: _Coop, part: list[Sentence], orgs: dict[str, Organization], doc_date: str
) -> Cooperation | None:
    """The cooperation, when its sentence exists and names both organisations."""
    if not 1 <= coop.sentence <= len(part):
        return None
    a, b = _resolve(coop.a, orgs), _resolve(coop.b, orgs)
    if a is None or b is None or a is b:
        return None
    sentence = part[coop.sentence - 1]
    if not all(any(_said(n, sentence.text) for n in (o.name, *o.names)) for o in (a, b)):
        return None
    kind = coop.kind if coop.kind in COOPERATION_KINDS else "other"
    date = coop.date if _DATE.fullmatch(coop.date) else sentence_date(sentence.text, doc_date)
    return Cooperation(a.name, b.name, kind, date, sentence.start, sentence.end, sentence.text)


def _distinct(coops: list[Cooperation]) -> list[Cooperation]:
    """One cooperation per pair, kind and sentence."""
    seen: set[tuple[str, str, str, int]] = set()
    out: list[Cooperation] = []
    for c in coops:
        first, second = sorted((c.a, c.b))
        key = (first, second, c.kind, c.start)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
