"""The chat service: a conversation turn in, a cited answer out (plain or streamed)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from assistant.answerers.draft import AnswerDraft, Answerer
from assistant.answerers.refusal import answer_language, refusal
from assistant.conversations import ConversationStore, check_session_id, new_id
from assistant.directory_answer import DirectoryAnswerer
from assistant.query import Query
from assistant.schemas import ChatRequest, ChatResponse, StreamEvent, Turn
from retrieval.hits import SearchHit
from retrieval.hybrid import HybridRetriever

_TOKEN_PIECES = re.compile(r"\S+\s*|\s+")
Rewriter = Callable[[str, list[Turn]], Query]


@dataclass
class ChatResult:
    """A response with what produced it (for evaluation and logs)."""

    response: ChatResponse
    hits: list[SearchHit] = field(default_factory=list)
    query: Query = field(default_factory=lambda: Query(""))
    latency_ms: float = 0.0


@dataclass
class _Turn:
    message: str
    session_id: str
    query: Query
    hits: list[SearchHit]
    language: str
    listed: AnswerDraft | None = None  # a set question answered from the directory
    note: str = ""  # said before a retrieval answer to a set question the directory lacks


class ChatService:
    """Rewrites follow-ups, retrieves, answers and records the turn.

    `answerer` is any `Answerer` (the extractive one, or the LLM with the extractive one as
    its fallback); an ungrounded draft becomes the plain refusal, in the user's language.
    """

    def __init__(
        self,
        retriever: HybridRetriever,
        answerer: Answerer,
        conversations: ConversationStore,
        rewrite: Rewriter,
        directory: DirectoryAnswerer | None = None,
    ) -> None:
        self.directory = directory
        self.retriever = retriever
        self.answerer = answerer
        self.conversations = conversations
        self.rewrite = rewrite

    def ready(self) -> None:
        """Raise `StoreError` when the indexes cannot be searched."""
        self.retriever.ready()

    def run(self, request: ChatRequest, record: bool = True) -> ChatResult:
        """Answer one turn and return the response with its retrieval details.

        `record=False` leaves the conversation store alone (evaluation runs).
        """
        started = time.perf_counter()
        turn = self._prepare(request)
        draft: AnswerDraft | None = None
        for item in self._stream(turn):
            if isinstance(item, AnswerDraft):
                draft = item
        response = self._respond(turn, self._final(turn, draft), record)
        return ChatResult(response, turn.hits, turn.query, (time.perf_counter() - started) * 1000)

    def answer(self, request: ChatRequest) -> ChatResponse:
        """Answer one turn."""
        return self.run(request).response

    def stream(self, request: ChatRequest) -> Iterator[StreamEvent]:
        """Answer one turn as events: `token`s, one `sources`, then `done`."""
        turn = self._prepare(request)
        streamed = False
        draft: AnswerDraft | None = None
        for item in self._stream(turn):
            if isinstance(item, AnswerDraft):
                draft = item
            else:
                streamed = True
                yield _token(item)
        final = self._final(turn, draft)
        if not streamed:
            for piece in _TOKEN_PIECES.findall(final.text):
                yield _token(piece)
        response = self._respond(turn, final)
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

    # -- steps ----------------------------------------------------------------------------

    def _prepare(self, request: ChatRequest) -> _Turn:
        message = request.message.strip()
        if not message:
            raise ValueError("message must not be empty")
        session_id = check_session_id(request.session_id) if request.session_id else new_id()
        history = list(request.history) or self.conversations.history(session_id)
        query = self.rewrite(message, history)
        language = answer_language(message)
        outcome = self.directory.answer(query.text, language) if self.directory else None
        listed = outcome.draft if outcome else None
        hits = self.retriever.search(query.text, filters=request.filters)
        note = outcome.note if outcome else ""
        return _Turn(message, session_id, query, hits, language, listed, note)

    def _stream(self, turn: _Turn) -> Iterator[str | AnswerDraft]:
        """The directory's answer to a set question, else the answerer's stream."""
        if turn.listed is not None:
            return iter([turn.listed])
        if turn.note:
            return _noted(turn.note, self.answerer.stream(turn.query, turn.hits, turn.language))
        return self.answerer.stream(turn.query, turn.hits, turn.language)

    @staticmethod
    def _final(turn: _Turn, draft: AnswerDraft | None) -> AnswerDraft:
        """The draft to answer with: an ungrounded one becomes the plain refusal, in the
        language and with suggestions for the user's own words."""
        if draft is not None and draft.grounded:
            return draft
        degraded = draft.degraded if draft else False
        final = refusal(turn.message, turn.language, draft.support if draft else 0.0)
        final.degraded = degraded
        return final

    def _respond(self, turn: _Turn, draft: AnswerDraft, record: bool = True) -> ChatResponse:
        response = ChatResponse(
            answer=draft.text,
            grounded=draft.grounded,
            session_id=turn.session_id,
            message_id=new_id(),
            sources=draft.sources,
            degraded=draft.degraded,
            suggestions=draft.suggestions,
        )
        if record:
            self.conversations.record(turn.message, response)
        return response


def _noted(note: str, stream: Iterator[str | AnswerDraft]) -> Iterator[str | AnswerDraft]:
    """The answerer's stream with `note` before its text (streamed and final)."""
    started = False
    for item in stream:
        if isinstance(item, AnswerDraft):
            if item.grounded:
                item.text = f"{note}\n{item.text}"
        elif not started:
            started = True
            item = f"{note}\n{item}"
        yield item


def _token(text: str) -> StreamEvent:
    return StreamEvent(event="token", data={"text": text})
