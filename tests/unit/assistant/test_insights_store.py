"""Retention, session deletion, time ranges, grouping by meaning, curated generations."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.conversations import DAY_S, ConversationStore
from assistant.curated import CuratedInput, CuratedStore
from assistant.insights import TimeRange, group_by_meaning
from assistant.schemas import ChatResponse


def response(session: str, message_id: str, grounded: bool = True) -> ChatResponse:
    return ChatResponse(answer="a", grounded=grounded, session_id=session, message_id=message_id)


def test_expired_conversations_are_pruned_with_their_feedback(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    store = ConversationStore(path)
    old = time.time() - 200 * DAY_S
    store.record("old question", response("session-old", "m-old"), 10.0, at=old)
    store.add_feedback("m-old", "down", at=old)
    store.record("new question", response("session-new", "m-new"), 12.5)
    reopened = ConversationStore(path, retention_days=180)  # prunes when opened
    assert reopened.history("session-old") == []
    assert [t.content for t in reopened.history("session-new")] == ["new question", "a"]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM feedback").fetchone()[0] == 0
        row = conn.execute("SELECT latency_ms, curated FROM messages WHERE id='m-new'").fetchone()
    assert row == (12.5, 0)


def test_no_client_address_column(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    ConversationStore(path)
    with sqlite3.connect(path) as conn:
        columns = {
            r[1] for t in ("messages", "feedback") for r in conn.execute(f"PRAGMA table_info({t})")
        }
    assert not {c for c in columns if "ip" in c.split("_") or "addr" in c or "client" in c}


def test_an_older_database_gets_the_new_columns(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute(
            "CREATE TABLE messages (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, role TEXT "
            "NOT NULL, content TEXT NOT NULL, question TEXT, sources TEXT, grounded INTEGER, "
            "degraded INTEGER, created_at REAL NOT NULL)"
        )
    store = ConversationStore(path)
    store.record("q", response("session-1", "m-1"), 5.0)
    assert len(store.history("session-1")) == 2


def test_delete_session_removes_only_that_session(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "c.sqlite3")
    store.record("q1", response("session-a", "m-a"))
    store.record("q2", response("session-b", "m-b"))
    store.add_feedback("m-a", "up")
    assert store.delete_session("session-a") == 2
    assert store.delete_session("session-a") == 0
    assert store.history("session-a") == [] and len(store.history("session-b")) == 2
    assert not store.add_feedback("m-a", "up")


def test_time_range_parsing() -> None:
    span = TimeRange.parse("2026-01-01", "2026-01-31")
    assert span.until - span.since == 31 * DAY_S  # `until` as a date includes that day
    assert TimeRange.parse("2026-01-01T12:00:00+08:00", "1767300000").since == 1767240000.0
    with pytest.raises(ValueError):
        TimeRange.parse("yesterday")
    with pytest.raises(ValueError):
        TimeRange.parse("2026-02-01", "2026-01-01")
    default = TimeRange.parse()
    assert default.until - default.since == pytest.approx(30 * DAY_S)


def test_group_by_meaning_joins_similar_and_orders_by_count() -> None:
    vectors = np.array([[1.0, 0.0], [0.99, 0.141], [0.0, 1.0], [0.6, 0.8]], dtype=np.float32)
    groups = group_by_meaning(vectors, [1, 5, 4, 1], threshold=0.95)
    assert groups == [[1, 0], [2], [3]]


def test_a_write_in_one_process_bumps_the_generation_another_reads(tmp_path: Path) -> None:
    one, two = CuratedStore(tmp_path / "k.sqlite3"), CuratedStore(tmp_path / "k.sqlite3")
    assert two.generation == 0
    made = one.create(CuratedInput(question="q?", answer="a", paraphrases=["q", "q?"]))
    assert two.generation == 1 and two.get(made.id) is not None
    assert made.variants() == ["q?", "q"]
    assert two.update("missing", CuratedInput(question="x", answer="y")) is None
    assert two.generation == 1  # no change, no bump
    assert two.delete(made.id) and one.generation == 2 and one.list() == []


def test_a_gaps_questions_join_a_curated_answers_paraphrases_once(tmp_path: Path) -> None:
    store = CuratedStore(tmp_path / "k.sqlite3")
    made = store.create(CuratedInput(question="When is the library open?", answer="9-21"))
    found = store.add_paraphrases(
        made.id, ["library hours?", " library hours? ", "When is the library open?", ""]
    )
    assert found is not None
    stored, added = found
    assert added == 1 and stored.paraphrases == ["library hours?"]
    assert store.add_paraphrases(made.id, ["library hours?"]) == (stored, 0)  # nothing new
    assert store.add_paraphrases("missing", ["x"]) is None
    full = store.create(
        CuratedInput(question="q", answer="a", paraphrases=[f"p{i}" for i in range(20)])
    )
    assert store.add_paraphrases(full.id, ["one more"]) == (full, 0)  # no room left
