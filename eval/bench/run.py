"""One benchmark run per collection size: ours, the baseline and the raw model, same chunks."""

from __future__ import annotations

import contextlib
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
from eval.bench.stages import floor, startup_breakdown, summarize
from eval.bench.synthetic import generate

RAW_SAMPLE = 5000
#: Marks an index folder whose ingest finished (`--reuse`); holds the key it was built for.
COMPLETE = ".bench-complete"


def index_key(chunks: int, seed: int, provider: str, approx: bool) -> str:
    """The name of a kept index folder: what the synthetic collection and its vectors
    depend on, plus the lexical index's saved format (a new format needs a new build)."""
    from retrieval.lexical import FORMAT

    return f"n{chunks}-s{seed}-{provider}{'-approx' if approx else ''}-lex{FORMAT}"


def is_complete(folder: Path, key: str) -> bool:
    """Whether `folder` holds a finished ingest for `key`."""
    marker = folder / COMPLETE
    return marker.is_file() and marker.read_text(encoding="utf-8").strip() == key


def mark_complete(folder: Path, key: str) -> None:
    """Record that `folder` holds a finished ingest for `key`."""
    (folder / COMPLETE).write_text(key, encoding="utf-8")


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
    reuse: bool = False,
) -> dict[str, Any]:
    """Benchmark both stacks on a synthetic collection of `chunks` chunks.

    Both indexes are built first; then a serving process per stack answers the same
    questions in lockstep. With `keep`, our data dir is copied there (for the HTTP test).
    With `approx`, passages get approximate vectors (`eval.bench.vectors`) and ingest
    throughput is not measured. With `reuse`, the indexes are kept in `work_dir` (one
    folder per `index_key`) and a later run with the same key skips the ingest (its ingest
    rate is then not measured).
    """
    corpus = generate(chunks, seed=seed, queries=queries)
    asked = corpus.queries(queries)
    texts = [c.embed_text for c in corpus.chunks]
    sample = random.Random(seed).sample(texts, min(len(texts), RAW_SAMPLE))
    planted = sum(q.gold is not None for q in asked)
    _log(f"{chunks} chunks, {len(asked)} questions ({planted} planted)")
    result: dict[str, Any] = {"chunks": chunks, "raw_encode_chunks_per_s": None}
    if approx:
        result["approx_vectors"] = True
    load: dict[str, list[float]] = {"start": _load()}
    key = index_key(chunks, seed, provider, approx)
    with contextlib.ExitStack() as stack:
        if reuse:
            if work_dir is None:
                raise ValueError("reusing indexes needs a work dir")
            root = Path(work_dir) / f"vca-index-{key}"
            root.mkdir(parents=True, exist_ok=True)
        else:
            root = Path(
                stack.enter_context(tempfile.TemporaryDirectory(prefix="vca-bench-", dir=work_dir))
            )
        ours_dir, base_dir = root / "ours", root / "baseline"
        have_ours = reuse and is_complete(ours_dir, key)
        have_base = skip_baseline or (reuse and is_complete(base_dir, key))
        table = None
        if approx and not (have_ours and have_base):
            if provider != "sentence-transformers":
                raise ValueError("--approx-vectors needs the sentence-transformers provider")
            from eval.bench.vectors import approximate

            table = approximate(corpus)
        measure_ingest = not approx and not have_ours
        if measure_ingest:
            result["raw_encode_chunks_per_s"] = round(ours.raw_encode_rate(sample, provider), 2)
        ours_s: float | None = None
        if have_ours:
            _log(f"ours: reusing the index in {ours_dir}")
        else:
            shutil.rmtree(ours_dir, ignore_errors=True)
            ours_s, container = ours.ingest(corpus.chunks, ours_dir, provider, progress, table)
            del container
            if reuse:
                mark_complete(ours_dir, key)
            load["after_ours_ingest"] = _load()
            _log(f"ours: ingested in {ours_s:.1f}s")
        base_s: float | None = None
        if skip_baseline:
            pass
        elif have_base:
            _log(f"baseline: reusing the index in {base_dir}")
        else:
            shutil.rmtree(base_dir, ignore_errors=True)
            base_s, ensemble = baseline.ingest(corpus.chunks, base_dir, progress, table)
            del ensemble
            if reuse:
                mark_complete(base_dir, key)
            load["after_baseline_ingest"] = _load()
            _log(f"baseline: ingested in {base_s:.1f}s")
        del table
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
        side = _side(ours_s if measure_ingest else None, chunks, stats[0], dir_mb(ours_dir))
        side["answer_p50_ms"] = round(percentile(stats[0].answer_ms, 50), 2)
        side["answer_p95_ms"] = round(percentile(stats[0].answer_ms, 95), 2)
        side["answerer"] = stats[0].answerer
        side["stages_ms"] = summarize(stats[0].stages)
        side["startup_s"] = startup_breakdown(stats[0].startup, stats[0].cold_start_s)
        side.update(floor(side["stages_ms"], side["retrieval_p95_ms"]))
        side["answers_with_fact"] = f"{stats[0].answers_found}/{stats[0].planted}"
        result["ours"] = side
        result["baseline"] = (
            None
            if skip_baseline
            else _side(base_s if measure_ingest else None, chunks, stats[1], dir_mb(base_dir))
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
