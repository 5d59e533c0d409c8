"""Shared constants and checks of the reliability suite (imported by its conftest and tests)."""

from __future__ import annotations

import uuid

import httpx

LLM_TIMEOUT_S = 2.0
LLM_API_KEY = "sk-fake-" + uuid.uuid4().hex[:12]
# A small slice of the shipped corpus (both languages) keeps the fault server's ingest short.
FAULT_CORPUS = (
    "news-nanhai-industry-education-alliance.md",
    "news-2020-11-hangzhou-electromechanical-forum.md",
    "news-2018-xiamen-software-college-ecommerce-base-zh.md",
    "regulation-2020-ningbo-school-enterprise-cooperation-zh.md",
)
LEAKS = ("Traceback", 'File "/', "/work/", ".py", "site-packages")


def assert_no_leak(text: str) -> None:
    """No stack trace, source path or module file name in a response body."""
    for leak in LEAKS:
        assert leak not in text, f"{leak!r} leaked in: {text[:500]}"


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> None:
    """The contract's error shape `{"error": {"code", "message"}}`, with nothing leaked."""
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("application/json"), response.headers
    error = response.json()["error"]
    assert isinstance(error["code"], str) and error["code"], error
    assert isinstance(error["message"], str) and error["message"], error
    if code is not None:
        assert error["code"] == code, error
    assert_no_leak(response.text)
