"""A sentence of a retrieved chunk, scored against the question, and its neighbours."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from assistant.answerers.concepts.evidence import EMPTY, Evidence


@dataclass(eq=False)
class Sentence:
    text: str
    hit_rank: int
    order: int
    score: float
    doc_id: str = ""
    evidence: Evidence = EMPTY
    context: Evidence = EMPTY
    chunk: str = ""
    language: str = ""

    @cached_property
    def whole(self) -> Evidence:
        """The sentence with its document's title, region and date."""
        return self.evidence | self.context


def next_sentence(sentence: Sentence, pool: list[Sentence]) -> Sentence | None:
    return next(
        (s for s in pool if s.hit_rank == sentence.hit_rank and s.order == sentence.order + 1),
        None,
    )


def word_count(text: str) -> int:
    cjk = len(re.findall(r"[\u3400-\u9fff]", text))
    return len(re.findall(r"[A-Za-z0-9]+", text)) + cjk // 2
