"""Reliability suite: real servers on 127.0.0.1, real Chroma, a fake LLM for fault injection.

Servers used (all on loopback, all stopped at the end of the session):
- `public_server`: the shared integration server (`main_server()`: extractive answers,
  embedded Chroma, admin token, CORS allow-list, small upload caps, no rate limit);
- `limited_server`: the shared server with 3 chats a minute and no admin token;
- `fault_server`: our own, answering with the `openai` provider pointed at `FakeLLM` and
  keeping its vectors in the session's `chroma run` (`chroma_server`); both can be stopped.

`--long` (`pytest tests/reliability --long`, or `RELIABILITY_LONG=1` from anywhere) runs the
longer variants (more load clients for longer, more restart cycles).
The figures each test measures are printed in the terminal summary.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.integration.server import (
    ADMIN_TOKEN,
    ROOT,
    RunningServer,
    free_port,
    ingest,
    limited_server,
    main_server,
    run_server,
    tmp_dir,
)
from tests.reliability.fake_llm import FakeLLM
from tests.reliability.helpers import FAULT_CORPUS, LLM_API_KEY, LLM_TIMEOUT_S

_FIGURES: dict[str, list[str]] = {}


def pytest_configure(config: pytest.Config) -> None:
    """Register the marker (also in pyproject.toml) so the suite runs on its own too."""
    config.addinivalue_line(
        "markers", "reliability: restarts, kills and fault injection against real components"
    )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print what the suite measured (load figures, faults survived, inputs tried)."""
    if not _FIGURES:
        return
    terminalreporter.section("reliability figures")
    for name, lines in _FIGURES.items():
        for line in lines:
            terminalreporter.write_line(f"{name}: {line}")


@pytest.fixture(scope="session")
def figures() -> dict[str, list[str]]:
    """Named lines for the terminal summary (`figures.setdefault(name, []).append(line)`)."""
    return _FIGURES


@pytest.fixture(scope="session")
def long_run(request: pytest.FixtureRequest) -> bool:
    """Whether `--long` (or `RELIABILITY_LONG=1`) was given.

    pytest reads `--long` only when this folder is named on the command line (its conftest
    is then loaded before the arguments are parsed); the variable works from anywhere.
    """
    option = bool(request.config.getoption("--long", default=False))
    return option or os.environ.get("RELIABILITY_LONG") == "1"


@pytest.fixture(scope="session")
def public_server() -> RunningServer:
    """The shared integration server (extractive answers, embedded Chroma)."""
    return main_server()


@pytest.fixture(scope="session")
def rate_limited_server() -> RunningServer:
    """The shared server with 3 chats a minute and no admin token configured."""
    return limited_server()


@pytest.fixture(scope="session")
def fake_llm() -> Iterator[FakeLLM]:
    """The fake OpenAI-compatible endpoint, listening on a free loopback port."""
    fake = FakeLLM(port=free_port())
    fake.start()
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture(scope="session")
def chroma(chroma_server: Any) -> Iterator[Any]:
    """The session's `chroma run` (tests/conftest.py); the fault tests stop and restart it
    on the same port and path, and it is running again when they are done."""
    yield chroma_server
    if not chroma_server.running:
        chroma_server.start()


@pytest.fixture(scope="session")
def fault_server(fake_llm: FakeLLM, chroma: Any) -> Iterator[RunningServer]:
    """A server answering with the fake LLM, its vectors in `chroma`, an admin token set."""
    docs = tmp_dir("rel-docs")
    for name in FAULT_CORPUS:
        shutil.copy(ROOT / "corpus" / "documents" / name, docs / name)
    data = tmp_dir("rel-fault") / "data"
    env = {
        "VCA_CHROMA_HOST": chroma.host,
        "VCA_CHROMA_PORT": str(chroma.port),
        "VCA_STORE__COLLECTION": f"reliability-{uuid.uuid4().hex[:8]}",
    }
    report = ingest(data, [Path(docs)], **env)
    assert report["documents"] == len(FAULT_CORPUS) and not report["errors"], report
    with run_server(
        data,
        VCA_LLM_PROVIDER="openai",
        VCA_LLM_BASE_URL=fake_llm.url,
        VCA_LLM_MODEL="fake-model",
        VCA_LLM_API_KEY=LLM_API_KEY,
        VCA_LLM_TIMEOUT_S=str(LLM_TIMEOUT_S),
        VCA_ADMIN_TOKEN=ADMIN_TOKEN,
        VCA_RATE_LIMIT_PER_MINUTE="0",
        **env,
    ) as server:
        yield server
