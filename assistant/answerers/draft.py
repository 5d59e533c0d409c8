"""The answerers' one interface: a question and its hits in, a draft answer out.

An answerer streams: it yields text pieces as it produces them (an LLM) or none (the
extractive answerer), and always yields the finished `AnswerDraft` last.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Protocol

from assistant.query import Query
from assistant.schemas import Source
from retrieval.hits import SearchHit


@dataclass
class AnswerDraft:
    """An answer before it is stored: text with [n] markers and the numbered sources.

    An ungrounded draft means the documents do not answer; the chat service turns it into
    the refusal the user sees, with `closest` (a passage that came near, cited by `sources`)
    when there is one.
    """

    text: str
    grounded: bool
    sources: list[Source] = field(default_factory=list)
    support: float = 0.0
    suggestions: list[str] = field(default_factory=list)
    degraded: bool = False
    closest: str = ""
    curated: bool = False  # an administrator's curated answer, not one from retrieval


Streamed = Iterator[str | AnswerDraft]


class Answerer(Protocol):
    """Anything that answers a question from retrieved chunks."""

    def stream(self, query: Query, hits: list[SearchHit], language: str) -> Streamed:
        """Text pieces as they are produced, then the finished draft (always last)."""
        ...


def complete(streamed: Streamed) -> AnswerDraft:
    """Run a stream to its end and return its draft."""
    draft: AnswerDraft | None = None
    for item in streamed:
        if isinstance(item, AnswerDraft):
            draft = item
    if draft is None:
        raise RuntimeError("the answerer finished without a draft")
    return draft


_MARKER = re.compile(r"\[(\d+)\]")


def append(answer: AnswerDraft, more: AnswerDraft, between: str = "\n\n") -> AnswerDraft:
    """`answer` with `more` after it, `more`'s [n] renumbered to continue `answer`'s sources
    (a document both cite keeps `answer`'s number)."""
    sources = list(answer.sources)
    by_id = {s.id: s.n for s in sources}
    numbers: dict[int, int] = {}
    for source in more.sources:
        if source.id not in by_id:
            by_id[source.id] = len(sources) + 1
            sources.append(source.model_copy(update={"n": by_id[source.id]}))
        numbers[source.n] = by_id[source.id]
    text = _MARKER.sub(lambda m: f"[{numbers.get(int(m.group(1)), m.group(1))}]", more.text)
    return replace(answer, text=f"{answer.text}{between}{text}", sources=sources)
