"""The chat service: a conversation turn in, a cited answer out (plain or streamed)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from assistant.answerers.concepts.question_words import proper_tokens
from assistant.answerers.draft import AnswerDraft, Answerer, append, complete
from assistant.answerers.refusal import answer_language, refusal
from assistant.conversations import ConversationStore, check_session_id, new_id
from assistant.directory_answer import DirectoryAnswerer, after_answer
from assistant.parts import each_part, split_parts, split_questions
from assistant.query import Query
from assistant.schemas import ChatRequest, ChatResponse, StreamEvent, Turn, has_words
from assistant.spelling import corrected
from corpus.language import has_cjk
from retrieval.fusion import round_robin
from retrieval.hits import SearchHit
from retrieval.hybrid import HybridRetriever
from retrieval.tokenize import tokenize_query

_TOKEN_PIECES = re.compile(r"\S+\s*|\s+")
Rewriter = Callable[[str, list[Turn]], Query]
Suggester = Callable[[str, str], list[str]]  # (question, language) -> suggested questions
#: An administrator's answer for a question in a language, or None (`CuratedResponder.draft`).
CuratedLookup = Callable[[str, str], AnswerDraft | None]


@dataclass
class ChatResult:
    """A response with what produced it (for evaluation and logs)."""

    response: ChatResponse
    hits: list[SearchHit] = field(default_factory=list)
    query: Query = field(default_factory=lambda: Query(""))
    latency_ms: float = 0.0


@dataclass
class _Asked:
    """One question of a turn, searched and ready to answer."""

    question: str  # as the user wrote it
    query: Query  # as it is searched: slips corrected, a follow-up made standalone
    hits: list[SearchHit]
    listed: AnswerDraft | None = None  # a set question answered from the directory
    note: str = ""  # said before a retrieval answer to a set question the directory lacks


@dataclass
class _Turn:
    message: str
    session_id: str
    asked: list[_Asked]  # one per question of the message (`split_questions`)
    language: str
    curated: AnswerDraft | None = None
    started: float = field(default_factory=time.perf_counter)

    @property
    def query(self) -> Query:
        """What was searched: the question, or a message's questions one after another."""
        if len(self.asked) == 1:
            return self.asked[0].query
        return Query(" ".join(a.query.asked for a in self.asked))

    @property
    def hits(self) -> list[SearchHit]:
        """The hits, each question's interleaved best first when there are several."""
        if len(self.asked) == 1:
            return self.asked[0].hits
        return round_robin([a.hits for a in self.asked])


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
        suggest: Suggester,
        curated: CuratedLookup | None = None,
        directory: DirectoryAnswerer | None = None,
    ) -> None:
        self.directory = directory
        self.retriever = retriever
        self.answerer = answerer
        self.conversations = conversations
        self.rewrite = rewrite
        self.suggest = suggest
        self.curated = curated

    def ready(self) -> None:
        """Raise `StoreError` when the indexes cannot be searched."""
        self.retriever.ready()

    def run(self, request: ChatRequest, record: bool = True) -> ChatResult:
        """Answer one turn and return the response with its retrieval details.

        `record=False` leaves the conversation store alone (evaluation runs).
        """
        started = time.perf_counter()
        turn = self._prepare(request)
        draft: AnswerDraft | None = turn.curated
        for item in self._answer(turn):
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
        draft: AnswerDraft | None = turn.curated
        for item in self._answer(turn):
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
                "curated": response.curated,
            },
        )
        yield StreamEvent(event="done", data=response.model_dump())

    # -- steps ----------------------------------------------------------------------------

    def _prepare(self, request: ChatRequest) -> _Turn:
        message = request.message.strip()
        if not has_words(message):
            raise ValueError("message must not be empty")
        session_id = check_session_id(request.session_id) if request.session_id else new_id()
        language = answer_language(message)
        if self.curated is not None and (draft := self.curated(message, language)):
            return _Turn(
                message, session_id, [_Asked(message, Query(message), [])], language, draft
            )
        history = list(request.history) or self.conversations.history(session_id)
        asked: list[_Asked] = []
        for question in split_questions(message) or [message]:
            # A later question of the message may lean on the earlier ones ("证书由谁颁发？"),
            # unless it names something of its own ("… ? What is the weather in Hangzhou?").
            earlier = [Turn(role="user", content=a.query.asked) for a in asked]
            if earlier and _names_its_own(question, earlier):
                earlier = []
            # Slips ("colege") are read as the word meant, for search and the answerer alike.
            spelled = corrected(question, self.retriever.lexical.current())
            query = self.rewrite(spelled, history + earlier)
            # "A和B分别…" is answered about A, then about B, each under its own question.
            parts = each_part(query.asked)
            for p in parts:
                one = self._search(p, Query(p, query.carried), request, language)
                one.hits = _about_own_part(p, parts, one.hits)
                asked.append(one)
            if not parts:
                asked.append(self._search(question, query, request, language))
        return _Turn(message, session_id, asked, language)

    def _search(self, question: str, query: Query, request: ChatRequest, language: str) -> _Asked:
        """One question searched: the directory for a set question, then the documents."""
        outcome = self.directory.answer(query.text, language) if self.directory else None
        carried = f" {query.carried}" if query.carried else ""
        parts = [part + carried for part in split_parts(query.asked)]
        hits = self.retriever.search_parts(query.text, parts, filters=request.filters)
        hits = self.retriever.with_documents(hits)
        listed, note = (outcome.draft, outcome.note) if outcome else (None, "")
        return _Asked(question, query, hits, listed, note)

    def _answer(self, turn: _Turn) -> Iterator[str | AnswerDraft]:
        """Nothing for a curated turn (its draft is ready); the one question's stream; or,
        for a message of several questions, each answered in turn under its question."""
        if turn.curated is not None:
            return iter(())
        if len(turn.asked) == 1:
            return self._answer_one(turn.asked[0], turn.language)
        drafts = [complete(self._answer_one(a, turn.language)) for a in turn.asked]
        return iter([_each_answered(turn.asked, drafts, turn.language)])

    def _answer_one(self, asked: _Asked, language: str) -> Iterator[str | AnswerDraft]:
        """The answerer's stream, with the directory's listing of a set question after its
        answer (or instead of it when the documents give none), or the directory's note
        before it."""
        stream = self.answerer.stream(asked.query, asked.hits, language)
        if asked.listed is not None:
            return _listed(asked.listed, stream)
        return _noted(asked.note, stream) if asked.note else stream

    def _final(self, turn: _Turn, draft: AnswerDraft | None) -> AnswerDraft:
        """The draft to answer with: an ungrounded one becomes the plain refusal, in the
        language and with suggestions for the user's own words."""
        if draft is not None and draft.grounded:
            return draft
        return refusal(turn.language, self.suggest(turn.message, turn.language), draft)

    def _respond(self, turn: _Turn, draft: AnswerDraft, record: bool = True) -> ChatResponse:
        response = ChatResponse(
            answer=draft.text,
            grounded=draft.grounded,
            session_id=turn.session_id,
            message_id=new_id(),
            sources=draft.sources,
            degraded=draft.degraded,
            suggestions=draft.suggestions,
            curated=draft.curated,
        )
        if record:
            latency_ms = (time.perf_counter() - turn.started) * 1000
            self.conversations.record(turn.message, response, latency_ms)
        return response


