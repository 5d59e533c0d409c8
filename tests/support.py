"""Test helpers shared by every test folder: settings, containers, ports, a Chroma server.

A plain module (no fixtures, no side effects): import it as `from tests.support import ...`.
The fixtures that use these helpers live in tests/conftest.py.
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

from assistant.container import Container
from assistant.settings import Settings
from retrieval.embeddings import CachedQueryEmbeddings

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
    (`chroma_host="127.0.0.1"`), which `Settings` folds into the groups.
    """
    return Settings(_env_file=None, data_dir=data_dir, **overrides)


def make_container(settings: Settings, embeddings: CachedQueryEmbeddings) -> Container:
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
                raise RuntimeError(
                    f"chroma exited with {self.process.returncode}: {self.log_tail()}"
                )
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
