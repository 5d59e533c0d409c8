"""The chat service: a conversation turn in, a cited answer out (plain or streamed)."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from assistant.answerers.extractive import (
    AnswerDraft,
    ExtractiveAnswerer,
    answer_language,
    not_found,
)
from assistant.answerers.llm import NOT_FOUND_TOKEN, LLMAnswerer, LLMFailure
from assistant.conversations import ConversationStore, check_session_id, new_id
from assistant.rewrite import rewrite_by_rule, rewrite_with_llm
from assistant.schemas import ChatRequest, ChatResponse, StreamEvent, Turn
from retrieval.hybrid import HybridRetriever, SearchHit
from retrieval.store import ChromaStore

log = logging.getLogger(__name__)
_TOKEN_PIECES = re.compile(r"\S+\s*|\s+")


@dataclass
class ChatResult:
    """A response with what produced it (for evaluation and logs)."""

    response: ChatResponse
    hits: list[SearchHit] = field(default_factory=list)
    query: str = ""
    latency_ms: float = 0.0


class ChatService:
    """Rewrites follow-ups, retrieves, answers (LLM or extractive) and records the turn."""

    def __init__(
        self,
        retriever: HybridRetriever,
        extractive: ExtractiveAnswerer,
        conversations: ConversationStore,
        store: ChromaStore,
        lexical: Any,
        llm: LLMAnswerer | None = None,
    ) -> None:
        self.retriever = retriever
        self.extractive = extractive
        self.conversations = conversations
        self.store = store
        self._lexical = lexical
        self.llm = llm

    def ready(self) -> None:
        """Raise `StoreError` when the vector store cannot be used; load the lexical index."""
        self.store.ping()
        self._lexical()

    # -- one turn -------------------------------------------------------------------------

    def _prepare(self, request: ChatRequest) -> tuple[str, str, list[Turn], str, list[SearchHit]]:
        message = request.message.strip()
        if not message:
            raise ValueError("message must not be empty")
        session_id = check_session_id(request.session_id) if request.session_id else new_id()
        history = list(request.history) or self.conversations.history(session_id)
        if self.llm is not None and history:
            query = rewrite_with_llm(message, history, self.llm.llm)
        else:
            query = rewrite_by_rule(message, history)
        hits = self.retriever.search(query, filters=request.filters)
        return message, session_id, history, query, hits

    def _respond(
        self, message: str, session_id: str, draft: AnswerDraft, degraded: bool, record: bool = True
    ) -> ChatResponse:
        response = ChatResponse(
            answer=draft.text,
            grounded=draft.grounded,
            session_id=session_id,
            message_id=new_id(),
            sources=draft.sources,
            degraded=degraded,
            suggestions=draft.suggestions,
        )
        if record:
            self.conversations.record(message, response)
        return response

    def run(self, request: ChatRequest, record: bool = True) -> ChatResult:
        """Answer one turn and return the response with its retrieval details.

        `record=False` leaves the conversation store alone (evaluation runs).
        """
        started = time.perf_counter()
        message, session_id, _, query, hits = self._prepare(request)
        draft, degraded = self._draft(message, query, hits)
        response = self._respond(message, session_id, draft, degraded, record)
        return ChatResult(response, hits, query, (time.perf_counter() - started) * 1000)

    def answer(self, request: ChatRequest) -> ChatResponse:
        """Answer one turn."""
        return self.run(request).response

    def stream(self, request: ChatRequest) -> Iterator[StreamEvent]:
        """Answer one turn as events: `token`s, one `sources`, then `done`."""
        message, session_id, _, query, hits = self._prepare(request)
        streamed = False
        degraded = False
        if self.llm is None or not hits:
            draft = self._extractive(message, query, hits)
        else:
            pieces: list[str] = []
            try:
                for piece in self.llm.stream(query, hits, answer_language(message)):
                    pieces.append(piece)
                    head = "".join(pieces).lstrip()
                    if streamed:
                        yield _token(piece)
                    elif _decided(head) and not head.startswith(NOT_FOUND_TOKEN):
                        # Held back until it is clear the model is not saying NOT_FOUND.
                        streamed = True
                        yield _token(head)
                draft = self._from_llm("".join(pieces), message, hits)
            except Exception as exc:  # noqa: BLE001 - any LLM failure degrades to extractive
                log.warning("LLM failed, answering extractively: %s", type(exc).__name__)
                draft, degraded = self._extractive(message, query, hits), True
        if not streamed:
            for piece in _TOKEN_PIECES.findall(draft.text):
                yield _token(piece)
        response = self._respond(message, session_id, draft, degraded)
        yield StreamEvent(
            event="sources",
            data={
                "sources": [s.model_dump() for s in response.sources],
                "grounded": response.grounded,
                "session_id": response.session_id,
                "message_id": response.message_id,
            },
        )
        yield StreamEvent(event="done", data=response.model_dump())

    # -- answering ------------------------------------------------------------------------

    def _extractive(self, message: str, query: str, hits: list[SearchHit]) -> AnswerDraft:
        # A refusal speaks the language of the question itself, not of the rewritten query.
        return self.extractive.answer(query, hits, asked=message)

    def _draft(self, message: str, query: str, hits: list[SearchHit]) -> tuple[AnswerDraft, bool]:
        if self.llm is None or not hits:
            return self._extractive(message, query, hits), False
        try:
            text = "".join(self.llm.stream(query, hits, answer_language(message)))
            return self._from_llm(text, message, hits), False
        except Exception as exc:  # noqa: BLE001 - any LLM failure degrades to extractive
            log.warning("LLM failed, answering extractively: %s", type(exc).__name__)
            return self._extractive(message, query, hits), True

    @staticmethod
    def _from_llm(text: str, message: str, hits: list[SearchHit]) -> AnswerDraft:
        answer, grounded, sources = LLMAnswerer.finish(text, hits)
        if not grounded:
            return not_found(message)
        if not answer:
            raise LLMFailure("empty answer")
        return AnswerDraft(text=answer, grounded=True, sources=sources)


def _decided(head: str) -> bool:
    return len(head) >= len(NOT_FOUND_TOKEN) or not NOT_FOUND_TOKEN.startswith(head)


def _token(text: str) -> StreamEvent:
    return StreamEvent(event="token", data={"text": text})
