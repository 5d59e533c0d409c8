"""One benchmark run per collection size: ours, the baseline and the raw model, same chunks."""

from __future__ import annotations

import gc
import random
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from eval.bench import baseline, ours
from eval.bench.common import QueryStats, dir_mb, percentile, probe
from eval.bench.synthetic import generate

RAW_SAMPLE = 5000


def _side(ingest_s: float, chunks: int, stats: QueryStats, index_mb: float) -> dict[str, Any]:
    return {
        "ingest_chunks_per_s": round(chunks / ingest_s, 2),
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
) -> dict[str, Any]:
    """Benchmark both stacks on a synthetic collection of `chunks` chunks.

    With `keep`, our ingested data dir is copied there (for the HTTP load test).
    """
    corpus = generate(chunks, seed=seed, queries=queries)
    asked = corpus.queries(queries)
    texts = [c.embed_text for c in corpus.chunks]
    sample = random.Random(seed).sample(texts, min(len(texts), RAW_SAMPLE))
    _log(f"{chunks} chunks, {len(asked)} questions "
         f"({sum(q.gold is not None for q in asked)} planted); raw encode on {len(sample)}")
    result: dict[str, Any] = {"chunks": chunks,
                              "raw_encode_chunks_per_s": round(ours.raw_encode_rate(
                                  sample, provider), 2)}
    with tempfile.TemporaryDirectory(prefix="vca-bench-", dir=work_dir) as tmp:
        ours_dir, base_dir = Path(tmp) / "ours", Path(tmp) / "baseline"
        seconds, container = ours.ingest(corpus.chunks, ours_dir, provider, progress)
        del container
        gc.collect()
        _log(f"ours: ingested in {seconds:.1f}s; serving probe")
        stats = probe("ours", ours_dir, asked, provider)
        side = _side(seconds, chunks, stats, dir_mb(ours_dir))
        side["answer_p50_ms"] = round(percentile(stats.answer_ms, 50), 2)
        side["answer_p95_ms"] = round(percentile(stats.answer_ms, 95), 2)
        side["answerer"] = stats.answerer
        result["ours"] = side
        if keep is not None:
            shutil.rmtree(keep, ignore_errors=True)
            shutil.copytree(ours_dir, keep)
        if skip_baseline:
            result["baseline"] = None
            return result
        seconds, ensemble = baseline.ingest(corpus.chunks, base_dir, progress)
        del ensemble
        gc.collect()
        _log(f"baseline: ingested in {seconds:.1f}s; serving probe")
        stats = probe("baseline", base_dir, asked, provider)
        result["baseline"] = _side(seconds, chunks, stats, dir_mb(base_dir))
    return result


def _log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)
