"""The extractive answerer: scores, selects and quotes the retrieved sentences that answer
the question, and refuses when the answer's own document does not support it."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.answerers.concepts.evidence import union
from assistant.answerers.concepts.parsing import parse_question
from assistant.answerers.concepts.question import Question
from assistant.answerers.draft import AnswerDraft, Streamed
from assistant.answerers.extractive.document_support import answer_support, naming_words
from assistant.answerers.extractive.scoring import score_sentences
from assistant.answerers.extractive.selection import select
from assistant.answerers.extractive.sentence import Sentence, next_sentence
from assistant.answerers.sources import cite_documents
from assistant.query import Query
from assistant.schemas import Source
from corpus.language import detect_language
from retrieval.hits import SearchHit
from retrieval.lexical import LexicalIndexes

SEMANTIC_CANDIDATES = 10
SENTENCE_CACHE = 50_000
# An unsupported answer whose support reaches this share of `min_support` shows its nearest
# passage with the refusal (see docs/evaluation.md for the supports of the dev split).
CLOSEST_MIN_SUPPORT = 0.5


class ExtractiveAnswerer:
    """Builds a cited answer from retrieved chunks without an LLM."""

    def __init__(
        self,
        lexical: LexicalIndexes,
        min_support: float,
        embeddings: Embeddings | None = None,
        semantic_weight: float = 0.0,
    ) -> None:
        self._lexical = lexical
        self.min_support = min_support
        self._embeddings = embeddings
        self.semantic_weight = semantic_weight
        self._sentence_vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def stream(self, query: Query, hits: list[SearchHit], language: str) -> Streamed:
        """The answer (or an ungrounded draft), all at once: nothing is streamed."""
        yield self.answer(query, hits)

    def support(self, query: Query, hits: list[SearchHit]) -> float:
        """How well the answer that would be given covers the question (<= 1)."""
        return self.draft(query, hits).support

    def answer(self, query: Query, hits: list[SearchHit]) -> AnswerDraft:
        """A short answer quoting the best sentences; ungrounded when unsupported."""
        parsed = parse_question(query, self._lexical.current())
        draft = self._draft(query, parsed, hits)
        if draft.grounded and draft.support >= self.min_support:
            return draft
        refused = AnswerDraft(text="", grounded=False, support=draft.support)
        near = draft.grounded and draft.support >= CLOSEST_MIN_SUPPORT * self.min_support
        if near and not any(c.unknown for c in parsed.concepts):
            # Probably the right document, short of support: the student still gets the
            # passage that came nearest, marked as not an answer. Not when the question has
            # a specific word no document uses ("weather"): no passage is near it.
            refused.sources, refused.closest = draft.sources[:1], draft.sources[0].snippet
        return refused

    def draft(self, query: Query, hits: list[SearchHit]) -> AnswerDraft:
        """The best answer the hits allow, with its support; ungrounded and empty when none."""
        return self._draft(query, parse_question(query, self._lexical.current()), hits)

    def _draft(self, query: Query, parsed: Question, hits: list[SearchHit]) -> AnswerDraft:
        question = query.text
        if not parsed.concepts or not hits:
            return AnswerDraft(text="", grounded=False)
        sentences = self._rerank(question, score_sentences(parsed, hits))
        naming = naming_words(parsed, sentences)
        chosen = select(parsed, sentences, naming)
        if not chosen:
            return AnswerDraft(text="", grounded=False)
        text, sources = self._compose(chosen, hits)
        lead = max(chosen, key=lambda s: s.score)
        main = union(s.evidence for s in (lead, next_sentence(lead, chosen)) if s)
        return AnswerDraft(
            text=text,
            grounded=True,
            sources=sources,
            support=answer_support(parsed, chosen, main, naming, detect_language(query.asked)),
        )

    # -- internals ------------------------------------------------------------------------

    def _rerank(self, question: str, sentences: list[Sentence]) -> list[Sentence]:
        """Add the embedding similarity of the best candidates to their lexical score.

        An English-only model cannot compare a Chinese sentence with an English question, so
        then only sentences in the question's language are compared, centred on their mean:
        the others count as average rather than as unrelated.
        """
        if self._embeddings is None or not sentences or self.semantic_weight == 0:
            return sentences
        # Each uncached candidate costs an embedding (about 6 ms apiece on one core).
        top = sorted(sentences, key=lambda s: s.score, reverse=True)[:SEMANTIC_CANDIDATES]
        if not getattr(self._embeddings, "multilingual", False):
            language = detect_language(question)
            top = [s for s in top if detect_language(s.text) == language]
        if len(top) < 2:  # centred on the mean, one sentence alone gains nothing
            return sentences
        query = np.asarray(self._embeddings.embed_query(question), dtype=np.float32)
        similarity = [float(v @ query) for v in self._vectors([s.text for s in top])]
        mean = sum(similarity) / len(similarity)
        for sentence, value in zip(top, similarity, strict=True):
            sentence.score += self.semantic_weight * (value - mean)
        return sentences

    def _vectors(self, texts: list[str]) -> list[np.ndarray]:
        """Sentence embeddings, cached: the same chunks come back across questions."""
        assert self._embeddings is not None
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._sentence_vectors]
        if missing:
            fresh = self._embeddings.embed_documents(missing)
            with self._lock:
                for text, vector in zip(missing, fresh, strict=True):
                    self._sentence_vectors[text] = np.asarray(vector, dtype=np.float32)
                while len(self._sentence_vectors) > SENTENCE_CACHE:
                    self._sentence_vectors.popitem(last=False)
        with self._lock:
            return [self._sentence_vectors[t] for t in texts]

    def _compose(self, chosen: list[Sentence], hits: list[SearchHit]) -> tuple[str, list[Source]]:
        """The quoted sentences with a [n] after each run from one document; a document
        quoted from several chunks is one source."""
        quoted: dict[int, list[str]] = {}
        for sentence in chosen:
            quoted.setdefault(sentence.hit_rank, []).append(sentence.text)
        numbers, sources = cite_documents(hits, list(quoted), quoted)
        parts: list[str] = []
        for i, sentence in enumerate(chosen):
            number = numbers[sentence.hit_rank]
            last_of_run = i + 1 == len(chosen) or numbers[chosen[i + 1].hit_rank] != number
            parts.append(sentence.text + (f" [{number}]" if last_of_run else ""))
        return " ".join(parts), sources
