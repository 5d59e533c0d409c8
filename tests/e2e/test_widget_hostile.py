"""The widget in a real Chromium shown hostile data: a `javascript:` source URL, and an LLM
answer made of HTML, a Markdown image and a script. Everything is shown as text, no link or
image is made of it, and nothing runs (`window.__xss` stays undefined, no request leaves).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.e2e.test_widget import ask, open_widget
from tests.integration.server import (
    ADMIN,
    ADMIN_TOKEN,
    RunningServer,
    copy_of_corpus,
    free_port,
    run_server,
)
from tests.reliability.fake_llm import FakeLLM

# What a compromised or confused LLM might answer: raw HTML, a Markdown image pointing at a
# tracker, a script, and a Markdown link with a `javascript:` target, around a real citation.
HOSTILE_REPLY = (
    'The alliance has 76 companies [1]. <img src=x onerror="window.__xss=1"> '
    "![tracker](http://127.0.0.1:9/pixel.png) <script>window.__xss=2</script> "
    "[click me](javascript:window.__xss=3) <b>bold</b>"
)
NANHAI = "How many companies are in the Nanhai District Industry-Education Alliance?"


@pytest.fixture(scope="module")
def llm_server() -> Iterator[tuple[RunningServer, FakeLLM]]:
    """A server answering with a fake LLM (on loopback) that returns `HOSTILE_REPLY`."""
    fake = FakeLLM(port=free_port())
    fake.start()
    fake.set("ok", reply=HOSTILE_REPLY)
    try:
        with run_server(
            copy_of_corpus("hostile-llm"),
            VCA_LLM_PROVIDER="openai",
            VCA_LLM_BASE_URL=fake.url,
            VCA_LLM_MODEL="fake-model",
            VCA_LLM_API_KEY="sk-fake",
            VCA_ADMIN_TOKEN=ADMIN_TOKEN,
            VCA_RATE_LIMIT_PER_MINUTE="0",
        ) as server:
            yield server, fake
    finally:
        fake.stop()


def no_script_ran(page: Any) -> None:
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.js_errors == []


def test_hostile_llm_answer_is_shown_as_text(page: Any, llm_server: Any) -> None:
    server, fake = llm_server
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    open_widget(page, server.base_url)
    message = ask(page, NANHAI)
    assert fake.requests, "the fake LLM was not asked"
    text = message.locator(".vca-answer").inner_text()
    for visible in ("<img src=x", "![tracker](", "<script>window.__xss=2</script>", "<b>bold</b>"):
        assert visible in text, text
    assert "76 companies" in text
    assert message.locator(".vca-cite").count() >= 1  # the real citation still works
    for tag in ("img", "script", "b", "a[href^='javascript']", "a[href*='pixel']"):
        assert message.locator(f".vca-answer {tag}").count() == 0, tag
    assert not any("pixel.png" in url for url in requested), requested
    no_script_ran(page)


@pytest.fixture(scope="module")
def url_probes(base_url: str) -> Iterator[dict[str, str]]:
    """Two documents with the same kind of fact: one with a `javascript:` URL, one with https."""
    code = uuid.uuid4().hex[:6].upper()
    urls = {"js": "javascript:window.__xss=4", "https": "https://college.example.edu.cn/notice"}
    docs = {}
    for kind, url in urls.items():
        doc_id = f"url-probe-{kind}-{code.lower()}"
        docs[kind] = doc_id
        text = (
            f'---\ntitle: Kestrel lab notice {kind}\nurl: "{url}"\nlanguage: en\n---\n\n'
            f"The Kestrel drone lab lends its {kind} flight simulator to students on "
            f"weekdays, booking code KST-{code}. The Kestrel drone lab opens at 8 am.\n"
        )
        response = httpx.post(
            f"{base_url}/api/documents",
            headers=ADMIN,
            files=[("files", (f"{doc_id}.md", text.encode(), "text/markdown"))],
            timeout=120,
        )
        assert response.status_code == 200, response.text
    yield docs
    for doc_id in docs.values():
        httpx.delete(f"{base_url}/api/documents/{doc_id}", headers=ADMIN, timeout=60)


def test_javascript_source_url_is_not_a_link(
    page: Any, base_url: str, url_probes: dict[str, str]
) -> None:
    chat = httpx.post(
        f"{base_url}/api/chat",
        json={"message": "What does the Kestrel drone lab lend to students?"},
        timeout=120,
    ).json()
    by_id = {s["id"]: s for s in chat["sources"]}
    assert by_id[url_probes["js"]]["url"] == "javascript:window.__xss=4", chat["sources"]
    assert url_probes["https"] in by_id, chat["sources"]

    open_widget(page, base_url)
    message = ask(page, "What does the Kestrel drone lab lend to students?")
    for cite in message.locator(".vca-cite").all():
        cite.click()
    titles = message.locator(".vca-source-title", has_text="Kestrel lab notice js")
    assert titles.count() >= 1
    for i in range(titles.count()):
        assert titles.nth(i).evaluate("e => e.tagName") == "SPAN"
    # The https source is a link, so the check above is not vacuous.
    https = message.locator("a.vca-source-title", has_text="Kestrel lab notice https").first
    assert https.get_attribute("href") == "https://college.example.edu.cn/notice"
    assert message.locator("a[href^='javascript']").count() == 0
    titles.first.click()
    no_script_ran(page)


def test_hostile_llm_answer_in_gradio_is_text(page: Any, llm_server: Any) -> None:
    """The Gradio app renders Markdown: the same answer must still show as text there."""
    from tests.e2e.test_gradio import BOT, ask_ui

    server, _ = llm_server
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    text = ask_ui(page, server.base_url, NANHAI)
    for visible in ("<img src=x", "![tracker](", "<script>window.__xss=2</script>", "<b>bold</b>"):
        assert visible in text, text
    answer = page.locator(BOT).last
    # Gradio's Markdown links bare http(s) URLs in text (a click away, never loaded by
    # itself); no image, script, markup or `javascript:` link is made of the answer.
    for tag in ("img", "script", "b", "a[href^='javascript']"):
        assert answer.locator(tag).count() == 0, tag
    assert not any("pixel.png" in url for url in requested), requested
    assert page.evaluate("typeof window.__xss") == "undefined"
