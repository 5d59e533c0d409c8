"""PNG charts for the reports (matplotlib's Agg canvas; no display, no pyplot state)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from eval.metrics import percentile

Table = Mapping[str, Mapping[str, float | None]]


def _grouped_bars(
    table: Table,
    metrics: Sequence[str],
    path: Path,
    title: str,
    labels: Mapping[str, str] | None = None,
) -> Path:
    """Bars of `metrics` (0..1) side by side for each row of `table`."""
    groups = list(table)
    width = 0.8 / max(1, len(metrics))
    fig = Figure(figsize=(max(6.0, 1.4 * len(groups) + 2), 4.5), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    for j, metric in enumerate(metrics):
        xs = [i + (j - (len(metrics) - 1) / 2) * width for i in range(len(groups))]
        ys = [table[g].get(metric) or 0.0 for g in groups]
        ax.bar(xs, ys, width=width, label=(labels or {}).get(metric, metric))
    ax.set_xticks(range(len(groups)), groups, rotation=20 if len(groups) > 4 else 0, ha="right")
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("score (0-1)")
    ax.set_title(title)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(
        fontsize="small",
        ncols=min(len(metrics), 4),
        loc="upper center",
        bbox_to_anchor=(0.5, -0.18),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    return path


def metrics_by_group(
    breakdown: Table,
    metrics: Sequence[str],
    path: Path,
    title: str,
    labels: Mapping[str, str] | None = None,
) -> Path:
    """Grouped bars: one group per category (or language), one bar per metric."""
    return _grouped_bars(breakdown, metrics, path, title, labels)


def latency_histogram(latencies_ms: Sequence[float], path: Path) -> Path:
    """Histogram of per-question latency with the median and p95 marked."""
    fig = Figure(figsize=(6.5, 4), layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    data = sorted(latencies_ms)
    if data:
        ax.hist(data, bins=min(30, max(5, len(data) // 3)), color="#4878a8")
        p50 = percentile(data, 50) or 0.0
        p95 = percentile(data, 95) or 0.0
        ax.axvline(p50, color="black", linestyle="--", label=f"median {p50:.0f} ms")
        ax.axvline(p95, color="#c44e52", linestyle=":", label=f"p95 {p95:.0f} ms")
        ax.legend()
    ax.set_xlabel("latency per question (ms)")
    ax.set_ylabel("questions")
    ax.set_title("Answer latency")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    return path


def compare_bars(
    table: Table,
    metrics: Sequence[str],
    path: Path,
    labels: Mapping[str, str] | None = None,
) -> Path:
    """Side-by-side bars: one group per metric, one bar per configuration."""
    by_metric = {
        (labels or {}).get(m, m): {cfg: table[cfg].get(m) for cfg in table} for m in metrics
    }
    return _grouped_bars(by_metric, list(table), path, "Configurations compared")
