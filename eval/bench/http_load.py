"""A bounded HTTP load test of the real server (uvicorn in a subprocess, 127.0.0.1 only).

N asyncio clients POST varied questions to /api/chat for S seconds (at most MAX_REQUESTS
in all); the report gives requests/s, latency percentiles and errors by kind.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from eval.bench.common import percentile, thread_env
from eval.bench.synthetic import realistic_questions

HOST = "127.0.0.1"
MAX_REQUESTS = 50_000
REQUEST_TIMEOUT_S = 30.0
STARTUP_TIMEOUT_S = 180.0
#: Distinct questions the clients cycle through: more than 90 requests/s for 30 s, so none
#: is asked twice (a repeat's embedding would come from the server's query cache).
QUESTIONS = 2900


def free_port() -> int:
    """A port that is free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _processes(pid: int) -> list[int]:
    """`pid` and its descendants (uvicorn's worker processes)."""
    import psutil

    try:
        return [pid, *(c.pid for c in psutil.Process(pid).children(recursive=True))]
    except psutil.Error:
        return [pid]


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of the server (all its processes and threads) so far, in s."""
    total = 0.0
    for one in _processes(pid):
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _server_rss_mb(pid: int) -> float:
    """The server's peak resident memory: its processes' peaks added up."""
    total = 0.0
    for one in _processes(pid):
        try:
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            pass
    return total


def start_server(
    data_dir: Path,
    port: int,
    provider: str,
    log: Path,
    threads: int | None = None,
    workers: int = 1,
) -> subprocess.Popen[bytes]:
    """uvicorn with the app factory over `data_dir`, rate limit off, extractive answers, in
    `workers` processes."""
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        **thread_env(threads),
        "VCA_DATA_DIR": str(data_dir),
        "VCA_RATE_LIMIT_PER_MINUTE": "0",
        "VCA_EMBEDDING_PROVIDER": provider,
        "VCA_LLM_PROVIDER": "extractive",
        "VCA_CHROMA_HOST": "",
        "PYTHONPATH": os.pathsep.join([str(root), *filter(None, [os.environ.get("PYTHONPATH")])]),
    }
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "service.api.app:app_from_env",
        "--host",
        HOST,
        "--port",
        str(port),
        "--no-access-log",
        "--log-level",
        "warning",
        *(["--workers", str(workers)] if workers > 1 else []),
    ]
    with log.open("wb") as fh:  # the child keeps its own descriptor
        return subprocess.Popen(cmd, env=env, cwd=data_dir, stdout=fh, stderr=subprocess.STDOUT)


#: The server has settled (every worker warmed up) when it uses less CPU than this share of
#: one core over a second (the warm-up keeps a core busy for seconds).
SETTLED_CPU_SHARE = 0.2


def _wait_settled(pid: int) -> None:
    """Wait until the server's processes stop using CPU (all workers warmed up)."""
    start = time.perf_counter()
    while time.perf_counter() - start < STARTUP_TIMEOUT_S:
        before = _cpu_seconds(pid)
        time.sleep(1.0)
        if _cpu_seconds(pid) - before < SETTLED_CPU_SHARE:
            return


async def _wait_ready(base: str, proc: subprocess.Popen[bytes]) -> float:
    import httpx

    start = time.perf_counter()
    async with httpx.AsyncClient(timeout=5.0) as client:
        while time.perf_counter() - start < STARTUP_TIMEOUT_S:
            if proc.poll() is not None:
                raise RuntimeError(f"the server exited with code {proc.returncode}")
            try:
                if (await client.get(f"{base}/readyz")).status_code == 200:
                    return time.perf_counter() - start
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.25)
    raise RuntimeError("the server did not become ready in time")


async def _clients(
    base: str, questions: list[str], clients: int, seconds: float
) -> tuple[list[float], dict[str, int], int, float]:
    import httpx

    latencies: list[float] = []
    errors: dict[str, int] = {}
    sent = 0
    deadline = time.perf_counter() + seconds

    async def one(client: httpx.AsyncClient, number: int) -> None:
        nonlocal sent
        i = number
        while time.perf_counter() < deadline and sent < MAX_REQUESTS:
            sent += 1
            question = questions[i % len(questions)]
            i += clients
            t0 = time.perf_counter()
            try:
                resp = await client.post(f"{base}/api/chat", json={"message": question})
            except httpx.HTTPError as exc:
                errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                continue
            if resp.status_code == 200:
                latencies.append((time.perf_counter() - t0) * 1000)
            else:
                kind = f"http_{resp.status_code}"
                errors[kind] = errors.get(kind, 0) + 1

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    start = time.perf_counter()
    async with httpx.AsyncClient(timeout=REQUEST_TIMEOUT_S, limits=limits) as client:
        await asyncio.gather(*(one(client, n) for n in range(clients)))
    return latencies, errors, sent, time.perf_counter() - start


def load_test(
    data_dir: Path,
    clients: int = 16,
    seconds: float = 30.0,
    provider: str = "sentence-transformers",
    seed: int = 13,
    threads: int | None = None,
    workers: int = 1,
) -> dict[str, Any]:
    """Serve `data_dir` with `workers` processes and hammer /api/chat; returns the report."""
    port = free_port()
    base = f"http://{HOST}:{port}"
    questions = realistic_questions(QUESTIONS, seed)
    with tempfile.TemporaryDirectory(prefix="vca-http-") as tmp:
        log = Path(tmp) / "server.log"
        proc = start_server(data_dir, port, provider, log, threads, workers)
        try:
            ready_s = asyncio.run(_wait_ready(base, proc))
            if workers > 1:
                _wait_settled(proc.pid)  # the first worker answers while others warm up
            print(
                f"bench: server ready in {ready_s:.1f}s ({workers} worker(s)); "
                f"{clients} clients for {seconds:g}s",
                file=sys.stderr,
                flush=True,
            )
            server_cpu, client_cpu = _cpu_seconds(proc.pid), time.process_time()
            latencies, errors, sent, elapsed = asyncio.run(
                _clients(base, questions, clients, seconds)
            )
            server_cpu = _cpu_seconds(proc.pid) - server_cpu
            client_cpu = time.process_time() - client_cpu
            rss = _server_rss_mb(proc.pid)
        except RuntimeError:
            print(log.read_text(errors="replace")[-3000:], file=sys.stderr)
            raise
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
    return {
        "workers": workers,
        "clients": clients,
        "seconds": round(elapsed, 2),
        "requests": sent,
        "ok": len(latencies),
        "requests_per_s": round(len(latencies) / elapsed, 2) if elapsed else 0.0,
        "latency_p50_ms": round(percentile(latencies, 50), 1),
        "latency_p95_ms": round(percentile(latencies, 95), 1),
        "latency_p99_ms": round(percentile(latencies, 99), 1),
        "errors": errors,
        # CPU per answered request: what bounds requests/s on a busy machine
        "server_cpu_ms_per_request": round(1000 * server_cpu / max(1, sent), 1),
        "client_cpu_ms_per_request": round(1000 * client_cpu / max(1, sent), 1),
        "server_ready_s": round(ready_s, 2),
        "server_peak_rss_mb": round(rss, 1),
        "distinct_questions": len(questions),
    }
