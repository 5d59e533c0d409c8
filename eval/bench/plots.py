"""PNG plots of benchmark runs (matplotlib, Agg backend)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eval.bench.report import HTTP_MIN_RPS, HTTP_P95_LIMIT_MS, P95_LIMIT_MS

OURS, BASE, RAW = "#1f77b4", "#d62728", "#7f7f7f"


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _series(runs: list[dict[str, Any]], side: str, key: str) -> tuple[list[int], list[float]]:
    xs, ys = [], []
    for run in sorted(runs, key=lambda r: r["chunks"]):
        if run.get(side) and run[side].get(key) is not None:
            xs.append(int(run["chunks"]))
            ys.append(float(run[side][key]))
    return xs, ys


def _size_axis(ax: Any, runs: list[dict[str, Any]], log: bool = True) -> None:
    from matplotlib.ticker import NullLocator

    by_size = {int(r["chunks"]): bool(r.get("approx_vectors")) for r in runs}
    sizes = sorted(by_size)
    if len(sizes) > 1 and log:
        ax.set_xscale("log")
        ax.xaxis.set_minor_locator(NullLocator())
    ax.set_xticks(sizes)
    ax.set_xticklabels(
        [(f"{s // 1000}k" if s >= 1000 else str(s)) + ("*" if by_size[s] else "") for s in sizes]
    )
    label = "collection size (chunks)"
    if any(by_size.values()):
        label += "; * approximate passage vectors"
    ax.set_xlabel(label)
    ax.grid(True, alpha=0.3)


def latency(runs: list[dict[str, Any]], path: Path) -> None:
    """Retrieval p95 latency against collection size, ours vs the baseline."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    ax.plot(*_series(runs, "ours", "retrieval_p95_ms"), "o-", color=OURS, label="ours (hybrid)")
    ax.plot(
        *_series(runs, "ours", "answer_p95_ms"),
        "s--",
        color=OURS,
        alpha=0.6,
        label="ours (full answer)",
    )
    ax.plot(
        *_series(runs, "baseline", "retrieval_p95_ms"), "o-", color=BASE, label="LangChain ensemble"
    )
    ax.axhline(P95_LIMIT_MS, color=RAW, linestyle=":", label=f"target {P95_LIMIT_MS:g} ms")
    ax.set_yscale("log")
    ax.set_ylabel("p95 latency (ms, log)")
    ax.set_title("Retrieval latency (ours: the service's k; baseline: k=5)")
    _size_axis(ax, runs)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def throughput(runs: list[dict[str, Any]], path: Path) -> None:
    """Ingest throughput against collection size, with the raw model for reference."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    ax.plot(*_series(runs, "ours", "ingest_chunks_per_s"), "o-", color=OURS, label="ours")
    ax.plot(
        *_series(runs, "baseline", "ingest_chunks_per_s"),
        "o-",
        color=BASE,
        label="LangChain (Chroma.add_texts + BM25)",
    )
    raw = sorted((r for r in runs if r["raw_encode_chunks_per_s"]), key=lambda r: r["chunks"])
    ax.plot(
        [r["chunks"] for r in raw],
        [r["raw_encode_chunks_per_s"] for r in raw],
        "x:",
        color=RAW,
        label="raw model.encode",
    )
    measured = bool(raw) or any(
        _series(runs, side, "ingest_chunks_per_s")[0] for side in ("ours", "baseline")
    )
    if not measured:
        ax.text(0.5, 0.5, "not measured (approximate vectors)", ha="center", transform=ax.transAxes)
    ax.set_ylabel("chunks per second")
    ax.set_ylim(bottom=0)
    ax.set_title("Ingest throughput")
    _size_axis(ax, runs, log=measured)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def recall(runs: list[dict[str, Any]], path: Path) -> None:
    """recall@5 on the planted facts, grouped bars per collection size."""
    plt = _pyplot()
    runs = sorted(runs, key=lambda r: r["chunks"])
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    xs = range(len(runs))
    ax.bar(
        [x - 0.2 for x in xs],
        [r["ours"]["recall_at_5"] for r in runs],
        0.4,
        color=OURS,
        label="ours",
    )
    ax.bar(
        [x + 0.2 for x in xs],
        [(r.get("baseline") or {}).get("recall_at_5", 0.0) for r in runs],
        0.4,
        color=BASE,
        label="LangChain ensemble",
    )
    ax.set_xticks(list(xs))
    ax.set_xticklabels([f"{r['chunks']:,}" for r in runs])
    ax.set_xlabel("collection size (chunks)")
    ax.set_ylabel("recall@5 (planted facts)")
    ax.set_ylim(0, 1.05)
    ax.set_title("Recall@5")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def stacked_stages(runs: list[dict[str, Any]]) -> dict[str, dict[str, list[float]]]:
    """Per statistic ("p50", "p95"), per stacked stage, its value at each run's size (0
    where a run lacks it): the question's own thread, in order; the stages beside it
    (the embedding, the ANN search) are drawn as the floor, not stacked."""
    from eval.bench.stages import BESIDE, STAGES

    runs = sorted(runs, key=lambda r: r["chunks"])
    stacked = [name for name in STAGES if name not in BESIDE]
    return {
        stat: {
            name: [
                float(((r["ours"].get("stages_ms") or {}).get(name) or {}).get(stat, 0.0))
                for r in runs
            ]
            for name in stacked
        }
        for stat in ("p50", "p95")
    }


def stages(runs: list[dict[str, Any]], path: Path) -> None:
    """Stacked bars of the per-stage median and p95 of our serving path per collection size,
    with the floor (query-embedding p95) and the measured answer p95 marked."""
    plt = _pyplot()
    runs = sorted(runs, key=lambda r: r["chunks"])
    data = stacked_stages(runs)
    cmap = plt.get_cmap("tab20")
    fig, axes = plt.subplots(1, 2, figsize=(10.5, 4.4), sharey=True)
    xs = list(range(len(runs)))
    for ax, (stat, per_stage) in zip(axes, data.items(), strict=True):
        bottom = [0.0] * len(runs)
        for i, (name, values) in enumerate(per_stage.items()):
            if not any(values):
                continue
            ax.bar(xs, values, 0.6, bottom=bottom, color=cmap(i), label=name)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        floors = [r["ours"].get("floor_p95_ms") for r in runs]
        ax.plot(
            [x for x, f in zip(xs, floors, strict=True) if f],
            [f for f in floors if f],
            "k_",
            markersize=28,
            mew=2,
            label="floor: embedding p95",
        )
        key = f"answer_{stat}_ms"
        ax.plot(xs, [r["ours"].get(key, 0.0) for r in runs], "r*", label=f"answer {stat}")
        ax.set_xticks(xs)
        ax.set_xticklabels([f"{r['chunks']:,}" for r in runs])
        ax.set_xlabel("collection size (chunks)")
        ax.set_title(f"per-stage {'median' if stat == 'p50' else 'p95'}")
        ax.grid(True, axis="y", alpha=0.3)
    axes[0].set_ylabel("milliseconds")
    axes[1].legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.suptitle("Where a question's time goes (ours; embedding and ANN run beside BM25)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def http_load(run: dict[str, Any], path: Path) -> None:
    """The HTTP load test per number of server processes: requests/s, and p50/p95/p99
    latency, each with the target's line."""
    plt = _pyplot()
    tests = run.get("http_runs") or [run["http"]]
    labels = [
        f"{t.get('workers', 1)} worker{'s' if t.get('workers', 1) > 1 else ''}" for t in tests
    ]
    xs = list(range(len(tests)))
    fig, (left, right) = plt.subplots(1, 2, figsize=(9.5, 4.0))
    left.bar(xs, [t["requests_per_s"] for t in tests], 0.5, color=OURS)
    left.axhline(HTTP_MIN_RPS, color="k", ls="--", lw=1, label=f"target {HTTP_MIN_RPS:g}")
    left.set_ylabel("requests per second")
    left.set_title("throughput")
    for i, (stat, shade) in enumerate((("p50", 0.45), ("p95", 0.7), ("p99", 0.95))):
        right.bar(
            [x + (i - 1) * 0.25 for x in xs],
            [t[f"latency_{stat}_ms"] for t in tests],
            0.25,
            color=plt.get_cmap("Blues")(shade),
            label=stat,
        )
    right.axhline(HTTP_P95_LIMIT_MS, color="k", ls="--", lw=1, label="p95 target")
    right.set_ylabel("milliseconds")
    right.set_title("latency")
    for ax in (left, right):
        ax.set_xticks(xs)
        ax.set_xticklabels(labels)
        ax.grid(True, axis="y", alpha=0.3)
        ax.legend(fontsize=8)
    clients, seconds = tests[0]["clients"], tests[0]["seconds"]
    fig.suptitle(f"HTTP at {run['chunks']:,} chunks: {clients} clients for {seconds:.0f} s")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_all(runs: list[dict[str, Any]], out: Path) -> list[Path]:
    """bench-latency.png, bench-throughput.png, bench-recall.png, bench-stages.png (when the
    runs have stage timings) and bench-http.png (when one was load-tested) under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "bench-latency.png", out / "bench-throughput.png", out / "bench-recall.png"]
    latency(runs, paths[0])
    throughput(runs, paths[1])
    recall(runs, paths[2])
    if any(r["ours"].get("stages_ms") for r in runs):
        paths.append(out / "bench-stages.png")
        stages(runs, paths[-1])
    loaded = [r for r in runs if r.get("http_runs") or r.get("http")]
    if loaded:
        paths.append(out / "bench-http.png")
        http_load(loaded[-1], paths[-1])
    return paths


def main(argv: list[str] | None = None) -> int:
    """`python -m eval.bench.plots OUT_DIR RESULTS.json ...`: plot runs of several results."""
    import argparse
    import json

    parser = argparse.ArgumentParser(prog="python -m eval.bench.plots")
    parser.add_argument("out", type=Path)
    parser.add_argument("results", type=Path, nargs="+")
    args = parser.parse_args(argv)
    runs: dict[int, dict[str, Any]] = {}
    for path in args.results:  # a later file wins for the same size
        for run in json.loads(path.read_text(encoding="utf-8"))["runs"]:
            runs[int(run["chunks"])] = run
    for path in write_all(list(runs.values()), args.out):
        print(path)
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main())
