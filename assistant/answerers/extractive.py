"""The extractive answerer: quotes the retrieved sentences that answer the question.

No LLM. The question becomes weighted concepts (`concepts.py`); every sentence of the
retrieved chunks is scored by the concepts it covers, in either language through the
glossary (its document's title and region at half weight, plus the chunk's rank). The answer
quotes, in document order with [n] citations: the best sentence, the one holding the count or
date asked for, the best sentence of each other document the question names, then sentences
that add something new, within about 120 words. It is refused when the answer's own document
does not support it (the threshold is calibrated on the gold set).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.answerers.concepts.evidence import EMPTY, Evidence
from assistant.answerers.concepts.parsing import parse_question
from assistant.answerers.concepts.question import Question
from assistant.answerers.draft import AnswerDraft, Streamed
from assistant.answerers.sources import cite_documents
from assistant.parts import asks_apart
from assistant.query import Query
from assistant.schemas import Source
from corpus.chunking import split_sentences
from corpus.language import detect_language
from retrieval.hits import SearchHit
from retrieval.lexical import LexicalIndexes

SEMANTIC_CANDIDATES = 10
CONTEXT_WEIGHT = 0.5
SENTENCE_CACHE = 50_000
MAX_WORDS = 120
# An unsupported answer whose support reaches this share of `min_support` shows its nearest
# passage with the refusal (see docs/evaluation.md for the supports of the dev split).
CLOSEST_MIN_SUPPORT = 0.5
MAX_SENTENCES = 4
NAMING_WEIGHT = 2.0  # idf of a word that can name a document ("Qingdao", "Huayun")
# A question that pairs two names by a joint act ("what did X sign with Y", "X和Y合作开了什么"):
# one document must hold both, unless it asks about each apart (`asks_apart`).
# The partner must be named: "which companies did X work with?" and "和哪些企业合作" ask who.
_PAIRS_NAMES = re.compile(
    r"\b(?i:sign|agree|partner|cooperat|collaborat|work|team|ally|join)\w* (?:\w+ ){0,3}?"
    r"(?i:with) (?:the )?[A-Z0-9]"
    r"|\b(?i:and) \w+(?: \w+){0,5} (?i:jointly|together)\b"
    r"|[和与同跟][^，,。？?和与哪什谁]{2,30}?(?<!的)(?:一起|共同|联合)?"
    r"(?:合作|共建|合办|共办|携手|签约|签署|签订)(?!仪式|活动|大会|现场)"
)
# A sentence that enumerates ("三项奖学金，分别是“A”“B”和“C”", "A, B, C and D") gains this
# much for a question asking for several things: dev must_include 0.769 -> 0.775 (two list
# answers complete, one cross-lingual answer lost); the same at 0.2 with more changes.
LIST_BONUS = 0.1
_ASKS_LIST = re.compile(
    r"哪些|哪几|\bwhich\b|\bwhat (?:are|were)\b|\blist\b|\bname (?:the|some)\b", re.IGNORECASE
)
ENUMERATES = re.compile(
    r"[^、]{1,30}、[^、]{1,30}、|“[^”]{1,20}”[、，和及与]?“|分别是|包括|\bincluding\b|\bsuch as\b"
    r"|(?:[A-Z][\w&.-]*(?: [A-Z][\w&.-]*)*, ){2}"
)
# A sentence ending in a colon announces what follows it ("具体包括：", "The plan has three
# parts:"), one ending in a semicolon is an item of a list that goes on: the sentences after
# it, up to MAX_ITEMS and the answer's word room, complete it.
_GOES_ON = re.compile(r"[:：;；]\s*$")
# A row of a table ("中职学校 | 10所"): the rows after it go on with it.
_TABLE_ROW = re.compile(r"\S\s*\|\s*\S")
# An item of a bulleted or numbered list ("- 海南省教育厅", "2. ", "（三）"): the next item goes on.
_BULLET = re.compile(r"\s*(?:[-*•·]\s|\d{1,2}[.)、]\s?|[（(][一二三四五六七八九十\d]{1,3}[)）])")
_RULE = re.compile(r"[\s|:-]+")  # a table's rule under its header ("--- | ---"): not quoted
MAX_ITEMS = 8
_ENDS_SENTENCE = re.compile(r"[.!?。！？；;:：\"”』」)）]\s*$")


@dataclass(eq=False)
class _Sentence:
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
        sentences = self._rerank(question, self._score_sentences(parsed, hits))
        naming = _naming(parsed, sentences)
        chosen = self._select(parsed, sentences, naming)
        if not chosen:
            return AnswerDraft(text="", grounded=False)
        text, sources = self._compose(chosen, hits)
        lead = max(chosen, key=lambda s: s.score)
        main = _union(s.evidence for s in (lead, _next_sentence(lead, chosen)) if s)
        return AnswerDraft(
            text=text,
            grounded=True,
            sources=sources,
            support=_support(parsed, chosen, main, naming, detect_language(query.asked)),
        )

    # -- internals ------------------------------------------------------------------------

    def _score_sentences(self, question: Question, hits: list[SearchHit]) -> list[_Sentence]:
        out: list[_Sentence] = []
        asks_list = bool(_ASKS_LIST.search(question.text))
        for rank, hit in enumerate(hits):
            # Words of the title and region count at half weight: "in Ningbo" is answered by
            # a sentence of the Ningbo regulation that does not repeat the city's name.
            context = _context(hit)
            in_context = question.covered_in(context)
            pieces = split_sentences(hit.text)
            for order, sentence in enumerate(pieces):
                if len(sentence) < 12 and not (order and _goes_on(pieces[order - 1], sentence)):
                    continue  # a fragment, unless an item of a list or a row of a table
                evidence = Evidence.of(sentence)
                score = question.coverage(evidence, in_context, CONTEXT_WEIGHT)
                score += 0.12 / (1 + rank)
                if len(sentence) > 400:
                    score *= 0.85
                if (
                    not _ENDS_SENTENCE.search(sentence)
                    and not _TABLE_ROW.search(sentence)
                    and order < len(pieces) - 1
                ):
                    # A caption or heading (the chunk's last piece is cut short); a table's row
                    # is neither: dev must_include 0.823 -> 0.830, gold 0.881 -> 0.896.
                    score *= 0.5
                if asks_list and ENUMERATES.search(sentence):
                    score += LIST_BONUS
                language = str(hit.metadata.get("language", ""))
                out.append(
                    _Sentence(
                        sentence,
                        rank,
                        order,
                        score,
                        hit.doc_id,
                        evidence,
                        context,
                        hit.text,
                        language,
                    )
                )
        return out

    def _rerank(self, question: str, sentences: list[_Sentence]) -> list[_Sentence]:
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

    def _select(
        self, question: Question, sentences: list[_Sentence], naming: frozenset[str]
    ) -> list[_Sentence]:
        ranked = sorted(sentences, key=lambda s: s.score, reverse=True)
        if not ranked or ranked[0].score <= 0.15:
            return []
        best = ranked[0].score
        chosen = [ranked[0]]
        # What the answer cannot do without comes first: the sentence holding the count or
        # date asked for, then the best sentence of each other document the question names.
        chosen += _typed(question, ranked, sentences, 0.5 * best)
        completed = _completion(question, naming, chosen, ranked, 0.3 * best)
        chosen += completed
        chosen += _typed_per_document(question, chosen, ranked, 0.3 * best)
        # An answer about each of several named documents gets the room of one per document.
        room = 1 + len({s.doc_id for s in completed} - {chosen[0].doc_id})
        pool = [s for s in ranked if s.score >= 0.6 * best]
        chosen += _fill(question, chosen, pool, room)
        follow_on = _next_sentence(chosen[0], sentences)
        words = sum(_word_count(c.text) for c in chosen)
        if (
            follow_on
            and follow_on not in chosen
            and words + _word_count(follow_on.text) <= room * MAX_WORDS
        ):
            chosen.append(follow_on)  # the best sentence often needs the one after it
        words = sum(_word_count(c.text) for c in chosen)
        # A list asked for gets the room of its items even when the answer is full.
        extra = MAX_WORDS if _ASKS_LIST.search(question.text) else 0
        for sentence in list(chosen):
            items = _items_after(sentence, sentences, chosen, max(room * MAX_WORDS - words, extra))
            chosen += items
            words += sum(_word_count(i.text) for i in items)
        return sorted(chosen, key=lambda s: (s.hit_rank, s.order))

    def _compose(self, chosen: list[_Sentence], hits: list[SearchHit]) -> tuple[str, list[Source]]:
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


def _fill(
    question: Question, chosen: list[_Sentence], pool: list[_Sentence], room: int = 1
) -> list[_Sentence]:
    """Further good sentences up to `room` times the size limits, those saying something new
    first.

    A sentence is new when it, or its document's title, covers a word of the question the
    answer does not cover yet.
    """
    added: list[_Sentence] = []
    words = sum(_word_count(c.text) for c in chosen)
    covered = _union(c.whole for c in chosen)
    texts = {c.text for c in chosen}
    pool = [s for s in pool if s.text not in texts]
    while pool and len(chosen) + len(added) < room * MAX_SENTENCES:
        missing = question.missing(covered)
        sentence = max(
            pool,
            key=lambda s: (any(c.covered_by(s.whole) for c in missing), s.score),
        )
        pool = [s for s in pool if s.text != sentence.text]
        size = _word_count(sentence.text)
        if words + size > room * MAX_WORDS:
            continue
        added.append(sentence)
        words += size
        covered = covered | sentence.whole
    return added


def _typed(
    question: Question, ranked: list[_Sentence], pool: list[_Sentence], floor: float
) -> list[_Sentence]:
    """The best sentence holding the count or date asked for, if the lead does not: of the
    lead's own document first (the date of its signing, not another's), and one saying it
    with the thing counted ("七部门" for "how many departments") before one that does not."""
    wanted = question.answer_type
    if wanted is None:
        return []
    things = [c for c in question.concepts if c.focus]

    def answers(s: _Sentence) -> bool:
        return all(c.covered_by(s.evidence) for c in things)

    lead = ranked[0]
    leading = [s for s in (lead, _next_sentence(lead, pool)) if s is not None]
    if any(wanted.covered_by(s.evidence) and answers(s) for s in leading):
        return []
    typed = [s for s in ranked[1:] if s.score >= floor and wanted.covered_by(s.evidence)]
    if not typed:
        return []
    return [max(typed, key=lambda s: (s.doc_id == lead.doc_id, answers(s), s.score))]


def _typed_per_document(
    question: Question, chosen: list[_Sentence], ranked: list[_Sentence], floor: float
) -> list[_Sentence]:
    """For each other document the answer quotes, its best sentence holding the count or
    date asked for when none of its chosen ones does ("how big is each of A and B")."""
    wanted = question.answer_type
    if wanted is None:
        return []
    added: list[_Sentence] = []
    for doc_id in dict.fromkeys(s.doc_id for s in chosen[1:]):
        if any(s.doc_id == doc_id and wanted.covered_by(s.evidence) for s in chosen):
            continue
        typed = next(
            (
                s
                for s in ranked
                if s.doc_id == doc_id
                and s.score >= floor
                and s not in chosen
                and wanted.covered_by(s.evidence)
            ),
            None,
        )
        if typed is not None:
            added.append(typed)
    return added


def _completion(
    question: Question,
    naming: frozenset[str],
    chosen: list[_Sentence],
    ranked: list[_Sentence],
    floor: float,
) -> list[_Sentence]:
    """Sentences from the documents the question names that the chosen ones leave out.

    "Ningbo and Qingdao", "Huayun Data and Shanghai Zhongqiao": a rare word of the
    question that the chosen sentences miss but another document's title or region holds
    brings in that document's best sentence scoring at least `floor` (twice at most).
    """
    added: list[_Sentence] = []
    covered = _union(s.whole for s in chosen)
    for _ in range(2):
        wanted = [c for c in question.missing(covered) if c.name in naming]
        candidates = [
            (sum(c.weight for c in wanted if c.covered_by(s.whole)), s.score, s)
            for s in ranked
            if s.score >= floor and s not in chosen and s not in added
        ]
        gain, _, sentence = max(candidates, key=lambda c: (c[0], c[1]), default=(0.0, 0.0, None))
        if sentence is None or gain <= 0:
            break
        added.append(sentence)
        covered = covered | sentence.whole
    return added


def _naming(question: Question, sentences: list[_Sentence]) -> frozenset[str]:
    """The question's rare words that the title or region of a candidate document holds."""
    contexts = {s.context for s in sentences}
    return frozenset(
        c.name
        for c in question.concepts
        if c.pattern is None
        and c.weight >= NAMING_WEIGHT
        and any(c.covered_by(context) for context in contexts)
    )


