"""An answerer that falls back to another when the first fails: the one place that decides
what "degraded" means."""

from __future__ import annotations

import logging

from assistant.answerers.draft import AnswerDraft, Answerer, Streamed, complete
from assistant.query import Query
from retrieval.hits import SearchHit

log = logging.getLogger(__name__)


class FallbackAnswerer:
    """Answers with `primary`; on any failure, with `fallback`, marked `degraded`.

    Without hits the primary is not asked (there is nothing to answer from).
    """

    def __init__(self, primary: Answerer, fallback: Answerer) -> None:
        self.primary = primary
        self.fallback = fallback

    def stream(self, query: Query, hits: list[SearchHit], language: str) -> Streamed:
        """The primary's stream, or the fallback's draft (degraded) when the primary fails."""
        if not hits:
            yield from self.fallback.stream(query, hits, language)
            return
        try:
            yield from self.primary.stream(query, hits, language)
        except Exception as exc:  # noqa: BLE001 - any failure of the primary degrades
            log.warning("answerer failed, falling back: %s", type(exc).__name__)
            draft: AnswerDraft = complete(self.fallback.stream(query, hits, language))
            draft.degraded = True
            yield draft
