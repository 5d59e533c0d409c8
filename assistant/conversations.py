"""Conversations, answers, sources and feedback, stored in SQLite under the data directory.

Each answer row also keeps what the insights need: grounded or refused, degraded, curated and
the latency in milliseconds. No client address is stored. Rows older than the retention
period are pruned (at start and at most once per `PRUNE_INTERVAL_S` while recording).
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from assistant.schemas import ChatResponse, Turn

SESSION_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
PRUNE_INTERVAL_S = 3600.0  # how often a recording process prunes expired conversations
DAY_S = 86_400.0
_SQL_BATCH = 500  # keys per `IN (...)` query (SQLite's parameter limit is 32766)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS messages (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL,
    role TEXT NOT NULL,
    content TEXT NOT NULL,
    question TEXT,
    sources TEXT,
    grounded INTEGER,
    degraded INTEGER,
    created_at REAL NOT NULL,
    latency_ms REAL,
    curated INTEGER
);
CREATE INDEX IF NOT EXISTS messages_session ON messages(session_id, created_at);
CREATE INDEX IF NOT EXISTS messages_time ON messages(role, created_at);
CREATE TABLE IF NOT EXISTS feedback (
    message_id TEXT NOT NULL,
    rating TEXT NOT NULL,
    comment TEXT,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_message ON feedback(message_id);
CREATE TABLE IF NOT EXISTS question_vectors (
    question_key TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    vector BLOB NOT NULL
);
"""
#: The key questions are grouped by (SQL): the same question up to case and outer spaces.
QUESTION_KEY = "lower(trim(question))"
#: Vectors of questions no longer stored (pruned or deleted) are dropped with them.
_ORPHAN_VECTORS = (
    "DELETE FROM question_vectors WHERE question_key NOT IN "
    f"(SELECT {QUESTION_KEY} FROM messages WHERE role='assistant')"
)
#: Columns added after the first release: (name, SQL type), added to older databases.
_ADDED_COLUMNS = (("latency_ms", "REAL"), ("curated", "INTEGER"))
_COLUMNS = (
    "id, session_id, role, content, question, sources, grounded, degraded, created_at, "
    "latency_ms, curated"
)


def new_id() -> str:
    """A random id for sessions and messages."""
    return uuid.uuid4().hex


def check_session_id(session_id: str) -> str:
    """Return `session_id` when well-formed, else raise ValueError."""
    if not SESSION_ID.match(session_id):
        raise ValueError("session_id must be 8-64 letters, digits, '-' or '_'")
    return session_id


