"""Several server processes (`VCA_WORKERS`): each answers, and they share the data folder.

A server started with two workers runs two worker processes under uvicorn's supervisor;
questions are answered whichever worker takes them, and a document uploaded through one
connection is found through fresh connections (the catalog's generation tells every worker).
"""

from __future__ import annotations

import psutil
import pytest

from tests.integration.server import ADMIN, ADMIN_TOKEN, copy_of_corpus, run_server

pytestmark = [pytest.mark.integration, pytest.mark.slow]

NOTE = b"""---
title: Harbourside Welding Academy opens its training base
language: en
type: news
---

The Harbourside Welding Academy opened a welding training base with Qitara Shipyards,
which takes 48 apprentices each spring.
"""


def test_two_workers_answer_and_see_each_others_uploads() -> None:
    data = copy_of_corpus("workers")
    with run_server(data, VCA_WORKERS="2", VCA_ADMIN_TOKEN=ADMIN_TOKEN) as server:
        children = psutil.Process(server.process.pid).children(recursive=True)
        workers = [p for p in children if "spawn_main" in " ".join(p.cmdline())]
        assert len(workers) == 2
        assert "Assistant starting its workers" in server.log()  # not "ready" before they are
        question = {"message": "How many apprentices does Qitara Shipyards take each spring?"}
        with server.client() as client:
            before = client.post("/api/chat", json=question).json()
            assert before["grounded"] is False  # nobody has said so yet
            upload = client.post(
                "/api/documents",
                headers=ADMIN,
                files=[("files", ("harbourside.md", NOTE, "text/markdown"))],
            )
            assert upload.status_code == 200, upload.text
        answers = []
        for _ in range(6):  # new connections: the kernel hands them to either worker
            with server.client() as client:
                answers.append(client.post("/api/chat", json=question).json())
        assert all(a["grounded"] and "48" in a["answer"] for a in answers), answers
