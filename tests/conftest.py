"""Shared fixtures: hermetic settings, the real bundled model, a real Chroma server.

Expensive things are session-scoped: the embedding model loads once, and one `chroma run`
server serves every test that asks for it (each test uses its own collection name).
Plain helpers (`free_port`, `make_settings`, `make_container`, `ChromaServer`, ...) live in
tests/support.py: `from tests.support import ...`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.offline import apply_offline_env

# Before any third-party library is imported by a test module: offline, no telemetry.
apply_offline_env()
# Hermetic: a developer's VCA_* variables must not leak into the tests.
for _name in [n for n in os.environ if n.startswith("VCA_")]:
    del os.environ[_name]
os.environ["VCA_RATE_LIMIT_PER_MINUTE"] = "0"

from assistant.container import Container  # noqa: E402 - after the environment is set
from assistant.settings import Settings, get_settings  # noqa: E402
from retrieval.embeddings import CachedQueryEmbeddings  # noqa: E402
from retrieval.settings import EmbeddingSettings  # noqa: E402
from tests.support import (  # noqa: E402
    CORPUS_DIR,
    ChromaServer,
    free_port,
    make_container,
    make_settings,
)

# -- fixtures -------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _fresh_settings_cache() -> Iterator[None]:
    """`get_settings()` is cached per process; each test starts from the environment."""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def settings_factory(tmp_path: Path) -> Callable[..., Settings]:
    """Build `Settings` whose data directory is under this test's `tmp_path`."""

    def build(**overrides: Any) -> Settings:
        data_dir = overrides.pop("data_dir", tmp_path / "data")
        return make_settings(Path(data_dir), **overrides)

    return build


@pytest.fixture(scope="session")
def embeddings() -> CachedQueryEmbeddings:
    """The real bundled embedding model (all-MiniLM-L6-v2), loaded once per session."""
    from retrieval.embeddings import build_embeddings

    return build_embeddings(EmbeddingSettings())


@pytest.fixture
def container_factory(
    embeddings: CachedQueryEmbeddings,
) -> Iterator[Callable[[Settings], Container]]:
    """Build containers sharing the session model; their catalogs are closed afterwards."""
    built: list[Container] = []

    def build(settings: Settings) -> Container:
        container = make_container(settings, embeddings)
        built.append(container)
        return container

    yield build
    for container in built:
        if "catalog" in container.__dict__:
            container.catalog.close()


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromaServer]:
    """A real `chroma run` server for the session; tests use their own collection names."""
    server = ChromaServer("127.0.0.1", free_port(), tmp_path_factory.mktemp("chroma-server"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def corpus_dir() -> Path:
    """The shipped document collection (read-only: copy it before changing files)."""
    return CORPUS_DIR


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--long`: the longer reliability variants (tests/reliability)."""
    parser.addoption(
        "--long",
        action="store_true",
        default=False,
        help="reliability suite: longer load (16 clients x 30 s) and more restart cycles",
    )
