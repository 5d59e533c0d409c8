"""Fixtures shared by the HTTP tests: the shared running server and a client for it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.integration.server import RunningServer, main_server


@pytest.fixture(scope="module")
def server() -> RunningServer:
    return main_server()


@pytest.fixture(scope="module")
def client(server: RunningServer) -> Iterator[httpx.Client]:
    with server.client() as c:
        yield c
