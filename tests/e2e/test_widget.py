"""The embeddable widget on `/demo` in a real Chromium against a real server."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import ARTIFACTS
from tests.integration.server import ADMIN

NANHAI = "How many companies are in the Nanhai District Industry-Education Alliance?"
HOST = "#vca-widget-host"


def open_widget(page: Any, base_url: str) -> None:
    """Load the demo page and open the chat panel."""
    page.goto(f"{base_url}/demo")
    page.locator(f"{HOST} .vca-launcher").click()
    page.locator(f"{HOST} .vca-panel").wait_for(state="visible")


def ask(page: Any, question: str) -> Any:
    """Type `question`, press Enter, and return the finished assistant message."""
    before = page.locator(f"{HOST} .vca-assistant[data-state='done']").count()
    box = page.locator(f"{HOST} .vca-input")
    box.fill(question)
    box.press("Enter")
    done = page.locator(f"{HOST} .vca-assistant[data-state='done']")
    page.wait_for_function(
        """([sel, n]) => {
            const root = document.querySelector('#vca-widget-host').shadowRoot;
            return root.querySelectorAll(sel).length > n;
        }""",
        arg=[".vca-assistant[data-state='done']", before],
        timeout=90_000,
    )
    return done.nth(before)


def test_answer_citation_feedback_and_reload(page: Any, base_url: str) -> None:
    open_widget(page, base_url)
    message = ask(page, NANHAI)
    assert "76" in message.locator(".vca-answer").inner_text()
    cite = message.locator(".vca-cite").first
    cite.click()
    source = message.locator(".vca-source:not([hidden])").first
    source.wait_for(state="visible")
    assert source.locator(".vca-source-snippet").inner_text().strip()

    message.locator(".vca-feedback-up").click()
    status = message.locator(".vca-feedback-status")
    status.filter(has_text="Thanks").wait_for()
    stored = httpx.get(f"{base_url}/api/feedback", headers=ADMIN, timeout=30).json()["feedback"]
    assert any(f["rating"] == "up" and f["question"] == NANHAI for f in stored), stored

    cite.click()  # fold the source box again so the screenshot shows the answer
    message.locator(".vca-answer").scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "widget-desktop.png"
    page.screenshot(path=str(shot))

    page.reload()
    page.locator(f"{HOST} .vca-panel").wait_for(state="visible")  # it stays open
    page.locator(f"{HOST} .vca-user", has_text=NANHAI).wait_for()
    again = page.locator(f"{HOST} .vca-assistant[data-state='done']").last
    assert "76" in again.locator(".vca-answer").inner_text()
    assert again.locator(".vca-feedback-status").inner_text().startswith("Thanks")
    assert page.js_errors == []


def test_phone_viewport_fits(page: Any, base_url: str) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    open_widget(page, base_url)
    ask(page, NANHAI)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, width
    box = page.locator(f"{HOST} .vca-panel").bounding_box()
    assert box is not None and box["width"] <= 375 and box["x"] >= 0, box
    assert box["x"] + box["width"] <= 375, box
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "widget-phone.png"
    page.screenshot(path=str(shot))


@pytest.fixture(scope="module")
def xss_fact(base_url: str) -> str:
    """Upload a document whose text carries an HTML payload next to a unique fact."""
    code = uuid.uuid4().hex[:6].upper()
    name = f"xss-probe-{code.lower()}.md"
    text = (
        "---\ntitle: Riverside <b>Robotics</b> Lab notice\nlanguage: en\ntype: news\n---\n\n"
        f"The Riverside robotics training lab has access code ZQX-{code} for visiting interns. "
        '<img src=x onerror="window.__xss=1"> The Riverside robotics training lab '
        f"access code ZQX-{code} is posted at the entrance.\n"
    )
    response = httpx.post(
        f"{base_url}/api/documents",
        headers=ADMIN,
        files=[("files", (name, text.encode(), "text/markdown"))],
        timeout=120,
    )
    assert response.status_code == 200, response.text
    return code


def test_html_in_documents_is_shown_as_text(page: Any, base_url: str, xss_fact: str) -> None:
    open_widget(page, base_url)
    message = ask(page, "What is the access code of the Riverside robotics training lab?")
    answer = message.locator(".vca-answer").inner_text()
    assert xss_fact in answer, answer
    for cite in message.locator(".vca-cite").all():
        cite.click()
    snippets = " ".join(message.locator(".vca-source-snippet").all_inner_texts())
    assert "<img" in answer + snippets, (answer, snippets)
    assert message.locator("img").count() == 0
    assert page.evaluate("typeof window.__xss") == "undefined"