def _support(
    question: Question,
    chosen: list[_Sentence],
    main: Evidence,
    naming: frozenset[str],
    language: str,
) -> float:
    """The support of the best-supported document among the chosen sentences, or of the
    documents the question names one by one, together.

    Per document, so that a year from one document and a city from another do not add up
    to an answer neither gives; the answer type (a count, a year) must be in `main`. A
    question that names two documents ("Siemens in Guangzhou compared with BSH in Nanjing")
    is answered by both: their sentences count together when each chosen document is named
    by a word of the question that the others' titles lack.
    """
    by_doc: dict[str, list[_Sentence]] = {}
    for sentence in chosen:
        by_doc.setdefault(sentence.doc_id, []).append(sentence)
    groups = list(by_doc.values())
    evidence = [
        _union(Evidence.of(chunk) for chunk in dict.fromkeys(s.chunk for s in group))
        for group in groups
    ]
    contexts = [_union(s.context for s in group) for group in groups]
    joint = _named_one_by_one(question, naming, contexts, evidence)
    if len(joint) >= 2:
        groups.append([s for i in joint for s in groups[i]])
        evidence.append(_union(evidence[i] for i in joint))
        contexts.append(_union(contexts[i] for i in joint))
    return max(
        question.support(
            found,
            context,
            main,
            naming,
            other_language=any(s.language not in ("", language) for s in group),
            named_elsewhere=_answered_elsewhere(question, contexts, evidence, i),
            joint=asks_joint_act(question),
        )
        for i, (found, group, context) in enumerate(zip(evidence, groups, contexts, strict=True))
    )


