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
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np

from assistant.conversations import DAY_S, ConversationStore
from assistant.meaning import MeaningVectors
from retrieval.hybrid import HybridRetriever

DEFAULT_RANGE_DAYS = 30  # the period shown when no `since` is given
MAX_GAP_TEXTS = 200  # distinct gap questions embedded and grouped (the most frequent)
GAP_EXAMPLES = 5  # example questions shown per gap
GAP_DOCUMENTS = 3  # closest documents shown per gap
TOP_QUESTIONS = 10  # most asked questions shown
TOP_GAPS = 10  # gaps shown
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
_NORMAL = "lower(trim(m.question))"  # questions that differ only in case/spaces are one


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
    """Counts, shares, latency percentiles, top questions and knowledge gaps."""

    def __init__(
        self,
        conversations: ConversationStore,
        vectors: MeaningVectors,
        retriever: HybridRetriever | None,
        gap_similarity: float,
    ) -> None:
        self.vectors = vectors
        self.retriever = retriever
        self.gap_similarity = gap_similarity
        self._conn = sqlite3.connect(
            f"file:{conversations.path}?mode=ro", uri=True, check_same_thread=False
        )
        self._conn.execute("PRAGMA busy_timeout=10000")
        self._lock = threading.Lock()

    def _rows(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def summary(
        self, span: TimeRange, top: int = TOP_QUESTIONS, gaps: int = TOP_GAPS
    ) -> dict[str, Any]:
        """The insights over `span` (the JSON of `GET /api/admin/insights`)."""
        p = span.params()
        total, answered, degraded, curated = self._rows(
            "SELECT COUNT(*), COALESCE(SUM(grounded),0), COALESCE(SUM(degraded),0), "
            f"COALESCE(SUM(curated),0) FROM messages m WHERE {_IN_RANGE}",
            p,
        )[0]
        ratings = dict(
            self._rows(
                "SELECT f.rating, COUNT(*) FROM feedback f JOIN messages m ON m.id=f.message_id "
                f"WHERE {_IN_RANGE} GROUP BY f.rating",
                p,
            )
        )
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
            "feedback": {"up": ratings.get("up", 0), "down": ratings.get("down", 0)},
            "latency_ms": self._latency(p),
            "per_day": self._per_day(p),
            "top_questions": self._top_questions(p, top),
            "gaps": self.gaps(span, gaps),
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
            f"SUM(degraded) FROM messages m WHERE {_IN_RANGE} GROUP BY day ORDER BY day",
            p,
        )
        return [
            {"date": d, "questions": n, "answered": a, "refused": n - a, "degraded": g}
            for d, n, a, g in rows
        ]

    def _top_questions(self, p: tuple[float, float], top: int) -> list[dict[str, Any]]:
        rows = self._rows(
            "SELECT m.question, COUNT(*) AS n, SUM(grounded), MAX(m.created_at) "
            f"FROM messages m WHERE {_IN_RANGE} GROUP BY {_NORMAL} ORDER BY n DESC, "
            "MAX(m.created_at) DESC LIMIT ?",
            (*p, top),
        )
        return [
            {"question": q, "count": n, "answered": a, "last_asked": iso(t)} for q, n, a, t in rows
        ]

    def gaps(self, span: TimeRange, limit: int = TOP_GAPS) -> list[dict[str, Any]]:
        """Refused or down-voted questions grouped by meaning, largest group first."""
        rows = self._rows(
            "SELECT m.question, COUNT(*) AS n, MAX(m.created_at), SUM(1 - grounded) "
            f"FROM messages m WHERE {_IN_RANGE} AND (m.grounded = 0 OR EXISTS "
            "(SELECT 1 FROM feedback f WHERE f.message_id = m.id AND f.rating = 'down')) "
            f"GROUP BY {_NORMAL} ORDER BY n DESC, MAX(m.created_at) DESC LIMIT ?",
            (*span.params(), MAX_GAP_TEXTS),
        )
        if not rows:
            return []
        groups = group_by_meaning(
            self.vectors.many([r[0] for r in rows]), [r[1] for r in rows], self.gap_similarity
        )
        out = []
        for members in groups[:limit]:
            texts = [rows[i][0] for i in members]
            out.append(
                {
                    "label": texts[0],
                    "count": sum(rows[i][1] for i in members),
                    "refused": sum(rows[i][3] for i in members),
                    "examples": texts[:GAP_EXAMPLES],
                    "last_asked": iso(max(rows[i][2] for i in members)),
                    "documents": self._closest_documents(texts[0]),
                }
            )
        return out

    def _closest_documents(self, question: str) -> list[dict[str, Any]]:
        """The documents retrieval finds closest to a gap (what an answer could cite)."""
        if self.retriever is None:
            return []
        found: dict[str, dict[str, Any]] = {}
        for hit in self.retriever.search(question, k=GAP_DOCUMENTS * 3):
            if hit.doc_id not in found:
                title = str(hit.metadata.get("title", ""))
                found[hit.doc_id] = {"id": hit.doc_id, "title": title, "score": round(hit.score, 4)}
            if len(found) == GAP_DOCUMENTS:
                break
        return list(found.values())

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
