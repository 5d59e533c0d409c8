"""Conversations, answers, sources and feedback, stored in SQLite under the data directory."""

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
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_session ON messages(session_id, created_at);
CREATE TABLE IF NOT EXISTS feedback (
    message_id TEXT NOT NULL,
    rating TEXT NOT NULL,
    comment TEXT,
    created_at REAL NOT NULL
);
"""


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

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.executescript(_SCHEMA)
        self._lock = threading.Lock()

    def history(self, session_id: str, turns: int = 6) -> list[Turn]:
        """The last `turns` user/assistant messages of a session, oldest first."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT role, content FROM messages WHERE session_id=? "
                "ORDER BY created_at DESC LIMIT ?",
                (session_id, turns * 2),
            ).fetchall()
        return [Turn(role=role, content=content) for role, content in reversed(rows)]

    def record(self, question: str, response: ChatResponse) -> None:
        """Store a question and the answer it got (with its sources)."""
        now = time.time()
        sources = json.dumps([s.model_dump() for s in response.sources], ensure_ascii=False)
        with self._lock:
            self._conn.execute("BEGIN")
            self._conn.execute(
                "INSERT INTO messages VALUES (?,?,?,?,?,?,?,?,?)",
                (new_id(), response.session_id, "user", question, None, None, None, None, now),
            )
            self._conn.execute(
                "INSERT INTO messages VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    response.message_id,
                    response.session_id,
                    "assistant",
                    response.answer,
                    question,
                    sources,
                    int(response.grounded),
                    int(response.degraded),
                    now + 1e-6,
                ),
            )
            self._conn.execute("COMMIT")

    def add_feedback(self, message_id: str, rating: str, comment: str | None = None) -> bool:
        """Attach a rating to an answer; False when there is no such answer."""
        with self._lock:
            row = self._conn.execute(
                "SELECT 1 FROM messages WHERE id=? AND role='assistant'", (message_id,)
            ).fetchone()
            if row is None:
                return False
            self._conn.execute(
                "INSERT INTO feedback VALUES (?,?,?,?)", (message_id, rating, comment, time.time())
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
