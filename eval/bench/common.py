"""Shared pieces of the benchmarks: timing, percentiles, disk usage and the serving probe."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
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
    "合作企业每年接收的实习学生是多少？",  # loads jieba's part-of-speech tagger (1.2 s)
]


#: Iterations of the CPU probe: about 0.23 s of pure Python on the project machine.
PROBE_LOOPS = 5_000_000


def cpu_probe_s() -> float:
    """Seconds a fixed pure-Python loop takes now: how fast the machine's cores are at the
    moment. On the project's virtual machine a loop like it took up to 1.4 times as long at
    some hours of one afternoon (2026-11-26) with nothing else running, so absolute figures
    of different runs are compared with this beside them."""
    start = time.perf_counter()
    total = 0
    for i in range(PROBE_LOOPS):
        total += i
    return round(time.perf_counter() - start, 3)


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
    """What one serving probe measured over the timed questions."""

    retrieval_ms: list[float] = field(default_factory=list)
    answer_ms: list[float] = field(default_factory=list)
    #: Per question, milliseconds per stage (`eval.bench.stages`; our stack only).
    stages: list[dict[str, float]] = field(default_factory=list)
    hits: int = 0
    planted: int = 0
    answers_found: int = 0
    peak_rss_mb: float = 0.0
    cold_start_s: float = 0.0
    #: Seconds of each start-up step the probe reported (our stack only).
    startup: dict[str, float] = field(default_factory=dict)
    answerer: str = "none"

    @property
    def recall(self) -> float:
        """Share of planted questions whose chunk came back in the top five."""
        return self.hits / self.planted if self.planted else 0.0

    def add(self, query: BenchQuery, result: dict[str, Any]) -> None:
        """Record one probe result for `query`."""
        self.retrieval_ms.append(float(result["retrieval_ms"]))
        if result.get("stages"):
            self.stages.append({k: float(v) for k, v in result["stages"].items()})
        if result.get("answer_ms") is not None:
            self.answer_ms.append(float(result["answer_ms"]))
            if query.answer and query.answer in str(result.get("answer") or ""):
                self.answers_found += 1
        if query.gold is not None:
            self.planted += 1
            self.hits += query.gold in result["ids"][:5]


def thread_env(threads: int | None) -> dict[str, str]:
    """Environment that caps torch's intra-op threads in a child process (None: default)."""
    if not threads:
        return {}
    return {"OMP_NUM_THREADS": str(threads), "MKL_NUM_THREADS": str(threads)}


class Probe:
    """A serving process (`eval.bench.probe`) over a persisted index; see that module.

    The cold start is the wall time from spawning the process until its first answer.
    """

    def __init__(
        self, side: str, data_dir: Path, provider: str, threads: int | None = None
    ) -> None:
        root = Path(__file__).resolve().parents[2]
        path = os.pathsep.join([str(root), *filter(None, [os.environ.get("PYTHONPATH")])])
        cmd = [
            sys.executable,
            "-m",
            "eval.bench.probe",
            side,
            str(data_dir),
            "--provider",
            provider,
        ]
        self.side = side
        self.stats = QueryStats()
        start = time.perf_counter()
        self._proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=root,
            env={**os.environ, **thread_env(threads), "PYTHONPATH": path},
            encoding="utf-8",
        )
        ready = self._read()
        self.stats.cold_start_s = time.perf_counter() - start
        self.stats.answerer = str(ready.get("answerer", "none"))
        self.stats.startup = {k: float(v) for k, v in (ready.get("startup") or {}).items()}

    def _read(self) -> dict[str, Any]:
        assert self._proc.stdout is not None
        line = self._proc.stdout.readline()
        if not line:
            self.kill()
            raise RuntimeError(f"the {self.side} serving probe exited ({self._proc.poll()})")
        return dict(json.loads(line))

    def ask(self, query: BenchQuery) -> None:
        """Ask one question and record its timings."""
        assert self._proc.stdin is not None
        self._proc.stdin.write(json.dumps({"q": query.text}, ensure_ascii=False) + "\n")
        self._proc.stdin.flush()
        self.stats.add(query, self._read())

    def close(self) -> QueryStats:
        """End the process; its peak RSS goes into the stats."""
        assert self._proc.stdin is not None
        self._proc.stdin.write("\n")
        self._proc.stdin.flush()
        self.stats.peak_rss_mb = float(self._read()["peak_rss_mb"])
        self._proc.wait(timeout=60)
        return self.stats

    def kill(self) -> None:
        """Stop the process if it still runs."""
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()


def measure(probes: list[Probe], queries: list[BenchQuery], progress: bool = True) -> None:
    """Ask every probe each question in turn (order alternating), so load hits all alike."""
    from tqdm import tqdm

    for i, query in enumerate(
        tqdm(queries, desc="queries", unit="q", disable=not progress, file=sys.stderr)
    ):
        for probe in probes if i % 2 == 0 else probes[::-1]:
            probe.ask(query)
