"""The fallback answerer on hand-made answerers: the one place that decides `degraded`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assistant.answerers.draft import AnswerDraft, Streamed, complete
from assistant.answerers.fallback import FallbackAnswerer
from assistant.query import Query
from retrieval.hits import SearchHit

HITS = [SearchHit("d::1", "text", {"doc_id": "d"})]


class Answers:
    """Streams the given pieces, then a grounded draft."""

    def __init__(self, *pieces: str) -> None:
        self.pieces = pieces
        self.asked = 0

    def stream(self, query: Query, hits: list[SearchHit], language: str) -> Streamed:
        self.asked += 1
        yield from self.pieces
        yield AnswerDraft(text="".join(self.pieces) or "quoted [1]", grounded=True)


class Fails:
    """Streams `before`, then fails."""

    def __init__(self, *before: str) -> None:
        self.before = before

    def stream(self, query: Query, hits: list[SearchHit], language: str) -> Iterator[str]:
        yield from self.before
        raise TimeoutError("the endpoint did not answer")


def test_the_primary_answers_when_it_can() -> None:
    items = list(FallbackAnswerer(Answers("A ", "[1]"), Answers()).stream(Query("q"), HITS, "en"))
    assert items[:2] == ["A ", "[1]"]
    draft = items[-1]
    assert isinstance(draft, AnswerDraft) and draft.text == "A [1]" and not draft.degraded


def test_a_failing_primary_gives_the_fallbacks_draft_marked_degraded() -> None:
    fallback = Answers()
    draft = complete(FallbackAnswerer(Fails(), fallback).stream(Query("q"), HITS, "en"))
    assert draft.degraded and draft.grounded and draft.text == "quoted [1]"
    assert fallback.asked == 1


def test_a_failure_mid_stream_still_ends_with_a_draft() -> None:
    items = list(FallbackAnswerer(Fails("partial "), Answers()).stream(Query("q"), HITS, "en"))
    assert items[0] == "partial "
    assert isinstance(items[-1], AnswerDraft) and items[-1].degraded


def test_without_hits_the_primary_is_not_asked() -> None:
    primary = Answers("never")
    draft = complete(FallbackAnswerer(primary, Answers()).stream(Query("q"), [], "en"))
    assert primary.asked == 0 and not draft.degraded


def test_a_stream_without_a_draft_is_an_error() -> None:
    with pytest.raises(RuntimeError):
        complete(iter(["text only"]))
