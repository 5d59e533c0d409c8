"""Sentence scoring: each sentence of the retrieved chunks by the question's concepts it
covers (its document's title and region at half weight), the chunk's rank and its shape."""

from __future__ import annotations

import re

from assistant.answerers.concepts.evidence import Evidence
from assistant.answerers.concepts.question import Question
from assistant.answerers.extractive.list_items import TABLE_ROW, goes_on
from assistant.answerers.extractive.sentence import Sentence
from corpus.chunking import split_sentences
from retrieval.hits import SearchHit

CONTEXT_WEIGHT = 0.5
# A sentence that enumerates ("三项奖学金，分别是“A”“B”和“C”", "A, B, C and D") gains this
# much for a question asking for several things: dev must_include 0.769 -> 0.775 (two list
# answers complete, one cross-lingual answer lost); the same at 0.2 with more changes.
LIST_BONUS = 0.1
ASKS_LIST = re.compile(
    r"哪些|哪几|\bwhich\b|\bwhat (?:are|were)\b|\blist\b|\bname (?:the|some)\b", re.IGNORECASE
)
ENUMERATES = re.compile(
    r"[^、]{1,30}、[^、]{1,30}、|“[^”]{1,20}”[、，和及与]?“|分别是|包括|\bincluding\b|\bsuch as\b"
    r"|(?:[A-Z][\w&.-]*(?: [A-Z][\w&.-]*)*, ){2}"
)
_ENDS_SENTENCE = re.compile(r"[.!?。！？；;:：\"”』」)）]\s*$")


def score_sentences(question: Question, hits: list[SearchHit]) -> list[Sentence]:
    """Every sentence of the hits' chunks, scored by the share of the question it covers."""
    out: list[Sentence] = []
    asks_list = bool(ASKS_LIST.search(question.text))
    for rank, hit in enumerate(hits):
        # Words of the title and region count at half weight: "in Ningbo" is answered by
        # a sentence of the Ningbo regulation that does not repeat the city's name.
        context = _context(hit)
        in_context = question.covered_in(context)
        pieces = split_sentences(hit.text)
        for order, sentence in enumerate(pieces):
            if len(sentence) < 12 and not (order and goes_on(pieces[order - 1], sentence)):
                continue  # a fragment, unless an item of a list or a row of a table
            evidence = Evidence.of(sentence)
            score = question.coverage(evidence, in_context, CONTEXT_WEIGHT)
            score += 0.12 / (1 + rank)
            if len(sentence) > 400:
                score *= 0.85
            if (
                not _ENDS_SENTENCE.search(sentence)
                and not TABLE_ROW.search(sentence)
                and order < len(pieces) - 1
            ):
                # A caption or heading (the chunk's last piece is cut short); a table's row
                # is neither: dev must_include 0.823 -> 0.830, gold 0.881 -> 0.896.
                score *= 0.5
            if asks_list and ENUMERATES.search(sentence):
                score += LIST_BONUS
            language = str(hit.metadata.get("language", ""))
            out.append(
                Sentence(
                    sentence,
                    rank,
                    order,
                    score,
                    hit.doc_id,
                    evidence,
                    context,
                    hit.text,
                    language,
                )
            )
    return out


def _context(hit: SearchHit) -> Evidence:
    meta = hit.metadata
    return Evidence.of(f"{meta.get('title', '')} {meta.get('region', '')} {meta.get('date', '')}")