def _answered_elsewhere(
    question: Question, contexts: list[Evidence], evidence: list[Evidence], i: int
) -> frozenset[str]:
    """The names of the question that another chosen document answers for, seen from the
    `i`th.

    For a document the question names in its title or region, the names the other chosen
    documents' titles or regions hold ("Siemens in Guangzhou compared with BSH in
    Nanjing"). For a question about each of several things ("Huayun Data and Shanghai
    Zhongqiao each", "分别"), also the names the others' text holds. Not otherwise: "what did
    Jinan build with Siemens" asks for one document holding both, and an answer about
    Chongqing and Siemens beside one about Jinan does not answer it.
    """
    names = [c for c in question.concepts if c.proper]
    if asks_joint_act(question):
        return frozenset()
    others = [context for j, context in enumerate(contexts) if j != i]
    if asks_apart(question.text):
        others += [found for j, found in enumerate(evidence) if j != i]
    elif not any(c.covered_by(contexts[i]) for c in names):
        return frozenset()
    return frozenset(c.name for c in names if any(c.covered_by(other) for other in others))


def asks_joint_act(question: Question) -> bool:
    """Whether the question asks what two things did together (not about each apart)."""
    return bool(_PAIRS_NAMES.search(question.text)) and not asks_apart(question.text)


