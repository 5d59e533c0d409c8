"""Load: concurrent clients asking the gold set's questions (English, Chinese) of a real server.

Default: 8 clients for 10 s; with `--long`: 16 clients for 30 s. Every request must get a
200 (no 5xx, no connection error, no timeout) and the 95th percentile of latency must stay
within a generous bound for a 2-core machine (`P95_BOUND_S`). The 80 gold questions (some
unanswerable, some follow-ups with history) are asked in rotation, each client from its own
offset; one request in four is streamed.
"""

from __future__ import annotations

import json
import statistics
import threading
import time
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


# Clients ask back to back, so latency is mostly queueing: about clients / throughput. On
# 2 shared cores (about 3 req/s) that is ~2.5 s for 8 clients; the bounds leave room for a
# busy machine: 8 s for 8 clients, 15 s for 16 (--long).
P95_BOUND_S = {False: 8.0, True: 15.0}
CLIENT_TIMEOUT_S = 60.0


@dataclass
class LoadResult:
    """Every request's outcome."""

    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    grounded: int = 0
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, status: int, failure: str, grounded: bool) -> None:
        with self.lock:
            self.latencies.append(seconds)
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
    base_url: str, start: int, deadline: float, requests: list[dict[str, Any]], result: LoadResult
) -> None:
    """One client: ask questions back to back until the deadline, from its own offset."""
    n = start
    with httpx.Client(base_url=base_url, timeout=CLIENT_TIMEOUT_S) as client:
        while time.monotonic() < deadline:
            body = {**requests[n % len(requests)], "stream": n % 4 == 3}
            n += 1
            started = time.monotonic()
            try:
                status, failure, grounded = ask_once(client, body)
            except httpx.HTTPError as exc:
                status, failure, grounded = 0, f"{type(exc).__name__}: {exc}", False
            result.add(time.monotonic() - started, status, failure, grounded)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank)."""
    ordered = sorted(values)
    rank = max(1, round(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


@pytest.mark.timeout(300)
def test_concurrent_clients(
    public_server: RunningServer, long_run: bool, figures: dict[str, list[str]]
) -> None:
    clients, duration = (16, 30.0) if long_run else (8, 10.0)
    requests = gold_requests()

    result = LoadResult()
    started = time.monotonic()
    deadline = started + duration
    threads = [
        threading.Thread(
            target=client_loop,
            args=(public_server.base_url, i * len(requests) // clients, deadline, requests, result),
        )
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 2 * CLIENT_TIMEOUT_S)
    wall = time.monotonic() - started

    count = len(result.latencies)
    p50, p95 = statistics.median(result.latencies), percentile(result.latencies, 95)
    line = (
        f"{clients} clients x {duration:.0f} s: {count} requests, {count / wall:.1f} req/s, "
        f"p50 {p50:.2f} s, p95 {p95:.2f} s, max {max(result.latencies):.2f} s, "
        f"statuses {result.statuses}, grounded {result.grounded / max(count, 1):.0%}"
    )
    print(line)
    figures.setdefault("load", []).append(line)

    assert not any(t.is_alive() for t in threads), "a client hung"
    assert result.failures == [], result.failures[:5]
    assert set(result.statuses) == {200}, result.statuses
    assert count >= clients, line
    assert p95 <= P95_BOUND_S[long_run], line
    with public_server.client() as c:
        assert c.get("/healthz").status_code == 200
        assert c.get("/readyz").status_code == 200
