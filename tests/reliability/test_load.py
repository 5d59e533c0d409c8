"""Load: concurrent clients asking the gold set's questions (English, Chinese) of a real server.

Default: 8 clients x 8 requests; with `--long`: 16 clients x 20 requests. Every request must
get a 200 with a well-formed answer (no 5xx, no connection error, no timeout) and the server
must stay healthy. The 80 gold questions (some unanswerable, some follow-ups with history)
are asked in rotation, each client from its own offset; one request in four is streamed.
Latency under load is a speed figure, measured by `vca bench --http`, not asserted here.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from tests.integration.server import ROOT, RunningServer, parse_sse

pytestmark = [pytest.mark.reliability, pytest.mark.integration, pytest.mark.slow]

GOLD = ROOT / "eval" / "datasets" / "gold.jsonl"


def gold_requests() -> list[dict[str, Any]]:
    """The gold set's questions (English and Chinese, answerable or not, some follow-ups with
    their history) as chat request bodies."""
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    return [{"message": r["question"], "history": r.get("history") or []} for r in rows]


# (clients, requests per client): enough overlap to queue on 2 cores, short for `make test`.
LOAD = {False: (8, 8), True: (16, 20)}
CLIENT_TIMEOUT_S = 60.0


@dataclass
class LoadResult:
    """Every request's outcome."""

    statuses: dict[int, int] = field(default_factory=dict)
    grounded: int = 0
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, status: int, failure: str, grounded: bool) -> None:
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1
            self.grounded += grounded
            if failure:
                self.failures.append(failure)


def ask_once(client: httpx.Client, body: dict[str, Any]) -> tuple[int, str, bool]:
    """One chat request: the status, what was wrong with it (if anything), grounded."""
    stream = bool(body.get("stream"))
    response = client.post("/api/chat", json=body)
    if response.status_code != 200:
        return response.status_code, f"{response.status_code}: {response.text[:200]}", False
    if stream:
        events = parse_sse(response.text)
        if [name for name, _ in events[-2:]] != ["sources", "done"]:
            return 200, f"stream ended with {events[-3:]}", False
        data = json.loads(events[-1][1])
    else:
        data = response.json()
    if not data.get("answer") or "session_id" not in data:
        return 200, f"malformed response: {json.dumps(data)[:200]}", False
    return 200, "", bool(data["grounded"])


def client_loop(
    base_url: str, start: int, count: int, requests: list[dict[str, Any]], result: LoadResult
) -> None:
    """One client: ask `count` questions back to back, from its own offset."""
    with httpx.Client(base_url=base_url, timeout=CLIENT_TIMEOUT_S) as client:
        for n in range(start, start + count):
            body = {**requests[n % len(requests)], "stream": n % 4 == 3}
            try:
                status, failure, grounded = ask_once(client, body)
            except httpx.HTTPError as exc:
                status, failure, grounded = 0, f"{type(exc).__name__}: {exc}", False
            result.add(status, failure, grounded)


@pytest.mark.timeout(300)
def test_concurrent_clients(
    public_server: RunningServer, long_run: bool, figures: dict[str, list[str]]
) -> None:
    clients, each = LOAD[long_run]
    requests = gold_requests()

    result = LoadResult()
    threads = [
        threading.Thread(
            target=client_loop,
            args=(public_server.base_url, i * len(requests) // clients, each, requests, result),
        )
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=each * CLIENT_TIMEOUT_S)

    count = sum(result.statuses.values())
    line = (
        f"{clients} clients x {each} requests: {count} answered, statuses {result.statuses}, "
        f"grounded {result.grounded / max(count, 1):.0%}"
    )
    print(line)
    figures.setdefault("load", []).append(line)

    assert not any(t.is_alive() for t in threads), "a client hung"
    assert result.failures == [], result.failures[:5]
    assert result.statuses == {200: clients * each}, line
    with public_server.client() as c:
        assert c.get("/healthz").status_code == 200
        assert c.get("/readyz").status_code == 200
