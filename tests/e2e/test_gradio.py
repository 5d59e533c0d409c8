"""The Gradio app at `/ui`: in a real Chromium and through `gradio_client`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

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
from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_widget import NANHAI, xss_fact  # noqa: F401 - shared fixture
from tests.integration.server import ADMIN_TOKEN, RunningServer

PDF_ID, DOCX_ID = "kestrel-ui-welding-report", "kestrel-ui-apprenticeship"

BOT = "#vca-chatbot [data-testid='bot']"


def ask_ui(page: Any, base_url: str, question: str) -> str:
    """Ask in the Chat tab and return the text of the finished answer."""
    page.goto(f"{base_url}/ui/")
    box = page.locator("#vca-question textarea")
    box.fill(question)
    box.press("Enter")
    page.locator("#vca-sources").filter(has_text="[1]").wait_for(timeout=90_000)
    text: str = page.locator(BOT).last.inner_text()
    return text


def test_chat_in_browser(page: Any, base_url: str) -> None:
    answer = ask_ui(page, base_url, NANHAI)
    assert "76" in answer, answer
    assert "[1]" in answer
    sources = page.locator("#vca-sources").inner_text()
    assert "Nanhai" in sources, sources
    page.locator("#vca-up").click()
    page.locator("#vca-rated").filter(has_text="Thanks").wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "gradio-chat.png"))


def test_html_answer_is_text(page: Any, base_url: str, xss_fact: str) -> None:  # noqa: F811
    answer = ask_ui(
        page, base_url, "What is the access code of the Riverside robotics training lab?"
    )
    assert xss_fact in answer, answer
    assert "<img" in answer, answer
    assert page.locator("#vca-chatbot img[src='x']").count() == 0
    assert page.locator("#vca-sources img").count() == 0
    assert "<img" in page.locator("#vca-sources").inner_text()
    assert page.evaluate("typeof window.__xss") == "undefined"


def test_gradio_client_chat(base_url: str) -> None:
    from gradio_client import Client

    client = Client(f"{base_url}/ui/", verbose=False)
    answer = client.predict(NANHAI, api_name="/chat")
    assert isinstance(answer, str) and "76" in answer, answer


def test_admin_upload_delete_and_feedback(
    page: Any, base_url: str, server: RunningServer, tmp_path: Path
) -> None:
    """A PDF and a Word file uploaded in the Admin tab are answerable at once (the PDF's
    source with its page); deleted there, the same questions are refused and BM25 forgets them.
    """
    facts = Facts.fresh()
    pdf, docx = tmp_path / f"{PDF_ID}.pdf", tmp_path / f"{DOCX_ID}.docx"
    pdf.write_bytes(report_pdf(facts))
    docx.write_bytes(agreement_docx(facts))
    page.goto(f"{base_url}/ui/")
    page.get_by_role("tab", name="Admin").click()
    page.locator("#vca-token input").fill("wrong-token")
    page.locator("#vca-upload input[type='file']").set_input_files([str(pdf), str(docx)])
    page.get_by_role("button", name="Ingest files").click()
    page.get_by_text("Invalid admin token.").wait_for()
    with httpx.Client(base_url=base_url, timeout=120) as client:
        assert PDF_ID not in {d["id"] for d in client.get("/api/documents").json()["documents"]}

        page.locator("#vca-token input").fill(ADMIN_TOKEN)
        page.get_by_role("button", name="Ingest files").click()
        page.get_by_text(f"Ingested: {PDF_ID}, {DOCX_ID}. Added 2").wait_for(timeout=90_000)
        questions = facts.questions(PDF_ID, DOCX_ID)
        for question, doc_id, fact, source_page in questions:
            assert_answered(ask(client, question), doc_id, fact, source_page)
        page.get_by_role("button", name="Load feedback").click()
        page.get_by_text("ratings.").wait_for()

        for doc_id in (PDF_ID, DOCX_ID):
            page.get_by_label("Document id to delete").fill(doc_id)
            page.get_by_role("button", name="Delete document").click()
            page.get_by_text(f"Deleted {doc_id}.").wait_for()
        for query in BM25_QUERIES:
            hits = lexical_hits(server.data_dir, query)
            assert not any(h.startswith((f"{PDF_ID}::", f"{DOCX_ID}::")) for h in hits), hits
        for question, doc_id, fact, _ in questions:
            assert_refused(ask(client, question), doc_id, fact)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "gradio-admin.png"), full_page=True)
