"""A valid PDF (English and Chinese pages) and a Word file through `POST /api/documents`:
answerable at once (the PDF's source names its page), then deleted: refused again, and gone
from the BM25 index itself (which the API cannot show: hybrid search drops stale BM25 hits).
"""

from __future__ import annotations

import httpx
import pytest

from tests.documents import (
    BM25_QUERIES,
    Facts,
    agreement_docx,
    ask,
    assert_answered,
    assert_refused,
    lexical_hits,
    report_pdf,
)
from tests.integration.server import ADMIN, RunningServer

pytestmark = pytest.mark.integration

PDF_ID, DOCX_ID = "qingshi-welding-report", "mapleford-apprenticeship"


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

    questions = facts.questions(PDF_ID, DOCX_ID)
    for question, doc_id, fact, page in questions:
        assert_answered(ask(client, question), doc_id, fact, page)
    for query in BM25_QUERIES:
        hits = lexical_hits(server.data_dir, query)
        assert any(h.startswith((f"{PDF_ID}::", f"{DOCX_ID}::")) for h in hits), (query, hits)

    for doc_id in (PDF_ID, DOCX_ID):
        deleted = client.delete(f"/api/documents/{doc_id}", headers=ADMIN)
        assert deleted.status_code == 200, deleted.text
    for query in BM25_QUERIES:
        hits = lexical_hits(server.data_dir, query)
        assert not any(h.startswith((f"{PDF_ID}::", f"{DOCX_ID}::")) for h in hits), hits
    for question, doc_id, fact, _ in questions:
        assert_refused(ask(client, question), doc_id, fact)
