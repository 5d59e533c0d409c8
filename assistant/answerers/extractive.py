"""The extractive answerer: quotes the retrieved sentences that answer the question.

No LLM: sentences of the retrieved chunks are scored against the question (rare shared
terms, in either language through the glossary, plus the chunk's rank), the best few are
quoted verbatim with [n] citations, and the answer is refused when the evidence does not
cover the question's key terms (the threshold is calibrated on the gold set).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.schemas import Source
from corpus.chunking import split_sentences
from corpus.language import detect_language
from prompts import load_lines
from retrieval.glossary import GLOSSARY, REVERSE, expand_query
from retrieval.hybrid import SearchHit
from retrieval.lexical import LexicalIndex
from retrieval.tokenize import tokenize, tokenize_query

UNKNOWN_TERM_PENALTY = 0.2
SEMANTIC_CANDIDATES = 24
CONTEXT_WEIGHT = 0.5
SENTENCE_CACHE = 50_000
_NUMBER = re.compile(r"\d+")
MAX_WORDS = 120
MAX_SENTENCES = 4
_COUNT_QUESTION = re.compile(
    r"\b(how many|how much|how long|number of|when|what year)\b|多少|几|何时|什么时候|多长", re.I
)
_ENDS_SENTENCE = re.compile(r"[.!?。！？；;:：\"”』」)）]\s*$")
_DIGIT = re.compile(r"\d|[一二三四五六七八九十百千万]+(个|家|名|所|条|年|月|日|小时)")

NOT_FOUND = {
    "en": "I could not find the answer to that in the documents I have. I can answer questions "
    "about school-enterprise cooperation, internships, training bases and vocational education "
    "law and policy, for example:",
    "zh": "抱歉，现有文档中没有找到这个问题的答案。"
    "我可以回答校企合作、实习实训、产教融合和职业教育法规方面的问题，例如：",
}


@lru_cache(maxsize=1)
def question_words() -> frozenset[str]:
    """Words that shape a question but carry no content ("how many", "哪些")."""
    english = tokenize(
        "many much long often kind list tell me describe involve date besides which what who "
        "whom when where how why please name give explain mention say says according"
    )
    return frozenset(english) | frozenset(
        "哪个 几个 谁 哪位 什么 多长 多长时间 长时间 那 它 哪些 多少 "
        "怎么 如何 吗 呢 最 分别 请".split()
    )


@lru_cache(maxsize=1)
def glossary_terms() -> frozenset[str]:
    """Tokens of glossary terms: words the collection holds in its other language."""
    words: set[str] = set()
    for english, translations in GLOSSARY.items():
        words.update(tokenize(english))
        for term in translations:
            words.update(tokenize(term))
    for chinese_term in REVERSE:
        words.update(tokenize(chinese_term))
    return frozenset(words)


@dataclass
class AnswerDraft:
    """An answer before it is stored: text with [n] markers and the numbered sources."""

    text: str
    grounded: bool
    sources: list[Source] = field(default_factory=list)
    support: float = 0.0
    suggestions: list[str] = field(default_factory=list)


@dataclass
class _Sentence:
    text: str
    hit_rank: int
    order: int
    score: float
    doc_id: str = ""


def answer_language(question: str) -> str:
    """The language to answer in: Chinese when the question is mostly Chinese."""
    return detect_language(question)


def make_source(n: int, hit: SearchHit, snippet_chars: int = 320) -> Source:
    """The contract's source entry for a retrieved chunk."""
    meta = hit.metadata
    snippet = (
        hit.text if len(hit.text) <= snippet_chars else hit.text[:snippet_chars].rstrip() + "…"
    )
    page = meta.get("page")
    return Source(
        n=n,
        id=hit.doc_id,
        title=str(meta.get("title", "")),
        snippet=snippet,
        score=round(hit.dense if hit.dense is not None else hit.score, 4),
        chunk_id=hit.chunk_id,
        date=str(meta.get("date", "")),
        type=str(meta.get("type", "")),
        language=str(meta.get("language", "")),
        region=str(meta.get("region", "")),
        url=str(meta.get("url")) if meta.get("url") else None,
        page=int(page) if isinstance(page, int) else None,
    )