def _named_one_by_one(
    question: Question, naming: frozenset[str], contexts: list[Evidence], evidence: list[Evidence]
) -> list[int]:
    """The chosen documents (by index) that the question names one by one: each title or
    region holds a naming word the others' lack; for a question about each of several
    things, also a name of the question in the document's text that the others' lack ("the
    Yantai program and the Jinyun agreement", neither named in a title). None for a question
    about what two things did together."""
    if asks_joint_act(question):
        return []
    named = [c for c in question.concepts if c.name in naming]
    alone = _held_alone([frozenset(c.name for c in named if c.covered_by(x)) for x in contexts])
    if len(alone) < 2 and asks_apart(question.text):
        names = [c for c in question.concepts if c.proper]
        held = [
            frozenset(c.name for c in names if c.covered_by(found) or c.covered_by(context))
            for found, context in zip(evidence, contexts, strict=True)
        ]
        alone = _held_alone(held)
    return alone


def _held_alone(held: list[frozenset[str]]) -> list[int]:
    """The indexes of the sets holding a word that no other set holds."""
    return [
        i
        for i, words in enumerate(held)
        if words - frozenset().union(*(other for j, other in enumerate(held) if j != i))
    ]


def _union(parts: Iterable[Evidence]) -> Evidence:
    result = EMPTY
    for part in parts:
        result = result | part
    return result


def _context(hit: SearchHit) -> Evidence:
    meta = hit.metadata
    return Evidence.of(f"{meta.get('title', '')} {meta.get('region', '')} {meta.get('date', '')}")


def _next_sentence(sentence: _Sentence, pool: list[_Sentence]) -> _Sentence | None:
    return next(
        (s for s in pool if s.hit_rank == sentence.hit_rank and s.order == sentence.order + 1),
        None,
    )


def _items_after(
    sentence: _Sentence, pool: list[_Sentence], chosen: list[_Sentence], room: int
) -> list[_Sentence]:
    """The sentences that go on from `sentence` (`_goes_on`), as many as `room` words
    allow."""
    added: list[_Sentence] = []
    current: _Sentence | None = sentence
    while current is not None and len(added) < MAX_ITEMS:
        following = _next_sentence(current, pool)
        if following is None or not _goes_on(current.text, following.text):
            break
        current = following
        if current in chosen or current in added or _RULE.fullmatch(current.text):
            continue
        size = _word_count(current.text)
        if size > room:
            break
        added.append(current)
        room -= size
    return added


def _goes_on(piece: str, following: str) -> bool:
    """Whether `following` goes on from `piece`: the list it announces or is an item of, or
    the next row of its table."""
    shape = _bullet_shape(piece)
    return bool(
        _GOES_ON.search(piece)
        or (_TABLE_ROW.search(piece) and _TABLE_ROW.search(following))
        or (shape is not None and shape == _bullet_shape(following))
    )


def _bullet_shape(piece: str) -> str | None:
    """The kind of list item `piece` is ("-", "#.", "（#）"), or None when it is none."""
    bullet = _BULLET.match(piece)
    return re.sub(r"[一二三四五六七八九十\d]+", "#", bullet.group().strip()) if bullet else None


def _word_count(text: str) -> int:
    cjk = len(re.findall(r"[\u3400-\u9fff]", text))
    return len(re.findall(r"[A-Za-z0-9]+", text)) + cjk // 2
