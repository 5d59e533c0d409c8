"""Insights for the administrator: what visitors asked, what they could not get, how fast.

Read from the conversation store's SQLite file on a connection of its own (WAL: readers do
not block the chat path). Knowledge gaps are refused or down-voted questions grouped by
meaning: the most frequent distinct ones (at most `MAX_GAP_TEXTS`) are embedded with the
multilingual question vectors and grouped greedily around the most asked one of each group.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np

from assistant.conversations import DAY_S, QUESTION_KEY, ConversationStore
from assistant.curated import CuratedMatch
from assistant.meaning import MeaningVectors, normalised
from retrieval.hybrid import HybridRetriever

# What stored question vectors were made of: normalised questions (vectors of the raw text,
# stored before, are not reused).
_STORED_TEXT = "normalised"

DEFAULT_RANGE_DAYS = 30  # the period shown when no `since` is given
MAX_GAP_TEXTS = 200  # distinct gap questions embedded and grouped (the most frequent)
GAP_EXAMPLES = 5  # example questions shown per gap
GAP_DOCUMENTS = 3  # closest documents shown per gap
TOP_QUESTIONS = 10  # most asked questions shown
TOP_GAPS = 10  # gaps shown
DOCUMENT_CACHE = 1000  # gaps whose closest documents are kept in memory
CSV_COLUMNS = (
    "asked_at",
    "question",
    "grounded",
    "degraded",
    "curated",
    "latency_ms",
    "feedback_up",
    "feedback_down",
)
_IN_RANGE = "m.role='assistant' AND m.created_at >= ? AND m.created_at < ?"
_NORMAL = QUESTION_KEY.replace("question", "m.question")  # one key for case/space variants


@dataclass(frozen=True)
class TimeRange:
    """[since, until) in epoch seconds."""

    since: float
    until: float

    @classmethod
    def parse(cls, since: str | None = None, until: str | None = None) -> TimeRange:
        """From ISO dates or datetimes (a date `until` includes that day) or epoch seconds;
        `until` defaults to now and `since` to `DEFAULT_RANGE_DAYS` before it."""
        end = _instant(until, end_of_day=True) if until else time.time()
        start = _instant(since) if since else end - DEFAULT_RANGE_DAYS * DAY_S
        if start >= end:
            raise ValueError("since must be before until")
        return cls(start, end)

    def params(self) -> tuple[float, float]:
        """The SQL parameters of `_IN_RANGE`."""
        return self.since, self.until


def _instant(text: str, end_of_day: bool = False) -> float:
    """Epoch seconds of an ISO date/datetime (UTC unless it says otherwise) or a number."""
    text = text.strip()
    try:
        return float(text)
    except ValueError:
        pass
    try:
        if len(text) == 10:
            day = date.fromisoformat(text) + timedelta(days=1 if end_of_day else 0)
            return datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"not a date or datetime: {text[:40]!r}") from None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def iso(seconds: float) -> str:
    """An epoch time as ISO 8601 UTC, to the second."""
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class InsightsService:
    """Counts, shares, latency percentiles, top questions and knowledge gaps.

    Two scans of the range: one by day (counts, and the latencies), one by question (top
    questions, ratings and gap candidates). Gap question vectors are stored beside the
    conversations (computed once per distinct question); the closest documents of a gap are
    kept per catalog state in memory.
    """

    def __init__(
        self,
        conversations: ConversationStore,
        vectors: MeaningVectors,
        retriever: HybridRetriever | None,
        gap_similarity: float,
        closest_answer: Callable[[str, np.ndarray], CuratedMatch | None] | None = None,
    ) -> None:
        self.conversations = conversations
        self.vectors = vectors
        self.retriever = retriever
        self.gap_similarity = gap_similarity
        # The most similar curated answer to a question (`CuratedMatcher.best`), if any.
        self.closest_answer = closest_answer
        self._conn = sqlite3.connect(
            f"file:{conversations.path}?mode=ro", uri=True, check_same_thread=False
        )
        self._conn.execute("PRAGMA busy_timeout=10000")
        self._lock = threading.Lock()
        self._documents: dict[tuple[str, int], list[dict[str, Any]]] = {}

    def _rows(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def summary(
        self, span: TimeRange, top: int = TOP_QUESTIONS, gaps: int = TOP_GAPS
    ) -> dict[str, Any]:
        """The insights over `span` (the JSON of `GET /api/admin/insights`)."""
        p = span.params()
        per_day = self._per_day(p)
        total = sum(d["questions"] for d in per_day)
        answered = sum(d["answered"] for d in per_day)
        degraded = sum(d["degraded"] for d in per_day)
        curated = sum(d.pop("curated") for d in per_day)
        questions = self._questions(p)
        by_count = sorted(questions, key=lambda q: (-q.count, -q.last))
        return {
            "since": iso(span.since),
            "until": iso(span.until),
            "questions": total,
            "answered": answered,
            "refused": total - answered,
            "degraded": degraded,
            "curated": curated,
            "shares": {
                "answered": _share(answered, total),
                "refused": _share(total - answered, total),
                "degraded": _share(degraded, total),
            },
            "feedback": {
                "up": sum(q.up for q in questions),
                "down": sum(q.down for q in questions),
            },
            "latency_ms": self._latency(p),
            "per_day": per_day,
            "top_questions": [
                {
                    "question": q.text,
                    "count": q.count,
                    "answered": q.count - q.refused,
                    "last_asked": iso(q.last),
                }
                for q in by_count[:top]
            ],
            "gaps": self._gaps([q for q in by_count if q.refused or q.down], gaps),
        }

    def _latency(self, p: tuple[float, float]) -> dict[str, float | None]:
        rows = self._rows(
            f"SELECT latency_ms FROM messages m WHERE {_IN_RANGE} AND latency_ms IS NOT NULL", p
        )
        if not rows:
            return {"p50": None, "p95": None}
        values = np.fromiter((r[0] for r in rows), dtype=np.float64, count=len(rows))
        p50, p95 = np.percentile(values, [50, 95])
        return {"p50": round(float(p50), 1), "p95": round(float(p95), 1)}

    def _per_day(self, p: tuple[float, float]) -> list[dict[str, Any]]:
        rows = self._rows(
            "SELECT date(m.created_at, 'unixepoch') AS day, COUNT(*), SUM(grounded), "
            "SUM(degraded), SUM(COALESCE(curated, 0)) "
            f"FROM messages m WHERE {_IN_RANGE} GROUP BY day ORDER BY day",
            p,
        )
        return [
            {
                "date": d,
                "questions": n,
                "answered": a,
                "refused": n - a,
                "degraded": g,
                "curated": c,
            }
            for d, n, a, g, c in rows
        ]

    def _questions(self, p: tuple[float, float]) -> list[_Question]:
        rows = self._rows(
            f"SELECT {_NORMAL} AS k, MAX(m.question), COUNT(*), SUM(1 - m.grounded), "
            "MAX(m.created_at), COALESCE(SUM(f.up), 0), COALESCE(SUM(f.down), 0) "
            "FROM messages m LEFT JOIN (SELECT message_id, SUM(rating = 'up') AS up, "
            "SUM(rating = 'down') AS down FROM feedback GROUP BY message_id) f "
            f"ON f.message_id = m.id WHERE {_IN_RANGE} GROUP BY k",
            p,
        )
        return [_Question(*row) for row in rows]

    def _gaps(self, candidates: list[_Question], limit: int) -> list[dict[str, Any]]:
        """Refused or down-voted questions grouped by meaning, largest group first."""
        candidates = candidates[:MAX_GAP_TEXTS]
        if not candidates or not limit:
            return []
        vectors = self._vectors(candidates)
        groups = group_by_meaning(vectors, [q.count for q in candidates], self.gap_similarity)
        out = []
        for members in groups[:limit]:
            group = [candidates[i] for i in members]
            out.append(
                {
                    "label": group[0].text,
                    "count": sum(q.count for q in group),
                    "refused": sum(q.refused for q in group),
                    "down": sum(q.down for q in group),
                    "examples": [q.text for q in group[:GAP_EXAMPLES]],
                    "last_asked": iso(max(q.last for q in group)),
                    "documents": self._closest_documents(group[0].text),
                    "near_answer": self._near_answer(group[0].text, vectors[members[0]]),
                }
            )
        return out

    def _near_answer(self, question: str, vector: np.ndarray) -> dict[str, Any] | None:
        """The curated answer a gap is as close to as two questions of one gap are to each
        other (`gap_similarity`) but that was not served (under the gate or a near miss):
        adding the gap's questions to its paraphrases serves them, if they ask the same."""
        found = self.closest_answer(question, vector) if self.closest_answer else None
        if found is None or found.score < self.gap_similarity:
            return None
        return {
            "id": found.answer.id,
            "question": found.variant,
            "similarity": round(found.score, 4),
        }

    def _vectors(self, questions: list[_Question]) -> np.ndarray:
        """Question vectors: stored ones, the others computed now and stored."""
        # of the texts the curated matcher compares (`normalised`), so that a gap's nearness
        # to a curated answer is measured as the matcher measures it
        model = f"{self.vectors.model}|{_STORED_TEXT}"
        stored = self.conversations.question_vectors([q.key for q in questions], model)
        missing = [q for q in questions if q.key not in stored]
        if missing:
            fresh = self.vectors.many([normalised(q.text) for q in missing])
            pairs = zip(missing, fresh, strict=True)
            computed = {q.key: v.astype(np.float32).tobytes() for q, v in pairs}
            self.conversations.put_question_vectors(computed, model)
            stored.update(computed)
        return np.vstack([np.frombuffer(stored[q.key], dtype=np.float32) for q in questions])

    def _closest_documents(self, question: str) -> list[dict[str, Any]]:
        """The documents retrieval finds closest to a gap (what an answer could cite)."""
        if self.retriever is None:
            return []
        key = (question, self.retriever.chunks.generation)
        if key in self._documents:
            return self._documents[key]
        found: dict[str, dict[str, Any]] = {}
        for hit in self.retriever.search(question, k=GAP_DOCUMENTS * 3):
            if hit.doc_id not in found:
                title = str(hit.metadata.get("title", ""))
                found[hit.doc_id] = {"id": hit.doc_id, "title": title, "score": round(hit.score, 4)}
            if len(found) == GAP_DOCUMENTS:
                break
        if len(self._documents) >= DOCUMENT_CACHE:
            self._documents.clear()
        self._documents[key] = list(found.values())
        return self._documents[key]

    def turns(self, span: TimeRange) -> Iterator[dict[str, Any]]:
        """One row per answered question in `span`, oldest first (no session ids)."""
        rows = self._rows(
            "SELECT m.created_at, m.question, m.grounded, m.degraded, COALESCE(m.curated, 0), "
            "m.latency_ms, "
            "(SELECT COUNT(*) FROM feedback f WHERE f.message_id=m.id AND f.rating='up'), "
            "(SELECT COUNT(*) FROM feedback f WHERE f.message_id=m.id AND f.rating='down') "
            f"FROM messages m WHERE {_IN_RANGE} ORDER BY m.created_at",
            span.params(),
        )
        for t, *rest in rows:
            yield dict(zip(CSV_COLUMNS, (iso(t), *rest), strict=True))

    def csv(self, span: TimeRange) -> str:
        """`turns` as CSV text."""
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, CSV_COLUMNS)
        writer.writeheader()
        writer.writerows(self.turns(span))
        return buffer.getvalue()


@dataclass
class _Question:
    """One distinct question in the range: how often asked, refused, rated."""

    key: str
    text: str
    count: int
    refused: int
    last: float
    up: int
    down: int


def group_by_meaning(vectors: np.ndarray, counts: list[int], threshold: float) -> list[list[int]]:
    """Indexes grouped greedily: each item (most frequent first) joins the group whose first
    member is most similar to it when that similarity reaches `threshold`, else starts one.
    Groups are returned largest (by summed count) first, members in order of frequency."""
    order = sorted(range(len(counts)), key=lambda i: -counts[i])
    leaders: list[int] = []
    groups: list[list[int]] = []
    for i in order:
        if leaders:
            sims = vectors[leaders] @ vectors[i]
            j = int(np.argmax(sims))
            if sims[j] >= threshold:
                groups[j].append(i)
                continue
        leaders.append(i)
        groups.append([i])
    return sorted(groups, key=lambda g: -sum(counts[i] for i in g))


def _share(part: int, total: int) -> float:
    return round(part / total, 4) if total else 0.0
