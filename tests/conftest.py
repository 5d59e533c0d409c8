"""Shared fixtures: hermetic settings, the real bundled model, a real Chroma server.

Expensive things are session-scoped: the embedding model loads once, and one `chroma run`
server serves every test that asks for it (each test uses its own collection name).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
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
from assistant.settings import EmbeddingSettings, Settings, get_settings  # noqa: E402
from retrieval.embeddings import CachedQueryEmbeddings  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = REPO_ROOT / "corpus" / "documents"


# -- helpers -------------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    """`Settings` with `data_dir` and `overrides`, ignoring any `.env` file.

    Overrides take nested groups (`store={"collection": "x"}`) or the flat contract names
    (`chroma_host="127.0.0.1"`), which `resolved()` folds into the groups.
    """
    return Settings(_env_file=None, data_dir=data_dir, **overrides).resolved()  # type: ignore[call-arg]


def make_container(settings: Settings, embeddings: Any) -> Container:
    """A `Container` that uses an already loaded embedding model instead of loading one.

    `Container.embeddings` is a `functools.cached_property`: a value already in the
    instance `__dict__` is returned without calling the property.
    """
    container = Container(settings)
    container.__dict__["embeddings"] = embeddings
    return container


def unique_collection(prefix: str = "t") -> str:
    """A collection name no other test uses (Chroma: 3-512 chars of [a-zA-Z0-9._-])."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def wait_until(check: Callable[[], bool], timeout: float, interval: float = 0.1) -> bool:
    """Poll `check` until it returns true or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(interval)
    return check()


def chroma_executable() -> str:
    """The `chroma` CLI of this virtual environment."""
    local = Path(sys.executable).parent / "chroma"
    if local.exists():
        return str(local)
    found = shutil.which("chroma")
    if not found:
        raise RuntimeError("the `chroma` command is not installed in this environment")
    return found


@dataclass
class ChromaServer:
    """A `chroma run` subprocess; unpacks as `(host, port, process, path)`.

    `stop()` and `start()` (or `restart()`) keep the same port and data path, so clients
    configured for it reconnect to the same data after a restart.
    """

    host: str
    port: int
    path: Path
    process: subprocess.Popen[bytes] | None = None
    log_path: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log_path = self.path.parent / f"chroma-{self.port}.log"

    def __iter__(self) -> Iterator[Any]:
        return iter((self.host, self.port, self.process, self.path))

    @property
    def url(self) -> str:
        """The server's base URL."""
        return f"http://{self.host}:{self.port}"

    def heartbeat(self) -> bool:
        """Whether the server answers `GET /api/v2/heartbeat`."""
        try:
            with urllib.request.urlopen(f"{self.url}/api/v2/heartbeat", timeout=2) as resp:
                return bool(resp.status == 200)
        except (urllib.error.URLError, OSError, ValueError):
            return False

    @property
    def running(self) -> bool:
        """Whether the subprocess is alive."""
        return self.process is not None and self.process.poll() is None

    def start(self, timeout: float = 60.0) -> None:
        """Start the server and wait until it answers its heartbeat."""
        if self.running:
            return
        self.path.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
        cmd = [chroma_executable(), "run", "--path", str(self.path)]
        cmd += ["--port", str(self.port), "--host", self.host]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                cmd, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"chroma exited with {self.process.returncode}: {self.log_tail()}")
            if self.heartbeat():
                return
            time.sleep(0.2)
        self.stop(kill=True)
        raise RuntimeError(f"chroma did not answer within {timeout:.0f} s: {self.log_tail()}")

    def stop(self, kill: bool = False, timeout: float = 20.0) -> None:
        """Stop the server (SIGTERM, or SIGKILL with `kill`) and wait until the port is free."""
        proc = self.process
        if proc is None:
            return
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=timeout)
        self.process = None
        wait_until(lambda: not self.heartbeat(), timeout=5)

    def restart(self, kill: bool = False, down_for: float = 0.0) -> None:
        """Stop and start again on the same port and path (optionally down for a while)."""
        self.stop(kill=kill)
        if down_for:
            time.sleep(down_for)
        self.start()

    def log_tail(self, chars: int = 2000) -> str:
        """The end of the server's log, for error messages."""
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


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
def container_factory(embeddings: Any) -> Iterator[Callable[[Settings], Container]]:
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