def _about_own_part(part: str, parts: list[str], hits: list[SearchHit]) -> list[SearchHit]:
    """The hits of one part of a question asked part by part that say a word of that part
    the other parts lack (上海 of "上海的条例…" against "青岛的条例…"), so that one part's
    answer does not quote the other's document; hits in the other language are kept (the
    word would be translated there), and all of them when none says it. Dev unchanged, gold
    must_include 0.866 -> 0.881 (a two-city answer no longer quotes one city twice)."""
    others = {t for p in parts if p != part for t in tokenize_query(p)}
    own = [t for t in tokenize_query(part) if t not in others]

    def says(hit: SearchHit) -> bool:
        if has_cjk(part) != has_cjk(hit.text):
            return True
        text = f"{hit.metadata.get('title', '')} {hit.text}".lower()
        return any(t in text for t in own)

    kept = [h for h in hits if says(h)] if own else hits
    return kept or hits


NOT_ANSWERED = {
    "en": "The documents I have do not answer this one.",
    "zh": "现有文档中没有这个问题的答案。",
}


def _each_answered(asked: list[_Asked], drafts: list[AnswerDraft], language: str) -> AnswerDraft:
    """The answers to a message's questions, each under its question, their sources numbered
    in one sequence; ungrounded (the plain refusal) when the documents answer none."""
    if not any(d.grounded for d in drafts):
        return max(drafts, key=lambda d: d.support)
    joined: AnswerDraft | None = None
    for question, draft in zip(asked, drafts, strict=True):
        text = draft.text if draft.grounded else NOT_ANSWERED[language]
        part = replace(
            draft,
            text=f"{question.question}\n{text}",
            sources=draft.sources if draft.grounded else [],
        )
        joined = part if joined is None else append(joined, part)
    assert joined is not None
    return replace(
        joined,
        grounded=True,
        support=min(d.support for d in drafts if d.grounded),
        degraded=any(d.degraded for d in drafts),
        closest="",
    )


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


def _listed(
    listing: AnswerDraft, stream: Iterator[str | AnswerDraft]
) -> Iterator[str | AnswerDraft]:
    """The answerer's stream with the directory's listing after a grounded answer (streamed
    as one more token when the answer was streamed); the listing alone otherwise."""
    streamed = False
    for item in stream:
        if not isinstance(item, AnswerDraft):
            streamed = True
            yield item
        elif item.grounded:
            combined = after_answer(item, listing)
            if streamed:
                yield combined.text[len(item.text) :]
            yield combined
        else:
            yield listing


def _token(text: str) -> StreamEvent:
    return StreamEvent(event="token", data={"text": text})


def _names_its_own(question: str, earlier: list[Turn]) -> bool:
    """Whether `question` names something (a capitalised word, a jieba proper noun) that
    the earlier questions do not."""
    before = frozenset().union(*(proper_tokens(t.content) for t in earlier))
    return bool(proper_tokens(question) - before)