def suggestions_for(question: str, language: str, count: int = 3) -> list[str]:
    """Example questions the collection can answer, closest to `question` first."""
    pool = load_lines(f"suggestions_{language}")
    wanted = set(tokenize_query(expand_query(question)))
    ranked = sorted(pool, key=lambda s: -len(wanted & set(tokenize_query(s))))
    return list(ranked[:count])


def not_found(question: str) -> AnswerDraft:
    """The plain refusal, with questions the collection can answer."""
    language = answer_language(question)
    suggestions = suggestions_for(question, language)
    text = NOT_FOUND[language] + "\n" + "\n".join(f"- {s}" for s in suggestions)
    return AnswerDraft(text=text, grounded=False, suggestions=suggestions)


class ExtractiveAnswerer:
    """Builds a cited answer from retrieved chunks without an LLM."""

    def __init__(
        self,
        lexical: Callable[[], LexicalIndex],
        min_support: float = 0.32,
        embeddings: Embeddings | None = None,
        semantic_weight: float = 0.6,
    ) -> None:
        self._lexical = lexical
        self.min_support = min_support
        self._embeddings = embeddings
        self.semantic_weight = semantic_weight
        self._sentence_vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def support(self, question: str, hits: list[SearchHit]) -> float:
        """How well the top chunks cover the question's terms, weighted by rarity (<= 1).

        Terms the whole collection has never seen (and the glossary cannot translate), such
        as "tuition" or "weather", are a strong sign the documents cannot answer: each one
        costs UNKNOWN_TERM_PENALTY.
        """
        index = self._lexical()
        keys = set(tokenize_query(question)) - question_words()
        if not keys or not hits:
            return 0.0
        evidence: set[str] = set()
        for hit in hits[:3]:
            meta = hit.metadata
            head = f"{meta.get('title', '')} {meta.get('date', '')} {meta.get('region', '')}"
            evidence.update(tokenize_query(expand_query(f"{head}\n{hit.text}")))
        total = sum(index.idf(t) for t in keys) or 1.0
        found = sum(index.idf(t) for t in keys if t in evidence)
        unknown = [
            t
            for t in keys
            if t not in evidence
            and (_NUMBER.fullmatch(t) or index.doc_freq.get(t, 0) == 0)
            and t not in glossary_terms()
        ]
        return found / total - UNKNOWN_TERM_PENALTY * len(unknown)

    def answer(self, question: str, hits: list[SearchHit]) -> AnswerDraft:
        """A short answer quoting the best sentences, or a refusal when unsupported."""
        support = self.support(question, hits)
        if support < self.min_support:
            draft = not_found(question)
            draft.support = support
            return draft
        sentences = self._rerank(question, self._score_sentences(question, hits))
        chosen = self._select(sentences)
        if not chosen:
            draft = not_found(question)
            draft.support = support
            return draft
        text, sources = self._compose(chosen, hits)
        return AnswerDraft(text=text, grounded=True, sources=sources, support=support)

    # -- internals ------------------------------------------------------------------------

    def _score_sentences(self, question: str, hits: list[SearchHit]) -> list[_Sentence]:
        index = self._lexical()
        wanted = set(tokenize_query(expand_query(question)))
        weights = {t: index.idf(t) for t in wanted}
        total = sum(weights.values()) or 1.0
        counting = bool(_COUNT_QUESTION.search(question))
        out: list[_Sentence] = []
        for rank, hit in enumerate(hits):
            # Words of the title and region count at half weight: "in Ningbo" is answered by
            # a sentence of the Ningbo regulation that does not repeat the city's name.
            context = _context_tokens(hit)
            for order, sentence in enumerate(split_sentences(hit.text)):
                if len(sentence) < 12:
                    continue
                tokens = set(tokenize(sentence))
                score = (
                    sum(
                        w if t in tokens else CONTEXT_WEIGHT * w
                        for t, w in weights.items()
                        if t in tokens or t in context
                    )
                    / total
                )
                score += 0.12 / (1 + rank)
                if counting and _DIGIT.search(sentence):
                    score += 0.08
                if len(sentence) > 400:
                    score *= 0.85
                if not _ENDS_SENTENCE.search(sentence):
                    score *= 0.5  # a caption or heading, not a statement
                out.append(_Sentence(sentence, rank, order, score, hit.doc_id))
        return out

    def _rerank(self, question: str, sentences: list[_Sentence]) -> list[_Sentence]:
        """Add the embedding similarity of the best candidates to their lexical score."""
        if self._embeddings is None or not sentences or self.semantic_weight == 0:
            return sentences
        top = sorted(sentences, key=lambda s: s.score, reverse=True)[:SEMANTIC_CANDIDATES]
        query = np.asarray(self._embeddings.embed_query(question), dtype=np.float32)
        for sentence, vector in zip(top, self._vectors([s.text for s in top]), strict=True):
            sentence.score += self.semantic_weight * float(vector @ query)
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

    def _select(self, sentences: list[_Sentence]) -> list[_Sentence]:
        ranked = sorted(sentences, key=lambda s: s.score, reverse=True)
        if not ranked or ranked[0].score <= 0.15:
            return []
        best = ranked[0].score
        chosen: list[_Sentence] = []
        words = 0
        for sentence in ranked:
            if len(chosen) >= MAX_SENTENCES or sentence.score < 0.6 * best:
                break
            size = _word_count(sentence.text)
            if chosen and words + size > MAX_WORDS:
                continue
            if any(sentence.text == c.text for c in chosen):
                continue
            chosen.append(sentence)
            words += size
        other = next((s for s in ranked if _doc(s) not in {_doc(c) for c in chosen}), None)
        if other and other.score >= 0.5 * best and len(chosen) < MAX_SENTENCES + 1:
            chosen.append(other)  # a question may need two documents
            words += _word_count(other.text)
        follow_on = _next_sentence(chosen[0], sentences)
        if (
            follow_on
            and follow_on not in chosen
            and words + _word_count(follow_on.text) <= MAX_WORDS
        ):
            chosen.append(follow_on)  # the best sentence often needs the one after it
        return sorted(chosen, key=lambda s: (s.hit_rank, s.order))

    def _compose(self, chosen: list[_Sentence], hits: list[SearchHit]) -> tuple[str, list[Source]]:
        numbers: dict[int, int] = {}
        sources: list[Source] = []
        parts: list[str] = []
        for i, sentence in enumerate(chosen):
            if sentence.hit_rank not in numbers:
                numbers[sentence.hit_rank] = len(numbers) + 1
                sources.append(make_source(numbers[sentence.hit_rank], hits[sentence.hit_rank]))
            last_of_run = i + 1 == len(chosen) or chosen[i + 1].hit_rank != sentence.hit_rank
            marker = f" [{numbers[sentence.hit_rank]}]" if last_of_run else ""
            parts.append(sentence.text + marker)
        return " ".join(parts), sources


def _doc(sentence: _Sentence) -> str:
    return sentence.doc_id


def _context_tokens(hit: SearchHit) -> frozenset[str]:
    meta = hit.metadata
    return _tokens_of(f"{meta.get('title', '')} {meta.get('region', '')}")


@lru_cache(maxsize=4096)
def _tokens_of(text: str) -> frozenset[str]:
    return frozenset(tokenize(expand_query(text)))


def _next_sentence(sentence: _Sentence, pool: list[_Sentence]) -> _Sentence | None:
    return next(
        (s for s in pool if s.hit_rank == sentence.hit_rank and s.order == sentence.order + 1),
        None,
    )


def _word_count(text: str) -> int:
    cjk = len(re.findall(r"[\u3400-\u9fff]", text))
    return len(re.findall(r"[A-Za-z0-9]+", text)) + cjk // 2
