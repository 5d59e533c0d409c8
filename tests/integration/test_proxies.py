"""Rate limits behind a reverse proxy, over real HTTP, with the limiter's clock in the test's hand.

The app runs in this process under uvicorn configured exactly as `vca serve` configures it
(`uvicorn_config`), with `VCA_TRUSTED_PROXIES=127.0.0.1`. The proxy is a client connecting
from 127.0.0.1 that sets `X-Forwarded-For`; an untrusted peer is a client connecting from
127.0.0.2 (any 127.x address reaches loopback on Linux). The limiter's clock is a counter the
test advances, so the window expires without waiting.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from assistant.container import Container
from assistant.ratelimit import SlidingWindowLimiter
from assistant.settings import Settings
from service.api.app import create_app
from service.api.server import uvicorn_config
from tests.support import free_port, wait_until

pytestmark = pytest.mark.integration

LIMIT = 2  # chat requests per window and client
WINDOW_S = 60.0
PROXY_PEER, UNTRUSTED_PEER = "127.0.0.1", "127.0.0.2"
QUESTION = "How long is an internship?"


class Clock:
    """A monotonic clock that only moves when told to."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def base_url(
    tmp_path: Path,
    clock: Clock,
    settings_factory: Callable[..., Settings],
    container_factory: Callable[[Settings], Container],
) -> Iterator[str]:
    """The app behind uvicorn on a free port, trusting the proxy at 127.0.0.1."""
    settings = settings_factory(
        host="127.0.0.1",
        port=free_port(),
        trusted_proxies=PROXY_PEER,
        rate_limit_per_minute=LIMIT,
    )
    container = container_factory(settings)
    container.__dict__["limiter"] = SlidingWindowLimiter(LIMIT, WINDOW_S, clock=clock)
    server = uvicorn.Server(uvicorn_config(create_app(settings, container), settings))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        assert wait_until(lambda: server.started or not thread.is_alive(), timeout=120)
        assert server.started, "uvicorn did not start"
        yield f"http://127.0.0.1:{settings.server.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def client_from(peer: str, base_url: str) -> httpx.Client:
    """An HTTP client whose connections come from the local address `peer`."""
    return httpx.Client(
        base_url=base_url, timeout=60, transport=httpx.HTTPTransport(local_address=peer)
    )


def statuses(client: httpx.Client, forwarded_for: list[str]) -> list[int]:
    """One chat request per `X-Forwarded-For` value; their status codes."""
    codes = []
    for value in forwarded_for:
        response = client.post(
            "/api/chat", json={"message": QUESTION}, headers={"X-Forwarded-For": value}
        )
        assert response.status_code in (200, 429), response.text
        codes.append(response.status_code)
    return codes


def test_clients_behind_a_trusted_proxy_get_separate_budgets(base_url: str) -> None:
    with client_from(PROXY_PEER, base_url) as proxy:
        assert statuses(proxy, ["203.0.113.7"] * 3) == [200, 200, 429]
        # Another client behind the same proxy: its own budget, although the peer is the same.
        assert statuses(proxy, ["203.0.113.8"] * 3) == [200, 200, 429]
        # The client address is the proxy's last hop, not what the client itself claimed.
        assert statuses(proxy, ["198.51.100.1, 203.0.113.7"]) == [429]


def test_forged_forwarded_for_from_an_untrusted_peer_is_ignored(base_url: str) -> None:
    with client_from(UNTRUSTED_PEER, base_url) as peer:
        forged = ["203.0.113.20", "203.0.113.21", "203.0.113.22", "203.0.113.23"]
        assert statuses(peer, forged) == [200, 200, 429, 429]  # one budget: the peer's
    with client_from(PROXY_PEER, base_url) as proxy:  # the forged addresses were not charged
        assert statuses(proxy, ["203.0.113.20"]) == [200]


def test_the_window_expires(base_url: str, clock: Clock) -> None:
    with client_from(PROXY_PEER, base_url) as proxy:
        assert statuses(proxy, ["203.0.113.30"] * 3) == [200, 200, 429]
        clock.advance(WINDOW_S / 2)
        response = proxy.post(
            "/api/chat", json={"message": QUESTION}, headers={"X-Forwarded-For": "203.0.113.30"}
        )
        assert response.status_code == 429
        assert int(response.headers["retry-after"]) == WINDOW_S / 2
        clock.advance(WINDOW_S / 2)
        assert statuses(proxy, ["203.0.113.30"] * 3) == [200, 200, 429]
