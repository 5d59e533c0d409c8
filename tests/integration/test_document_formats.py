"""A valid PDF (English and Chinese pages) and a Word file through `POST /api/documents`:
answerable at once (the PDF's source names its page), then deleted: refused again, and gone
from the BM25 index itself (which the API cannot show: hybrid search drops stale BM25 hits).
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.documents import Facts, agreement_docx, lexical_hits, report_pdf
from tests.integration.server import ADMIN, RunningServer

pytestmark = pytest.mark.integration

PDF_ID, DOCX_ID = "qingshi-welding-report", "mapleford-apprenticeship"
BM25_QUERIES = ("Qingshi Harbour welding booths", "青石港焊接实训基地学徒", "Mapleford stipend")


def ask(client: httpx.Client, question: str) -> dict[str, Any]:
    response = client.post("/api/chat", json={"message": question})
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def from_doc(data: dict[str, Any], doc_id: str) -> list[dict[str, Any]]:
    """The sources of an answer that come from `doc_id`."""
    return [s for s in data["sources"] if s["id"] == doc_id]


def assert_answered(data: dict[str, Any], doc_id: str, fact: int, page: int | None) -> None:
    """Grounded in `doc_id`, the fact in the answer, the cited source on `page` (PDF)."""
    assert data["grounded"] is True, data
    assert str(fact) in data["answer"], data["answer"]
    sources = from_doc(data, doc_id)
    assert sources, data["sources"]
    if page is not None:
        assert any(s["page"] == page for s in sources), sources


def assert_refused(data: dict[str, Any], doc_id: str, fact: int) -> None:
    """Refused: not grounded, the fact nowhere, no source from the deleted document."""
    assert data["grounded"] is False, data
    assert str(fact) not in data["answer"], data["answer"]
    assert from_doc(data, doc_id) == [], data["sources"]


def test_pdf_and_docx_answerable_at_once_then_refused_after_delete(
    server: RunningServer, client: httpx.Client
) -> None:
    facts = Facts.fresh()
    files = [
        ("files", (f"{PDF_ID}.pdf", report_pdf(facts), "application/pdf")),
        ("files", (f"{DOCX_ID}.docx", agreement_docx(facts), "application/octet-stream")),
    ]
    response = client.post("/api/documents", files=files, headers=ADMIN)
    assert response.status_code == 200, response.text
    status = {f["id"]: f["status"] for f in response.json()["files"]}
    assert status == {PDF_ID: "added", DOCX_ID: "added"}, response.json()
    listed = {d["id"]: d for d in client.get("/api/documents").json()["documents"]}
    assert listed[PDF_ID]["title"] == "Qingshi Harbour welding training base annual report"
    assert listed[DOCX_ID]["title"] == "Mapleford cold-chain logistics apprenticeship agreement"

    questions = [
        (facts.pdf_question_en, PDF_ID, facts.booths, 2),
        (facts.pdf_question_zh, PDF_ID, facts.trainees, 3),
        (facts.docx_question, DOCX_ID, facts.stipend, None),
    ]
    for question, doc_id, fact, page in questions:
        assert_answered(ask(client, question), doc_id, fact, page)
    for query in BM25_QUERIES:
        hits = lexical_hits(server.data_dir, query)
        assert any(h.startswith((f"{PDF_ID}::", f"{DOCX_ID}::")) for h in hits), (query, hits)

    for doc_id in (PDF_ID, DOCX_ID):
        deleted = client.delete(f"/api/documents/{doc_id}", headers=ADMIN)
        assert deleted.status_code == 200, deleted.text
    for question, doc_id, fact, _ in questions:
        assert_refused(ask(client, question), doc_id, fact)
    for query in BM25_QUERIES:
        hits = lexical_hits(server.data_dir, query)
        assert not any(h.startswith((f"{PDF_ID}::", f"{DOCX_ID}::")) for h in hits), hits
