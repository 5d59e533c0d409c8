"""Shared pieces of the benchmarks: timing, percentiles, disk usage and the serving probe."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from eval.bench.synthetic import BenchQuery

WARMUP = [
    "What does school-enterprise cooperation mean for vocational students?",
    "职业院校如何开展校企合作？",
    "Which training bases were built with enterprises?",
    "实习学生的报酬有什么规定？",
    "How are apprenticeships organised in vocational colleges?",
]


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (linear interpolation) of `values`, 0 when empty."""
    return float(np.percentile(np.asarray(values), q)) if values else 0.0


def dir_mb(path: Path) -> float:
    """Disk usage of a folder in MiB (allocated blocks, like `du`)."""
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                st = os.lstat(os.path.join(root, name))
            except OSError:
                continue
            total += getattr(st, "st_blocks", 0) * 512 or st.st_size
    return total / 2**20


def peak_rss_mb() -> float:
    """This process's peak resident set size in MiB.

    Read from VmHWM, which starts afresh at exec; `ru_maxrss` would carry the parent's peak
    over into a spawned child on Linux.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class QueryStats:
    """What the serving probe measured over the timed questions."""

    retrieval_ms: list[float]
    answer_ms: list[float]
    hits: int
    planted: int
    answers_found: int
    peak_rss_mb: float
    cold_start_s: float = 0.0
    answerer: str = "none"

    @property
    def recall(self) -> float:
        """Share of planted questions whose chunk came back in the top five."""
        return self.hits / self.planted if self.planted else 0.0


def run_queries(
    search: Callable[[str], list[str]],
    queries: list[BenchQuery],
    answer: Callable[[str, Any], str] | None = None,
    progress: bool = True,
) -> QueryStats:
    """Time each query once (after the warm-up questions) and count planted hits."""
    from tqdm import tqdm

    retrieval_ms: list[float] = []
    answer_ms: list[float] = []
    hits = planted = found = 0
    for query in tqdm(queries, desc="queries", unit="q", disable=not progress, file=sys.stderr):
        t0 = time.perf_counter()
        ids = search(query.text)
        t1 = time.perf_counter()
        retrieval_ms.append((t1 - t0) * 1000)
        if answer is not None:
            text = answer(query.text, ids)
            answer_ms.append((time.perf_counter() - t0) * 1000)
            if query.answer and query.answer in text:
                found += 1
        if query.gold is not None:
            planted += 1
            hits += query.gold in _ids(ids)[:5]
    return QueryStats(retrieval_ms, answer_ms, hits, planted, found, peak_rss_mb())


def _ids(result: Any) -> list[str]:
    """Chunk ids of a search result (ours: `SearchHit`s; baseline: ids)."""
    return [getattr(r, "chunk_id", r) for r in result]


def probe(side: str, data_dir: Path, queries: list[BenchQuery], provider: str,
          timeout_s: float = 3600) -> QueryStats:
    """Serve `queries` from the persisted index in a fresh process (`eval.bench.probe`).

    The cold start is the wall time from spawning that process until its first answer.
    """
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump([asdict(q) for q in queries], fh, ensure_ascii=False)
        qfile = fh.name
    cmd = [sys.executable, "-m", "eval.bench.probe", side, str(data_dir), qfile,
           "--provider", provider]
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(root), *filter(None, [os.environ.get("PYTHONPATH")])])}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env, cwd=root)
    cold = 0.0
    result: dict[str, Any] = {}
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            event = json.loads(line)
            if event["event"] == "ready" and not cold:
                cold = time.perf_counter() - start
            elif event["event"] == "done":
                result = event
        proc.wait(timeout=timeout_s)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.unlink(qfile)
    if proc.returncode != 0 or not result:
        raise RuntimeError(f"the {side} serving probe failed (exit {proc.returncode})")
    result.pop("event")
    return QueryStats(**result, cold_start_s=cold)
