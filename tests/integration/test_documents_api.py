"""Document administration over HTTP: list, upload (answerable at once), delete, auth, limits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.integration.server import ADMIN, ADMIN_TOKEN, RunningServer

pytestmark = pytest.mark.integration

LAKESIDE = b"""---
title: Lakeside Robotics Training Base opens
date: 2026-09-01
language: en
type: news
region: Lakeside
---

The Lakeside Robotics Training Base opened on 2026-09-01 with 42 workstations. It was built
jointly by Lakeside Vocational College and Heron Automation Ltd. Students of the industrial
robotics programme train there for one semester.
"""
QUESTION = "When did the Lakeside Robotics Training Base open and how many workstations has it?"


def upload(client: httpx.Client, *files: tuple[str, bytes], headers: Any = None) -> httpx.Response:
    parts = [("files", (name, data, "application/octet-stream")) for name, data in files]
    return client.post("/api/documents", files=parts, headers=ADMIN if headers is None else headers)


def listed(client: httpx.Client) -> dict[str, dict[str, Any]]:
    response = client.get("/api/documents")
    assert response.status_code == 200
    return {d["id"]: d for d in response.json()["documents"]}


def cited(client: httpx.Client, question: str) -> tuple[set[str], str]:
    data = client.post("/api/chat", json={"message": question}).json()
    return {s["id"] for s in data["sources"]}, data["answer"]


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> None:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["message"] and (code is None or error["code"] == code), error
    assert "Traceback" not in response.text and "/work/" not in response.text


def test_list_documents(client: httpx.Client) -> None:
    docs = listed(client)
    doc = docs["news-nanhai-industry-education-alliance"]
    assert set(doc) >= {"id", "title", "language", "type", "date", "chunks", "ingested_at"}
    assert doc["chunks"] > 0 and doc["title"] and doc["language"] == "en"
    assert docs["policy-2022-vocational-education-law-zh"]["language"] == "zh"


def test_upload_is_answerable_at_once_then_deleted(client: httpx.Client) -> None:
    response = upload(client, ("lakeside-robotics.md", LAKESIDE))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["added"] == 1 and body["errors"] == []
    assert body["files"] == [
        {
            "file": "lakeside-robotics.md",
            "id": "lakeside-robotics",
            "status": "added",
            "error": None,
        }
    ]
    assert body["documents"] >= 15 and body["chunks"] > 0
    assert listed(client)["lakeside-robotics"]["title"] == "Lakeside Robotics Training Base opens"

    ids, answer = cited(client, QUESTION)
    assert "lakeside-robotics" in ids and "42" in answer

    again = upload(client, ("lakeside-robotics.md", LAKESIDE)).json()
    assert again["unchanged"] == 1 and again["files"][0]["status"] == "unchanged"

    deleted = client.delete("/api/documents/lakeside-robotics", headers=ADMIN)
    assert deleted.status_code == 200 and deleted.json() == {"deleted": "lakeside-robotics"}
    assert "lakeside-robotics" not in listed(client)
    ids, answer = cited(client, QUESTION)
    assert "lakeside-robotics" not in ids and "42 workstations" not in answer
    assert_error(client.delete("/api/documents/lakeside-robotics", headers=ADMIN), 404)


def test_delete_unknown_is_404(client: httpx.Client) -> None:
    assert_error(client.delete("/api/documents/no/such/doc", headers=ADMIN), 404)


def test_writes_need_the_token(client: httpx.Client) -> None:
    files = ("auth.md", b"# Auth\n\nBody text.")
    for headers in (
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": ADMIN_TOKEN},
        {"Authorization": f"Basic {ADMIN_TOKEN}"},
    ):
        assert_error(upload(client, files, headers=headers), 401, "unauthorized")
        response = client.delete(
            "/api/documents/news-nanhai-industry-education-alliance", headers=headers
        )
        assert_error(response, 401, "unauthorized")
    assert "news-nanhai-industry-education-alliance" in listed(client)
    assert "auth" not in listed(client)


def test_too_many_files_is_413(client: httpx.Client) -> None:
    files = [(f"f{i}.md", b"# F\n\ntext") for i in range(4)]
    assert_error(upload(client, *files), 413, "too_many_files")


@pytest.mark.parametrize("size", [250_000, 700_000])
def test_too_big_is_413(client: httpx.Client, size: int) -> None:
    assert_error(upload(client, ("big.md", b"# Big\n\n" + b"a" * size)), 413)
    assert "big" not in listed(client)


@pytest.mark.parametrize("name", ["tool.exe", "notes", "archive.md.zip"])
def test_unsupported_type_is_415(client: httpx.Client, name: str) -> None:
    assert_error(upload(client, (name, b"MZ\x00\x01")), 415, "unsupported_type")


def test_no_files_is_422(client: httpx.Client) -> None:
    response = client.post("/api/documents", headers=ADMIN, data={"other": "x"})
    assert_error(response, 422, "no_files")


def test_unreadable_file_gives_per_file_error(client: httpx.Client) -> None:
    bad = ("broken.pdf", b"%PDF-1.4 this is not really a pdf")
    only_bad = upload(client, bad)
    assert_error(only_bad, 422, "ingest_failed")
    assert only_bad.json()["files"][0]["status"] == "error"
    mixed = upload(client, bad, ("fine-note.md", b"# Fine note\n\nThe canteen opens at 7."))
    assert mixed.status_code == 200, mixed.text
    status = {f["id"]: f["status"] for f in mixed.json()["files"]}
    assert status == {"broken": "error", "fine-note": "added"}
    assert "broken.pdf" in mixed.json()["files"][0]["error"]
    assert client.delete("/api/documents/fine-note", headers=ADMIN).status_code == 200


def test_path_traversal_name_is_sanitized(server: RunningServer, client: httpx.Client) -> None:
    outside = server.data_dir.parent
    before = {p.name for p in outside.iterdir()}
    uploads = server.data_dir / "uploads"
    kept_before = {p.name for p in uploads.iterdir()} if uploads.exists() else set()
    names = [
        "../../etc/passwd.md",
        "..\\..\\windows\\win.ini.md",
        "/abs/olute.md",
        "ctrl\x07char.md",
    ]
    files = []
    for part in (names[:2], names[2:]):
        response = upload(client, *[(n, f"# {n!r}\n\nSafe text.".encode()) for n in part])
        assert response.status_code == 200, response.text
        files += response.json()["files"]
    ids = [f["id"] for f in files]
    assert ids[:3] == ["passwd", "win.ini", "olute"]
    assert ids[3] in ("ctrlchar", "ctrl-07char")  # httpx sends the BEL as %07
    assert all("/" not in f["file"] and ".." not in f["file"] for f in files)
    assert all(ch.isprintable() for f in files for ch in f["file"])
    assert {p.name for p in outside.iterdir()} == before
    for path in server.data_dir.rglob("*"):
        assert path.resolve().is_relative_to(server.data_dir.resolve())
        assert "passwd" not in path.name and "win.ini" not in path.name
    saved = [  # this test's copies (the shared server keeps other tests' uploads too)
        p for p in uploads.iterdir() if p.name != "manifest.json" and p.name not in kept_before
    ]
    assert len(saved) == 4 and all(len(p.stem) == 64 and p.suffix == ".md" for p in saved)
    assert not Path("/etc/passwd.md").exists()
    for doc_id in ids:
        assert client.delete(f"/api/documents/{doc_id}", headers=ADMIN).status_code == 200
    left = [p for p in uploads.iterdir() if p.name != "manifest.json"]
    assert {p.name for p in left}.isdisjoint(p.name for p in saved)  # copies go with them
