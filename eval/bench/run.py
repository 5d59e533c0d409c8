"""One benchmark run per collection size: ours, the baseline and the raw model, same chunks."""

from __future__ import annotations

import gc
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from eval.bench import baseline, ours
from eval.bench.common import Probe, QueryStats, dir_mb, measure, percentile
from eval.bench.synthetic import generate

RAW_SAMPLE = 5000


def _side(
    ingest_s: float | None, chunks: int, stats: QueryStats, index_mb: float
) -> dict[str, Any]:
    return {
        "ingest_chunks_per_s": round(chunks / ingest_s, 2) if ingest_s else None,
        "retrieval_p50_ms": round(percentile(stats.retrieval_ms, 50), 2),
        "retrieval_p95_ms": round(percentile(stats.retrieval_ms, 95), 2),
        "recall_at_5": round(stats.recall, 4),
        "peak_rss_mb": round(stats.peak_rss_mb, 1),
        "index_mb": round(index_mb, 1),
        "cold_start_s": round(stats.cold_start_s, 2),
    }


def run_size(
    chunks: int,
    queries: int = 200,
    provider: str = "sentence-transformers",
    skip_baseline: bool = False,
    progress: bool = True,
    work_dir: Path | None = None,
    seed: int = 13,
    keep: Path | None = None,
    approx: bool = False,
    threads: int | None = None,
) -> dict[str, Any]:
    """Benchmark both stacks on a synthetic collection of `chunks` chunks.

    Both indexes are built first; then a serving process per stack answers the same
    questions in lockstep. With `keep`, our data dir is copied there (for the HTTP test).
    With `approx`, passages get approximate vectors (`eval.bench.vectors`) and ingest
    throughput is not measured.
    """
    corpus = generate(chunks, seed=seed, queries=queries)
    asked = corpus.queries(queries)
    texts = [c.embed_text for c in corpus.chunks]
    sample = random.Random(seed).sample(texts, min(len(texts), RAW_SAMPLE))
    planted = sum(q.gold is not None for q in asked)
    _log(f"{chunks} chunks, {len(asked)} questions ({planted} planted)")
    table = None
    if approx:
        if provider != "sentence-transformers":
            raise ValueError("--approx-vectors needs the sentence-transformers provider")
        from eval.bench.vectors import approximate

        table = approximate(corpus)
    raw = None if approx else round(ours.raw_encode_rate(sample, provider), 2)
    result: dict[str, Any] = {"chunks": chunks, "raw_encode_chunks_per_s": raw}
    if approx:
        result["approx_vectors"] = True
    load: dict[str, list[float]] = {"start": _load()}
    with tempfile.TemporaryDirectory(prefix="vca-bench-", dir=work_dir) as tmp:
        ours_dir, base_dir = Path(tmp) / "ours", Path(tmp) / "baseline"
        ours_s, container = ours.ingest(corpus.chunks, ours_dir, provider, progress, table)
        del container
        load["after_ours_ingest"] = _load()
        _log(f"ours: ingested in {ours_s:.1f}s")
        base_s = 0.0
        if not skip_baseline:
            base_s, ensemble = baseline.ingest(corpus.chunks, base_dir, progress, table)
            del ensemble
            load["after_baseline_ingest"] = _load()
            _log(f"baseline: ingested in {base_s:.1f}s")
        gc.collect()
        probes: list[Probe] = []
        try:
            probes.append(Probe("ours", ours_dir, provider, threads))
            if not skip_baseline:
                probes.append(Probe("baseline", base_dir, provider, threads))
            _log(
                "serving: "
                + ", ".join(f"{p.side} ready in {p.stats.cold_start_s:.1f}s" for p in probes)
            )
            measure(probes, asked, progress)
            stats = [p.close() for p in probes]
        finally:
            for probe in probes:
                probe.kill()
        load["end"] = _load()
        side = _side(None if approx else ours_s, chunks, stats[0], dir_mb(ours_dir))
        side["answer_p50_ms"] = round(percentile(stats[0].answer_ms, 50), 2)
        side["answer_p95_ms"] = round(percentile(stats[0].answer_ms, 95), 2)
        side["answerer"] = stats[0].answerer
        side["answers_with_fact"] = f"{stats[0].answers_found}/{stats[0].planted}"
        result["ours"] = side
        result["baseline"] = (
            None
            if skip_baseline
            else _side(None if approx else base_s, chunks, stats[1], dir_mb(base_dir))
        )
        result["load_average"] = load
        if keep is not None:
            shutil.rmtree(keep, ignore_errors=True)
            shutil.copytree(ours_dir, keep)
    return result


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)
