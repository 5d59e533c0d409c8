"""The human table and the targets check (every target printed as met or missed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

P95_LIMIT_MS = 60.0
ANSWER_P95_LIMIT_MS = 100.0
INGEST_SHARE = 0.9
RSS_LIMIT_MB = 1200.0
READY_LIMIT_S = 10.0
RECALL_SLACK = 0.0  # "equal or better" recall@5


@dataclass(frozen=True)
class Target:
    """One target at one collection size; `ratio` is measured / target value."""

    chunks: int
    name: str
    measured: float
    target: float
    at_least: bool
    unit: str = ""

    @property
    def met(self) -> bool:
        """Whether the measured value is on the right side of the target."""
        return self.measured >= self.target if self.at_least else self.measured <= self.target

    @property
    def ratio(self) -> float | None:
        """measured / target (>= 1 meets an "at least" target, <= 1 an "at most" one)."""
        return self.measured / self.target if self.target else None

    def line(self) -> str:
        """`met   ...` or `MISSED ...` with the measured value and the ratio."""
        op = ">=" if self.at_least else "<="
        status = "met   " if self.met else "MISSED"
        return (
            f"{status} [{self.chunks:>7} chunks] {self.name} {op} {self.target:g}{self.unit}: "
            f"measured {_num(self.measured)}{self.unit}"
            + (f" (ratio {self.ratio:.3f})" if self.ratio is not None else "")
        )

    def to_json(self) -> dict[str, Any]:
        """The target as a JSON object."""
        return {
            "chunks": self.chunks,
            "name": self.name,
            "measured": round(self.measured, 4),
            "target": self.target,
            "at_least": self.at_least,
            "met": self.met,
            "ratio": None if self.ratio is None else round(self.ratio, 4),
        }


def _num(value: float) -> str:
    """Three decimals for small values (so 0.898 does not print as 0.90), one otherwise."""
    return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"


def speedup_needed(chunks: int) -> float | None:
    """Required p95 speed-up over the baseline: 5x from 100k chunks, 3x from 20k, else none."""
    if chunks >= 100_000:
        return 5.0
    if chunks >= 20_000:
        return 3.0
    return None


def targets(run: dict[str, Any]) -> list[Target]:
    """The targets that apply to one run (one collection size)."""
    n = int(run["chunks"])
    ours = run["ours"]
    out = [
        Target(n, "hybrid retrieval p95", ours["retrieval_p95_ms"], P95_LIMIT_MS, False, " ms"),
        Target(n, "answer p95", ours["answer_p95_ms"], ANSWER_P95_LIMIT_MS, False, " ms"),
        Target(n, "serving peak RSS", ours["peak_rss_mb"], RSS_LIMIT_MB, False, " MiB"),
        Target(n, "ready (cold start)", ours["cold_start_s"], READY_LIMIT_S, False, " s"),
    ]
    if ours["ingest_chunks_per_s"] and run["raw_encode_chunks_per_s"]:
        share = ours["ingest_chunks_per_s"] / run["raw_encode_chunks_per_s"]
        out.append(Target(n, "ingest share of raw encode", share, INGEST_SHARE, True))
    base = run.get("baseline")
    needed = speedup_needed(n)
    if base and needed:
        speedup = base["retrieval_p95_ms"] / max(ours["retrieval_p95_ms"], 1e-9)
        out.append(Target(n, "p95 speed-up over baseline", speedup, needed, True, "x"))
        out.append(
            Target(
                n,
                "recall@5 minus baseline",
                ours["recall_at_5"] - base["recall_at_5"],
                -RECALL_SLACK,
                True,
            )
        )
    return out


_ROWS = [
    ("ingest chunks/s", "ingest_chunks_per_s", True),
    ("retrieval p50 ms", "retrieval_p50_ms", False),
    ("retrieval p95 ms", "retrieval_p95_ms", False),
    ("answer p50 ms", "answer_p50_ms", False),
    ("answer p95 ms", "answer_p95_ms", False),
    ("recall@5", "recall_at_5", True),
    ("serving peak RSS MiB", "peak_rss_mb", False),
    ("index MiB", "index_mb", False),
    ("cold start s", "cold_start_s", False),
]


def _cell(value: Any) -> str:
    return "-" if value is None else f"{value:.4g}" if isinstance(value, float) else str(value)


def table(run: dict[str, Any]) -> str:
    """A plain-text comparison of one run."""
    ours, base = run["ours"], run.get("baseline") or {}
    raw = run["raw_encode_chunks_per_s"]
    encode = f"{raw:.4g} chunks/s" if raw else "not measured (approximate vectors)"
    lines = [
        f"== {run['chunks']} chunks: raw model.encode {encode}; "
        f"answerer: {ours.get('answerer', '?')}",
        f"{'metric':<22}{'ours':>12}{'baseline':>12}{'ours vs baseline':>20}",
    ]
    for label, key, higher_better in _ROWS:
        a, b = ours.get(key), base.get(key)
        versus = ""
        if isinstance(a, int | float) and isinstance(b, int | float) and a and b:
            factor = a / b if higher_better else b / a
            versus = f"{factor:.2f}x {'better' if factor >= 1 else 'worse'}"
        lines.append(f"{label:<22}{_cell(a):>12}{_cell(b):>12}{versus:>20}")
    return "\n".join(lines)


def summary(runs: list[dict[str, Any]]) -> str:
    """Tables for every run, then every target line."""
    lines = ["targets (the query-embedding cache never hits: each question is asked once)"]
    lines += [t.line() for r in runs for t in targets(r)]
    lines += [
        f"not measured [{r['chunks']:>7} chunks] ingest share of raw encode "
        "(approximate vectors: see docs/benchmarks.md)"
        for r in runs
        if r.get("approx_vectors")
    ]
    return "\n\n".join(table(r) for r in runs) + "\n\n" + "\n".join(lines)
