"""A restart keeps what users did: uploads, deletions, sessions and feedback.

One server on a copy of the ingested shipped corpus: upload two documents (a Word file and
a Markdown note), delete one, converse (a follow-up that only the session's history makes
answerable) and give feedback. Then stop it with SIGTERM, start it again on the same
folder, check; kill it with SIGKILL, start it again, check. Each time `/readyz` is ready
and everything is as it was.
"""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.documents import Facts, agreement_docx
from tests.integration.server import ADMIN, ADMIN_TOKEN, RunningServer, copy_of_corpus, run_server

pytestmark = [pytest.mark.integration, pytest.mark.slow]

KEPT, DELETED = "mapleford-agreement", "lakeside-robotics"
LAKESIDE = b"""---
title: Lakeside Robotics Training Base opens
language: en
type: news
---

The Lakeside Robotics Training Base opened on 2026-09-01 with 42 workstations. Students of
the industrial robotics programme train there for one semester.
"""
LAKESIDE_QUESTION = "How many workstations has the Lakeside Robotics Training Base?"
# A follow-up that names nothing: only the session's first question makes it answerable.
FOLLOW_UP = "Where do they work?"


def env() -> dict[str, str]:
    return {"VCA_ADMIN_TOKEN": ADMIN_TOKEN, "VCA_RATE_LIMIT_PER_MINUTE": "0"}


def chat(client: httpx.Client, message: str, session_id: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"message": message}
    if session_id:
        body["session_id"] = session_id
    response = client.post("/api/chat", json=body)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def cites(data: dict[str, Any], doc_id: str) -> bool:
    return any(s["id"] == doc_id for s in data["sources"])


def state(client: httpx.Client, facts: Facts, session_id: str) -> dict[str, Any]:
    """What users can observe: documents, answers, a session's follow-up, feedback.

    Each session's follow-up is asked once (every turn is recorded, and a follow-up carries
    only the last questions), so each check uses a session not asked before.
    """
    ready = client.get("/readyz")
    assert ready.status_code == 200, ready.text
    kept = chat(client, facts.docx_question)
    deleted = chat(client, LAKESIDE_QUESTION)
    follow_up = chat(client, FOLLOW_UP, session_id)
    feedback = client.get("/api/feedback", headers=ADMIN).json()["feedback"]
    return {
        "ready": ready.json(),
        "documents": sorted(
            (d["id"], d["title"], d["chunks"])
            for d in client.get("/api/documents").json()["documents"]
        ),
        "kept answered": kept["grounded"] and str(facts.stipend) in kept["answer"],
        "kept cited": cites(kept, KEPT),
        # Gone: never cited, its fact nowhere (another document may still be quoted).
        "deleted gone": not cites(deleted, DELETED) and "42 workstations" not in deleted["answer"],
        "follow-up in the session cites its document": cites(follow_up, KEPT),
        "feedback": sorted((f["message_id"], f["rating"], f["comment"]) for f in feedback),
    }


def start(data: Path) -> Any:
    return run_server(data, **env())


@pytest.mark.timeout(900)
def test_uploads_deletions_sessions_and_feedback_survive_restarts() -> None:
    facts = Facts.fresh()
    data = copy_of_corpus("restart")
    with start(data) as server, server.client() as client:
        files = [
            ("files", (f"{KEPT}.docx", agreement_docx(facts), "application/octet-stream")),
            ("files", (f"{DELETED}.md", LAKESIDE, "text/markdown")),
        ]
        uploaded = client.post("/api/documents", files=files, headers=ADMIN)
        assert uploaded.status_code == 200 and uploaded.json()["added"] == 2, uploaded.text
        assert cites(chat(client, LAKESIDE_QUESTION), DELETED)
        assert client.delete(f"/api/documents/{DELETED}", headers=ADMIN).status_code == 200

        # One session per check (now, after SIGTERM, after SIGKILL), each opened here.
        sessions = []
        for _ in range(3):
            first = chat(client, facts.docx_question)
            assert cites(first, KEPT), first
            sessions.append(first["session_id"])
        rating = {"message_id": first["message_id"], "rating": "down", "comment": "too short"}
        assert client.post("/api/feedback", json=rating).status_code == 201
        # Without the session the follow-up is not about the agreement: history matters.
        assert not cites(chat(client, FOLLOW_UP), KEPT)
        before = state(client, facts, sessions[0])
        assert KEPT in dict((d[0], d) for d in before["documents"])
        for key in ("kept answered", "kept cited", "deleted gone"):
            assert before[key], (key, before)
        assert before["follow-up in the session cites its document"], before
        assert len(before["feedback"]) == 1, before
        kill_and_wait(server, signal.SIGTERM)

    for how, session_id in zip((signal.SIGTERM, signal.SIGKILL), sessions[1:], strict=True):
        with start(data) as server, server.client() as client:
            after = state(client, facts, session_id)
            assert after == before, f"after {how.name}: {after} != {before}"
            kill_and_wait(server, how)


def kill_and_wait(server: RunningServer, how: signal.Signals) -> None:
    """Stop the server with `how` and wait for the process to end."""
    server.process.send_signal(how)
    server.process.wait(60)
