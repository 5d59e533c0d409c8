"""The HTTP API through a real server: chat (JSON, SSE), feedback, health, errors, CORS,
rate limits, static files, and chat against a `chroma run` back end."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.integration.server import (
    ADMIN,
    ALLOWED_ORIGIN,
    RunningServer,
    limited_server,
    parse_sse,
    run_chroma,
    run_chroma_backed,
)

pytestmark = pytest.mark.integration

NINGBO = "How long is an internship in Ningbo?"
HANGZHOU = "Which companies signed agreements at the Hangzhou forum?"


def ask(client: httpx.Client, **body: Any) -> dict[str, Any]:
    response = client.post("/api/chat", json=body)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def assert_clean_error(response: httpx.Response, status: int, code: str | None = None) -> None:
    """The contract's error shape, and nothing internal leaked."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body["error"]) >= {"code", "message"} and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code, body
    for leak in ("Traceback", "/work/", "site-packages", 'File "'):
        assert leak not in response.text


def stream_events(client: httpx.Client, body: dict[str, Any], **headers: str) -> httpx.Response:
    with client.stream("POST", "/api/chat", json=body, headers=headers) as response:
        response.read()
    return response


def check_sse(response: httpx.Response) -> tuple[list[tuple[str, Any]], dict[str, Any]]:
    """Token events, then one `sources`, then `done` (the full response)."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["x-accel-buffering"] == "no"
    events = [(name, json.loads(data)) for name, data in parse_sse(response.text)]
    names = [name for name, _ in events]
    assert names[-2:] == ["sources", "done"] and names.count("sources") == 1, names
    assert set(names[:-2]) == {"token"}, names
    done = events[-1][1]
    assert "".join(d["text"] for n, d in events if n == "token") == done["answer"]
    sources = events[-2][1]
    assert sources["session_id"] == done["session_id"]
    assert sources["message_id"] == done["message_id"]
    assert sources["sources"] == done["sources"]
    return events, done


# -- health ----------------------------------------------------------------------------------


def test_healthz(client: httpx.Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_readyz_reports_counts(client: httpx.Client) -> None:
    body = client.get("/readyz").json()
    assert body["status"] == "ready"
    assert body["documents"] >= 14 and body["chunks"] > body["documents"]


# -- chat (JSON) -----------------------------------------------------------------------------


def test_chat_answers_with_sources(client: httpx.Client) -> None:
    data = ask(client, message=NINGBO)
    assert data["grounded"] is True and "[1]" in data["answer"]
    assert data["session_id"] and data["message_id"]
    first = data["sources"][0]
    assert first["n"] == 1 and first["id"] and first["title"] and first["snippet"]
    assert "ningbo" in " ".join(s["id"] for s in data["sources"])


def test_session_is_continued(client: httpx.Client) -> None:
    first = ask(client, message=NINGBO)
    second = ask(client, message="Are the students paid?", session_id=first["session_id"])
    assert second["session_id"] == first["session_id"]
    assert second["message_id"] != first["message_id"]
    for item in (first, second):
        response = client.post(
            "/api/feedback", json={"message_id": item["message_id"], "rating": "up"}
        )
        assert response.status_code == 201, response.text
    exported = client.get("/api/feedback", headers=ADMIN).json()["feedback"]
    mine = {f["message_id"]: f for f in exported}
    assert mine[first["message_id"]]["session_id"] == first["session_id"]
    assert mine[second["message_id"]]["session_id"] == first["session_id"]
    assert mine[second["message_id"]]["question"] == "Are the students paid?"


def test_new_session_when_absent(client: httpx.Client) -> None:
    assert ask(client, message=NINGBO)["session_id"] != ask(client, message=NINGBO)["session_id"]


def test_history_for_stateless_clients(client: httpx.Client) -> None:
    history = [
        {"role": "user", "content": NINGBO},
        {"role": "assistant", "content": "Usually six months [1]."},
    ]
    data = ask(client, message="Are they paid?", history=history)
    assert data["grounded"] and any("ningbo" in s["id"] for s in data["sources"])


def test_bad_session_id_is_422(client: httpx.Client) -> None:
    response = client.post("/api/chat", json={"message": NINGBO, "session_id": "../x"})
    assert_clean_error(response, 422)


@pytest.mark.parametrize(("question", "language"), [(NINGBO, "zh"), (HANGZHOU, "en")])
def test_language_filter(client: httpx.Client, question: str, language: str) -> None:
    data = ask(client, message=question, filters={"language": [language]})
    assert data["sources"], data
    assert {s["language"] for s in data["sources"]} == {language}


# -- chat (SSE) ------------------------------------------------------------------------------


def test_chat_stream_flag(client: httpx.Client) -> None:
    events, done = check_sse(stream_events(client, {"message": NINGBO, "stream": True}))
    assert sum(1 for name, _ in events if name == "token") >= 2
    assert done["grounded"] and done["sources"][0]["n"] == 1


def test_chat_stream_by_accept_header(client: httpx.Client) -> None:
    response = stream_events(client, {"message": HANGZHOU}, Accept="text/event-stream")
    _, done = check_sse(response)
    follow = stream_events(
        client,
        {"message": "And who organised it?", "stream": True, "session_id": done["session_id"]},
    )
    assert check_sse(follow)[1]["session_id"] == done["session_id"]


def test_stream_error_before_first_event_has_a_status(client: httpx.Client) -> None:
    response = stream_events(client, {"message": NINGBO, "stream": True, "session_id": "bad id"})
    assert_clean_error(response, 422)


# -- feedback --------------------------------------------------------------------------------


def test_feedback_up_and_down_are_exported(client: httpx.Client) -> None:
    up, down = ask(client, message=NINGBO), ask(client, message=HANGZHOU)
    client.post("/api/feedback", json={"message_id": up["message_id"], "rating": "up"})
    response = client.post(
        "/api/feedback",
        json={"message_id": down["message_id"], "rating": "down", "comment": "too long"},
    )
    assert response.status_code == 201 and response.json()["rating"] == "down"
    exported = client.get("/api/feedback", headers=ADMIN)
    assert exported.status_code == 200
    items = {f["message_id"]: f for f in exported.json()["feedback"]}
    assert items[up["message_id"]]["rating"] == "up"
    assert items[up["message_id"]]["question"] == NINGBO
    assert items[up["message_id"]]["answer"] == up["answer"]
    assert items[down["message_id"]]["comment"] == "too long"
    assert items[down["message_id"]]["sources"][0]["id"] == down["sources"][0]["id"]


def test_feedback_unknown_message_is_404(client: httpx.Client) -> None:
    response = client.post("/api/feedback", json={"message_id": "nope", "rating": "up"})
    assert_clean_error(response, 404)


def test_feedback_bad_rating_is_422(client: httpx.Client) -> None:
    response = client.post("/api/feedback", json={"message_id": "x", "rating": "meh"})
    assert_clean_error(response, 422)
    assert "rating" in response.json()["error"]["message"]


def test_feedback_export_needs_the_token(client: httpx.Client) -> None:
    assert_clean_error(client.get("/api/feedback"), 401, "unauthorized")
    wrong = {"Authorization": "Bearer wrong"}
    assert_clean_error(client.get("/api/feedback", headers=wrong), 401, "unauthorized")


# -- errors and limits -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("GET", "/no/such/route", {}, 404),
        ("PUT", "/api/chat", {}, 405),
        ("GET", "/api/chat", {}, 405),
        (
            "POST",
            "/api/chat",
            {"content": b"{not json", "headers": {"content-type": "application/json"}},
            400,
        ),
        ("POST", "/api/chat", {"json": {"message": 42}}, 422),
        ("POST", "/api/chat", {"json": {"message": "hi", "filters": {"language": "zh"}}}, 422),
        ("POST", "/api/chat", {"json": {"message": "hi", "surprise": True}}, 422),
        ("POST", "/api/chat", {"json": {}}, 422),
        ("POST", "/api/chat", {"json": {"message": "hi", "history": [{"role": "x"}]}}, 422),
        ("POST", "/api/feedback", {"json": ["not", "an", "object"]}, 422),
    ],
)
def test_errors_are_json(
    client: httpx.Client, method: str, path: str, kwargs: dict[str, Any], status: int
) -> None:
    assert_clean_error(client.request(method, path, **kwargs), status)


def test_validation_message_names_the_field_not_the_input(client: httpx.Client) -> None:
    response = client.post("/api/chat", json={"message": "hi", "secret_field": "SECRET-VALUE"})
    assert "secret_field" in response.json()["error"]["message"]
    assert "SECRET-VALUE" not in response.text


@pytest.mark.parametrize(
    "message", ["", "   \n\t ", "？！。……", "?!... ---", "\x01\x02\x7f", "（）【】 ·"]
)
def test_empty_message_is_422(client: httpx.Client, message: str) -> None:
    # Only spaces, punctuation or control characters: as empty as no message at all.
    for path, body in (
        ("/api/chat", {"message": message}),
        ("/v1/chat/completions", {"messages": [{"role": "user", "content": message}]}),
    ):
        assert_clean_error(client.post(path, json=body), 422, "empty_message")


def test_message_too_long(client: httpx.Client) -> None:
    response = client.post("/api/chat", json={"message": "x" * 2001})
    assert_clean_error(response, 422, "message_too_long")
    assert "2000" in response.json()["error"]["message"]


def test_body_too_large_is_413(client: httpx.Client) -> None:
    body = {"message": "hi", "history": [{"role": "user", "content": "y" * 19_000}] * 4}
    assert_clean_error(client.post("/api/chat", json=body), 413, "payload_too_large")


def test_request_id_and_security_headers(client: httpx.Client) -> None:
    echoed = client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert echoed.headers["x-request-id"] == "abc-123"
    generated = client.get("/healthz").headers["x-request-id"]
    assert len(generated) >= 16
    bogus = client.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"})
    assert bogus.headers["x-request-id"] != "bad id\twith spaces"
    assert echoed.headers["x-content-type-options"] == "nosniff"
    assert echoed.headers["referrer-policy"]
    assert client.get("/nope").headers["x-request-id"]


def test_access_log_has_a_line_per_request(server: RunningServer, client: httpx.Client) -> None:
    client.get("/healthz", headers={"X-Request-ID": "log-line-check"})
    for _ in range(50):  # the line is written just after the response is sent
        lines = [x for x in server.log().splitlines() if "id=log-line-check" in x]
        if lines:
            break
        time.sleep(0.1)
    line = lines[0]
    assert "GET /healthz 200" in line and "ms" in line and "client=127.0.0.1" in line


# -- static files ----------------------------------------------------------------------------


def test_widget_and_demo(client: httpx.Client) -> None:
    widget = client.get("/widget.js")
    assert widget.status_code == 200
    assert widget.headers["content-type"].startswith("text/javascript")
    assert "max-age" in widget.headers["cache-control"] and "VCAWidget" in widget.text
    demo = client.get("/demo")
    assert demo.status_code == 200 and demo.headers["content-type"].startswith("text/html")
    assert 'src="/widget.js"' in demo.text
    csp = demo.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "connect-src 'self'" in csp
    assert client.head("/widget.js").status_code == 200


# -- CORS ------------------------------------------------------------------------------------


def test_cors_allowed_origin(client: httpx.Client) -> None:
    preflight = client.options(
        "/api/chat",
        headers={
            "Origin": ALLOWED_ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    response = client.post(
        "/api/chat", json={"message": NINGBO}, headers={"Origin": ALLOWED_ORIGIN}
    )
    assert response.headers["access-control-allow-origin"] == ALLOWED_ORIGIN
    assert "retry-after" in response.headers["access-control-expose-headers"].lower()


def test_cors_other_origin_refused(client: httpx.Client) -> None:
    evil = "https://evil.example.com"
    preflight = client.options(
        "/api/chat", headers={"Origin": evil, "Access-Control-Request-Method": "POST"}
    )
    assert "access-control-allow-origin" not in preflight.headers
    assert_clean_error(preflight, 400, "cors_refused")
    response = client.get("/healthz", headers={"Origin": evil})
    assert "access-control-allow-origin" not in response.headers


# -- rate limit and unconfigured admin token (second server) ---------------------------------


def test_rate_limit_429_with_retry_after() -> None:
    with limited_server().client() as c:
        for _ in range(3):
            assert c.post("/api/chat", json={"message": NINGBO}).status_code == 200
        limited = c.post("/api/chat", json={"message": NINGBO})
        assert_clean_error(limited, 429, "rate_limited")
        assert 1 <= int(limited.headers["retry-after"]) <= 60
        # the OpenAI route shares the budget; a forged X-Forwarded-For is not trusted
        completions = c.post(
            "/v1/chat/completions",
            headers={"X-Forwarded-For": "10.9.8.7"},
            json={"model": "vca-assistant", "messages": [{"role": "user", "content": NINGBO}]},
        )
        assert_clean_error(completions, 429, "rate_limited")
        assert c.get("/healthz").status_code == 200  # only chat is limited


def test_admin_writes_refused_without_configured_token() -> None:
    with limited_server().client() as c:
        for headers in ({}, {"Authorization": "Bearer anything"}):
            response = c.post(
                "/api/documents",
                headers=headers,
                files={"files": ("a.md", b"# A\n\ntext", "text/markdown")},
            )
            assert_clean_error(response, 403, "admin_disabled")
            assert "admin token not configured" in response.json()["error"]["message"]
        assert_clean_error(c.delete("/api/documents/x", headers=ADMIN), 403)
        assert_clean_error(c.get("/api/feedback", headers=ADMIN), 403)


# -- a `chroma run` back end -----------------------------------------------------------------


@pytest.fixture(scope="module")
def chroma_client(request: pytest.FixtureRequest) -> Iterator[httpx.Client]:
    """A server on the session's Chroma server (`chroma_server` fixture) or our own."""
    try:
        info = request.getfixturevalue("chroma_server")
    except pytest.FixtureLookupError:
        info = None
    if info is not None:
        host = getattr(info, "host", None) or info[0]
        port = getattr(info, "port", None) or info[1]
        with run_chroma_backed(str(host), int(port)) as srv, srv.client() as c:
            yield c
        return
    with run_chroma() as (host, port), run_chroma_backed(host, port) as srv, srv.client() as c:
        yield c


def test_chroma_server_back_end_json(chroma_client: httpx.Client) -> None:
    assert chroma_client.get("/readyz").json()["documents"] >= 14
    data = ask(chroma_client, message=NINGBO)
    assert data["grounded"] and any("ningbo" in s["id"] for s in data["sources"])


def test_chroma_server_back_end_sse(chroma_client: httpx.Client) -> None:
    _, done = check_sse(stream_events(chroma_client, {"message": HANGZHOU, "stream": True}))
    assert done["grounded"] and done["sources"]
