"""Sentences of a document with their exact offsets in its text (the evidence unit)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at Chinese end punctuation, a semicolon, a line break, or an English full
# stop / ! / ? followed by a space and an upper-case letter or a digit.
_END = re.compile(
    r"[。！？；;!?]+[”’」』）)]*|\n+|(?<![A-Z][a-z])(?<!\b[A-Z])(?<!\bCo)(?<!\bNo)\.(?=\s+[A-Z0-9“\"])"
)
MAX_SENTENCE_CHARS = 600  # longer "sentences" (tables, run-on lists) are cut at this length


@dataclass(frozen=True)
class Sentence:
    """A sentence: its text and its [start, end) span in the document text."""

    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """The document's sentences, stripped, with offsets such that text[start:end] == sentence."""
    out: list[Sentence] = []
    pos = 0
    for match in _END.finditer(text):
        _add(text, pos, match.end(), out)
        pos = match.end()
    _add(text, pos, len(text), out)
    return out


def _add(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = start + MAX_SENTENCE_CHARS
        # cut after the last comma (else space) in its second half, never inside a word
        half = start + MAX_SENTENCE_CHARS // 2
        soft = max(text.rfind(sep, half, cut) for sep in "，,、")
        if soft < 0:
            soft = text.rfind(" ", half, cut)
        if soft > start:
            cut = soft + 1
        out.append(Sentence(text[start:cut], start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(text[start:end], start, end))
