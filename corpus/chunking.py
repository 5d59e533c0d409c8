"""Cut documents into chunks that respect both scripts and the structure of laws.

English is cut by paragraph, then sentence; Chinese by 。！？；; laws and regulations by
article (第X条), so that an article is never split when it fits in one chunk. Every chunk is
a contiguous span of the document text, so its character offsets are exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from corpus.dates import date_number
from corpus.types import Chunk, SourceDocument

_SENTENCE_END = re.compile(
    r"(?<=[。！？；!?])[”’\"」』）)]*"  # Chinese or strong punctuation, closing quotes
    r"|(?<=[a-z0-9%)”\"'][.])(?=\s+[\"“'A-Z0-9(])"  # an English full stop before a capital
    r"|(?<=[a-z0-9%)][.!?][\"”’'])(?=\s+[A-Z0-9(“])"  # ... or inside a closing quote
)
_ARTICLE = re.compile(r"^第[一二三四五六七八九十百千零〇两\d]+条")
_HEADING = re.compile(r"^第[一二三四五六七八九十百千零〇\d]+[章节编]")
LEGAL_TYPES = {"law", "regulation", "policy"}


@dataclass(frozen=True)
class Span:
    """A half-open character range of the document text."""

    start: int
    end: int


def _paragraph_spans(text: str) -> list[Span]:
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            spans.append(Span(match.start(), match.end()))
    return spans


def _sentence_spans(text: str, span: Span, limit: int) -> list[Span]:
    """Split a paragraph into sentences; a sentence longer than `limit` is cut between words."""
    pieces, start = [], span.start
    for match in _SENTENCE_END.finditer(text, span.start, span.end):
        end = match.end()
        if end > start:
            pieces.append(Span(start, end))
            start = end
    if start < span.end:
        pieces.append(Span(start, span.end))
    out = []
    for piece in pieces:
        s = _skip_space(text, piece.start, piece.end)
        while piece.end - s > limit:
            cut = _soft_cut(text, s, s + limit)
            out.append(Span(s, cut))
            s = _skip_space(text, cut, piece.end)
        if text[s : piece.end].strip():
            out.append(Span(s, piece.end))
    return out


def _skip_space(text: str, start: int, end: int) -> int:
    while start < end and text[start].isspace():
        start += 1
    return start


def _soft_cut(text: str, start: int, end: int) -> int:
    """Where to cut an over-long sentence: at the last space or clause mark in the second
    half of `[start, end)`, so that words are not split; `end` when there is none."""
    for i in range(end - 1, start + (end - start) // 2, -1):
        if text[i].isspace():
            return i
        if text[i] in "，、：,;:":
            return i + 1
    return end


def _article_units(text: str, paragraphs: list[Span]) -> list[list[Span]]:
    """Group paragraphs into units: each article (with the lines that follow it) is one."""
    units: list[list[Span]] = []
    for para in paragraphs:
        line = text[para.start : para.end].strip()
        if _ARTICLE.match(line) or _HEADING.match(line) or not units:
            units.append([para])
        else:
            units[-1].append(para)
    return units


def is_legal(doc: SourceDocument) -> bool:
    """Whether the document reads as articles of a law or regulation."""
    articles = sum(1 for ln in doc.text.splitlines() if _ARTICLE.match(ln.strip()))
    return doc.metadata.get("type") in LEGAL_TYPES and articles >= 3


class Chunker:
    """Packs sentences (or whole articles) into chunks of about `size` characters."""

    def __init__(self, size: int = 700, overlap: int = 120) -> None:
        if overlap >= size:
            raise ValueError("chunk overlap must be smaller than the chunk size")
        self.size = size
        self.overlap = overlap

    def units(self, doc: SourceDocument) -> list[list[Span]]:
        """The indivisible-if-possible units of a document, each a list of sentence spans."""
        text = doc.text
        paragraphs = _paragraph_spans(text)
        if is_legal(doc):
            units = []
            for group in _article_units(text, paragraphs):
                unit_span = Span(group[0].start, group[-1].end)
                if unit_span.end - unit_span.start <= self.size:
                    units.append([unit_span])
                else:
                    units.append([s for p in group for s in _sentence_spans(text, p, self.size)])
            return units
        return [_sentence_spans(text, p, self.size) for p in paragraphs]

    def split(self, doc: SourceDocument) -> list[Chunk]:
        """Cut `doc` into chunks with exact offsets and the document's metadata."""
        legal = is_legal(doc)
        windows: list[Span] = []
        current: list[Span] = []
        carried = 0  # spans at the head of `current` repeated from the previous chunk

        def flush(overlap: bool) -> None:
            """Close the current chunk (never one made only of repeated overlap)."""
            nonlocal current, carried
            if len(current) > carried:
                windows.append(Span(current[0].start, current[-1].end))
                tail = self._overlap_tail(current) if overlap else []
                current = tail if len(tail) < len(current) else []  # not the whole chunk again
            else:
                current = []
            carried = len(current)

        for unit in self.units(doc):
            unit_len = unit[-1].end - unit[0].start
            if current and (unit[-1].end - current[0].start) > self.size and unit_len <= self.size:
                flush(overlap=not legal)
            for sentence in unit:
                if current and sentence.end - current[0].start > self.size:
                    flush(overlap=True)
                current.append(sentence)
        flush(overlap=False)
        return [self._chunk(doc, i, w) for i, w in enumerate(windows)]

    def _overlap_tail(self, spans: list[Span]) -> list[Span]:
        tail: list[Span] = []
        for span in reversed(spans):
            if (spans[-1].end - span.start) > self.overlap:
                break
            tail.insert(0, span)
        return tail

    def _chunk(self, doc: SourceDocument, position: int, span: Span) -> Chunk:
        meta = dict(doc.metadata)
        meta.update(
            doc_id=doc.id,
            position=position,
            start=span.start,
            end=span.end,
            date_num=date_number(str(meta.get("date", ""))),
        )
        page = next((n for n, s, e in doc.pages if s <= span.start < e + 2), None)
        if page is not None:
            meta["page"] = page
        return Chunk(
            id=f"{doc.id}::{position}",
            doc_id=doc.id,
            text=doc.text[span.start : span.end],
            metadata=meta,
        )


#: Chunks whose sentences are kept (a few MB): an answer splits each retrieved chunk more
#: than once, and popular chunks come back question after question.
SPLIT_CACHE_CHUNKS = 4096


@lru_cache(maxsize=SPLIT_CACHE_CHUNKS)
def split_sentences(text: str, limit: int = 600) -> tuple[str, ...]:
    """The sentences of `text`, paragraph by paragraph (used to quote answers)."""
    return tuple(
        text[s.start : s.end].strip()
        for p in _paragraph_spans(text)
        for s in _sentence_spans(text, p, limit)
    )