class ConversationStore:
    """Turns and feedback, safe to use from several threads."""

    def __init__(self, path: Path, retention_days: int | None = None) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.retention_days = retention_days
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        # WAL + NORMAL: a commit is not fsynced (a power cut may lose the last turns, never
        # corrupt the file); each turn's commit no longer waits for the disk.
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute("PRAGMA busy_timeout=10000")
        self._migrate()
        self._lock = threading.Lock()
        self._pruned_at = 0.0
        self.maybe_prune()

    def _migrate(self) -> None:
        """Create the tables; add the columns older databases lack (before the indexes)."""
        have = {row[1] for row in self._conn.execute("PRAGMA table_info(messages)")}
        if have:
            for name, kind in _ADDED_COLUMNS:
                if name not in have:
                    self._conn.execute(f"ALTER TABLE messages ADD COLUMN {name} {kind}")
        self._conn.executescript(_SCHEMA)

    def history(self, session_id: str, turns: int = 6) -> list[Turn]:
        """The last `turns` user/assistant messages of a session, oldest first."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT role, content FROM messages WHERE session_id=? "
                "ORDER BY created_at DESC LIMIT ?",
                (session_id, turns * 2),
            ).fetchall()
        return [Turn(role=role, content=content) for role, content in reversed(rows)]

    def record(
        self,
        question: str,
        response: ChatResponse,
        latency_ms: float | None = None,
        at: float | None = None,
    ) -> None:
        """Store a question and the answer it got (with its sources, latency and flags).

        `at` (epoch seconds) backdates the turn (for imports and benchmarks).
        """
        now = time.time() if at is None else at
        sources = json.dumps([s.model_dump() for s in response.sources], ensure_ascii=False)
        insert = f"INSERT INTO messages ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
        user = (new_id(), response.session_id, "user", question)
        answer = (response.message_id, response.session_id, "assistant", response.answer)
        with self._lock:
            self._conn.execute("BEGIN")
            self._conn.execute(insert, (*user, None, None, None, None, now, None, None))
            self._conn.execute(
                insert,
                (
                    *answer,
                    question,
                    sources,
                    int(response.grounded),
                    int(response.degraded),
                    now + 1e-6,
                    None if latency_ms is None else round(latency_ms, 1),
                    int(response.curated),
                ),
            )
            self._conn.execute("COMMIT")
        self.maybe_prune()

    def maybe_prune(self, force: bool = False) -> int:
        """Prune expired conversations when the last prune is older than `PRUNE_INTERVAL_S`."""
        if self.retention_days is None:
            return 0
        now = time.time()
        if not force and now - self._pruned_at < PRUNE_INTERVAL_S:
            return 0
        self._pruned_at = now
        return self.prune(now - self.retention_days * DAY_S)

    def prune(self, before: float) -> int:
        """Delete messages (and their feedback) older than `before`; returns messages deleted."""
        return self._delete_messages("created_at < ?", before)

    def delete_session(self, session_id: str) -> int:
        """Delete a session's messages and their feedback; returns messages deleted."""
        return self._delete_messages("session_id = ?", session_id)

    def _delete_messages(self, where: str, value: float | str) -> int:
        """Delete the messages matching `where` with their feedback and orphaned vectors."""
        with self._lock:
            self._conn.execute("BEGIN")
            self._conn.execute(
                f"DELETE FROM feedback WHERE message_id IN (SELECT id FROM messages WHERE {where})",
                (value,),
            )
            deleted = self._conn.execute(f"DELETE FROM messages WHERE {where}", (value,)).rowcount
            if deleted:
                self._conn.execute(_ORPHAN_VECTORS)
            self._conn.execute("COMMIT")
        return int(deleted)

    def question_vectors(self, keys: list[str], model: str) -> dict[str, bytes]:
        """Stored vectors (float32 bytes) of question keys, computed by `model`."""
        out: dict[str, bytes] = {}
        with self._lock:
            for i in range(0, len(keys), _SQL_BATCH):
                part = keys[i : i + _SQL_BATCH]
                marks = ",".join("?" * len(part))
                out.update(
                    self._conn.execute(
                        "SELECT question_key, vector FROM question_vectors "
                        f"WHERE model=? AND question_key IN ({marks})",
                        (model, *part),
                    ).fetchall()
                )
        return out

    def put_question_vectors(self, vectors: dict[str, bytes], model: str) -> None:
        """Keep question vectors (kept only while their question is stored)."""
        with self._lock:
            self._conn.executemany(
                "INSERT OR REPLACE INTO question_vectors VALUES (?,?,?)",
                [(key, model, blob) for key, blob in vectors.items()],
            )

    def add_feedback(
        self, message_id: str, rating: str, comment: str | None = None, at: float | None = None
    ) -> bool:
        """Attach a rating to an answer; False when there is no such answer."""
        with self._lock:
            row = self._conn.execute(
                "SELECT 1 FROM messages WHERE id=? AND role='assistant'", (message_id,)
            ).fetchone()
            if row is None:
                return False
            self._conn.execute(
                "INSERT INTO feedback VALUES (?,?,?,?)",
                (message_id, rating, comment, time.time() if at is None else at),
            )
        return True

    def export_feedback(self) -> list[dict[str, Any]]:
        """Every rating with the question, answer and sources it rates, newest first."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT f.message_id, m.session_id, f.rating, f.comment, f.created_at, "
                "m.question, m.content, m.sources FROM feedback f "
                "JOIN messages m ON m.id = f.message_id ORDER BY f.created_at DESC"
            ).fetchall()
        keys = (
            "message_id",
            "session_id",
            "rating",
            "comment",
            "created_at",
            "question",
            "answer",
            "sources",
        )
        out = []
        for row in rows:
            item = dict(zip(keys, row, strict=True))
            item["sources"] = json.loads(item["sources"] or "[]")
            out.append(item)
        return out
