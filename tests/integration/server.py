"""Real servers for the integration tests: uvicorn (and Chroma) in subprocesses.

`run_server(data_dir, env)` starts `python -m service.api.server` (the same `serve()`
that `vca serve` uses) on a free port and waits for `/readyz`. `shared(...)` keeps one
instance per name for the whole test session (several test modules share them), and stops
everything when the interpreter exits. `ingested_corpus()` ingests the shipped corpus once.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
ADMIN_TOKEN = "test-admin-token-" + uuid.uuid4().hex[:8]
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
ALLOWED_ORIGIN = "https://college.example.edu.cn"
STARTUP_TIMEOUT = 240.0

_stack = contextlib.ExitStack()
_shared: dict[str, Any] = {}
atexit.register(_stack.close)

INGEST = """
import json, sys
from pathlib import Path
from assistant.container import Container
from assistant.settings import Settings
settings = Settings()
report = Container(settings).indexer.ingest_paths([Path(p) for p in sys.argv[1:]])
print(json.dumps(report.to_json()))
"""


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def clean_env(data_dir: Path, **overrides: str) -> dict[str, str]:
    """The environment for a child process: no inherited `VCA_*`, offline, given data dir."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("VCA_")}
    env.update(
        {
            "VCA_DATA_DIR": str(data_dir),
            "PYTHONPATH": str(ROOT),
            "HF_HUB_OFFLINE": "1",
            "TRANSFORMERS_OFFLINE": "1",
            "ANONYMIZED_TELEMETRY": "False",
            "TOKENIZERS_PARALLELISM": "false",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(overrides)
    return env


def tmp_dir(prefix: str) -> Path:
    """A temporary folder removed at interpreter exit."""
    path = Path(tempfile.mkdtemp(prefix=f"vca-it-{prefix}-"))
    _stack.callback(shutil.rmtree, path, ignore_errors=True)
    return path


def ingest(data_dir: Path, paths: list[Path] | None = None, **env: str) -> dict[str, Any]:
    """Ingest files into `data_dir` in a child process; returns the report."""
    paths = paths or [ROOT / "corpus" / "documents"]
    result = subprocess.run(
        [PYTHON, "-c", INGEST, *map(str, paths)],
        cwd=data_dir.parent,
        env=clean_env(data_dir, **env),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"ingest failed:\n{result.stderr[-3000:]}")
    report: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


def ingested_corpus() -> Path:
    """A data dir holding the ingested shipped corpus (built once; copy it before use)."""

    def build() -> Path:
        data = tmp_dir("corpus") / "data"
        report = ingest(data)
        assert report["documents"] >= 10 and not report["errors"], report
        return data

    return shared("corpus", build)


def copy_of_corpus(name: str) -> Path:
    """A private copy of the ingested data dir (servers write to theirs)."""
    target = tmp_dir(name) / "data"
    shutil.copytree(ingested_corpus(), target)
    return target


@dataclass
class RunningServer:
    """A started server: its URL, data dir, process and log file."""

    base_url: str
    port: int
    data_dir: Path
    process: subprocess.Popen[bytes]
    log_path: Path

    def client(self, **kwargs: Any) -> httpx.Client:
        """An httpx client bound to this server."""
        kwargs.setdefault("timeout", 120.0)
        return httpx.Client(base_url=self.base_url, **kwargs)

    def log(self) -> str:
        """Everything the server printed."""
        return self.log_path.read_text(errors="replace")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


@contextlib.contextmanager
def run_server(data_dir: Path, **env: str) -> Iterator[RunningServer]:
    """Start the API on a free port with `env` (e.g. `VCA_ADMIN_TOKEN`); wait for `/readyz`."""
    port = free_port()
    log_path = data_dir.parent / f"server-{port}.log"
    full_env = clean_env(data_dir, VCA_HOST="127.0.0.1", VCA_PORT=str(port), **env)
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [PYTHON, "-m", "service.api.server"],
            cwd=data_dir.parent,
            env=full_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = RunningServer(f"http://127.0.0.1:{port}", port, data_dir, process, log_path)
    try:
        _wait_ready(server)
        yield server
    finally:
        _stop(process)


def _wait_ready(server: RunningServer) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"server exited ({server.process.returncode}):\n{server.log()[-4000:]}"
            )
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(server.base_url + "/readyz", timeout=5).status_code == 200:
                return
        time.sleep(0.3)
    raise RuntimeError(f"server not ready after {STARTUP_TIMEOUT:.0f}s:\n{server.log()[-4000:]}")


def shared(name: str, make: Callable[[], T]) -> T:
    """One value per name for the whole session."""
    if name not in _shared:
        _shared[name] = make()
    value: T = _shared[name]
    return value


def shared_cm(name: str, make: Callable[[], contextlib.AbstractContextManager[T]]) -> T:
    """One entered context per name for the session, exited at interpreter exit."""
    return shared(name, lambda: _stack.enter_context(make()))


def main_server() -> RunningServer:
    """The server most tests use: admin token, CORS origin, no rate limit, small upload caps."""
    return shared_cm(
        "main",
        lambda: run_server(
            copy_of_corpus("main"),
            VCA_ADMIN_TOKEN=ADMIN_TOKEN,
            VCA_ALLOWED_ORIGINS=ALLOWED_ORIGIN,
            VCA_RATE_LIMIT_PER_MINUTE="0",
            VCA_SERVER__MAX_UPLOAD_BYTES="200000",
            VCA_SERVER__MAX_UPLOAD_FILES="3",
        ),
    )


def limited_server() -> RunningServer:
    """A second server: 3 chat requests a minute, no admin token configured."""
    return shared_cm(
        "limited",
        lambda: run_server(
            copy_of_corpus("limited"),
            VCA_RATE_LIMIT_PER_MINUTE="3",
            VCA_ADMIN_TOKEN="",
        ),
    )


@contextlib.contextmanager
def run_chroma() -> Iterator[tuple[str, int]]:
    """`chroma run` on a free port; yields (host, port)."""
    path, port = tmp_dir("chroma"), free_port()
    chroma = Path(PYTHON).with_name("chroma")
    with (path / "chroma.log").open("wb") as log:
        process = subprocess.Popen(
            [
                str(chroma),
                "run",
                "--path",
                str(path / "db"),
                "--port",
                str(port),
                "--host",
                "127.0.0.1",
            ],
            cwd=path,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(httpx.HTTPError):
                url = f"http://127.0.0.1:{port}/api/v2/heartbeat"
                if httpx.get(url, timeout=2).status_code == 200:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    "chroma run did not start:\n"
                    + (path / "chroma.log").read_text(errors="replace")[-3000:]
                )
            time.sleep(0.3)
        yield "127.0.0.1", port
    finally:
        _stop(process)


@contextlib.contextmanager
def run_chroma_backed(host: str, port: int) -> Iterator[RunningServer]:
    """A server whose vectors live in a Chroma server (own collection, corpus ingested)."""
    data = tmp_dir("chroma-backed") / "data"
    env = {
        "VCA_CHROMA_HOST": host,
        "VCA_CHROMA_PORT": str(port),
        "VCA_STORE__COLLECTION": f"api-tests-{uuid.uuid4().hex[:8]}",
    }
    report = ingest(data, **env)
    assert report["documents"] >= 10, report
    with run_server(data, VCA_RATE_LIMIT_PER_MINUTE="0", **env) as server:
        yield server


def parse_sse(raw: str) -> list[tuple[str, str]]:
    """(event, data) pairs from a raw event stream (`message` when unnamed)."""
    events = []
    for block in raw.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.split("\n"):
            if not line or line.startswith(":"):
                continue
            field, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if field == "event":
                name = value
            elif field == "data":
                data.append(value)
        if data:
            events.append((name, "\n".join(data)))
    return events
