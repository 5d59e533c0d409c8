"""Sentence selection: the best sentence, the typed value asked for, the documents the
question names, sentences that add something new, and the items of a list, within the
answer's room."""

from __future__ import annotations

import re

from assistant.answerers.concepts.evidence import union
from assistant.answerers.concepts.question import Question
from assistant.answerers.extractive.list_items import goes_on
from assistant.answerers.extractive.scoring import ASKS_LIST
from assistant.answerers.extractive.sentence import Sentence, next_sentence, word_count

MAX_WORDS = 120
MAX_SENTENCES = 4
_RULE = re.compile(r"[\s|:-]+")  # a table's rule under its header ("--- | ---"): not quoted
MAX_ITEMS = 8


def select(question: Question, sentences: list[Sentence], naming: frozenset[str]) -> list[Sentence]:
    """The sentences the answer quotes, in document order; none when no sentence is good
    enough."""
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
    follow_on = next_sentence(chosen[0], sentences)
    words = sum(word_count(c.text) for c in chosen)
    if (
        follow_on
        and follow_on not in chosen
        and words + word_count(follow_on.text) <= room * MAX_WORDS
    ):
        chosen.append(follow_on)  # the best sentence often needs the one after it
    words = sum(word_count(c.text) for c in chosen)
    # A list asked for gets the room of its items even when the answer is full.
    extra = MAX_WORDS if ASKS_LIST.search(question.text) else 0
    for sentence in list(chosen):
        items = _items_after(sentence, sentences, chosen, max(room * MAX_WORDS - words, extra))
        chosen += items
        words += sum(word_count(i.text) for i in items)
    return sorted(chosen, key=lambda s: (s.hit_rank, s.order))


def _fill(
    question: Question, chosen: list[Sentence], pool: list[Sentence], room: int = 1
) -> list[Sentence]:
    """Further good sentences up to `room` times the size limits, those saying something new
    first.

    A sentence is new when it, or its document's title, covers a word of the question the
    answer does not cover yet.
    """
    added: list[Sentence] = []
    words = sum(word_count(c.text) for c in chosen)
    covered = union(c.whole for c in chosen)
    texts = {c.text for c in chosen}
    pool = [s for s in pool if s.text not in texts]
    while pool and len(chosen) + len(added) < room * MAX_SENTENCES:
        missing = question.missing(covered)
        sentence = max(
            pool,
            key=lambda s: (any(c.covered_by(s.whole) for c in missing), s.score),
        )
        pool = [s for s in pool if s.text != sentence.text]
        size = word_count(sentence.text)
        if words + size > room * MAX_WORDS:
            continue
        added.append(sentence)
        words += size
        covered = covered | sentence.whole
    return added


def _typed(
    question: Question, ranked: list[Sentence], pool: list[Sentence], floor: float
) -> list[Sentence]:
    """The best sentence holding the count or date asked for, if the lead does not: of the
    lead's own document first (the date of its signing, not another's), and one saying it
    with the thing counted ("七部门" for "how many departments") before one that does not."""
    wanted = question.answer_type
    if wanted is None:
        return []
    things = [c for c in question.concepts if c.focus]

    def answers(s: Sentence) -> bool:
        return all(c.covered_by(s.evidence) for c in things)

    lead = ranked[0]
    leading = [s for s in (lead, next_sentence(lead, pool)) if s is not None]
    if any(wanted.covered_by(s.evidence) and answers(s) for s in leading):
        return []
    typed = [s for s in ranked[1:] if s.score >= floor and wanted.covered_by(s.evidence)]
    if not typed:
        return []
    return [max(typed, key=lambda s: (s.doc_id == lead.doc_id, answers(s), s.score))]


def _typed_per_document(
    question: Question, chosen: list[Sentence], ranked: list[Sentence], floor: float
) -> list[Sentence]:
    """For each other document the answer quotes, its best sentence holding the count or
    date asked for when none of its chosen ones does ("how big is each of A and B")."""
    wanted = question.answer_type
    if wanted is None:
        return []
    added: list[Sentence] = []
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
    chosen: list[Sentence],
    ranked: list[Sentence],
    floor: float,
) -> list[Sentence]:
    """Sentences from the documents the question names that the chosen ones leave out.

    "Ningbo and Qingdao", "Huayun Data and Shanghai Zhongqiao": a rare word of the
    question that the chosen sentences miss but another document's title or region holds
    brings in that document's best sentence scoring at least `floor` (twice at most).
    """
    added: list[Sentence] = []
    covered = union(s.whole for s in chosen)
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


def _items_after(
    sentence: Sentence, pool: list[Sentence], chosen: list[Sentence], room: int
) -> list[Sentence]:
    """The sentences that go on from `sentence` (`goes_on`), as many as `room` words
    allow."""
    added: list[Sentence] = []
    current: Sentence | None = sentence
    while current is not None and len(added) < MAX_ITEMS:
        following = next_sentence(current, pool)
        if following is None or not goes_on(current.text, following.text):
            break
        current = following
        if current in chosen or current in added or _RULE.fullmatch(current.text):
            continue
        size = word_count(current.text)
        if size > room:
            break
        added.append(current)
        room -= size
    return added
