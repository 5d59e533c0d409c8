"""`vca bench`'s breakdown: per-stage timings, the floor, start-up steps, targets, the
stacked plot and the reuse of built indexes (structure and behaviour, no wall clock)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from eval.bench.plots import stacked_stages, write_all
from eval.bench.report import FLOOR_MULTIPLE, P95_LIMIT_MS, p95_limit, summary, targets
from eval.bench.run import index_key, is_complete, mark_complete
from eval.bench.stages import (
    BESIDE,
    SEARCH_STAGES,
    STAGES,
    floor,
    stage_breakdown,
    startup_breakdown,
    summarize,
)
from retrieval.timing import recording, stage


def test_stages_record_only_inside_a_recording() -> None:
    with stage("dense"):  # no recording open: nothing to write to, no error
        pass
    with recording() as outer:
        with stage("lexical"):
            time.sleep(0.001)
        with stage("lexical"):  # the same stage twice adds up
            time.sleep(0.001)
        with recording() as inner, stage("dedupe"):
            pass
    assert set(outer) == {"lexical"} and outer["lexical"] >= 2.0
    assert set(inner) == {"dedupe"}


def test_breakdown_names_every_stage_and_derives_the_rest() -> None:
    recorded = {
        "embed": 9.0,
        "dense": 2.0,
        "lexical": 1.0,
        "translate": 0.5,
        "wait": 8.0,
        "lookup": 0.5,
        "answer": 12.0,
        "select": 11.0,
    }
    out = stage_breakdown(recorded, retrieval_ms=11.0)
    assert list(out) == list(STAGES)
    # The stages beside the question's thread are kept but not part of its sum.
    assert out["embed"] == 9.0 and out["dense"] == 2.0
    assert out["other"] == pytest.approx(11.0 - (1.0 + 0.5 + 8.0 + 0.5))
    assert out["refusal"] == pytest.approx(1.0)
    assert set(BESIDE).isdisjoint(SEARCH_STAGES)
    # Without an answer, no answer stages; never a negative remainder.
    bare = stage_breakdown({"lexical": 5.0}, retrieval_ms=3.0)
    assert "select" not in bare and bare["other"] == 0.0


def test_summary_floor_and_startup() -> None:
    questions = [{"embed": float(i), "lexical": 1.0} for i in range(1, 101)]
    stats = summarize(questions)
    assert list(stats) == ["embed", "lexical"]
    assert stats["embed"]["p50"] <= stats["embed"]["p95"]
    out = floor(stats, retrieval_p95_ms=2 * stats["embed"]["p95"])
    assert out["floor_p95_ms"] == stats["embed"]["p95"]
    assert out["p95_over_floor"] == pytest.approx(2.0)
    assert floor({}, 10.0) == {"floor_p95_ms": None, "p95_over_floor": None}

    steps = startup_breakdown({"model": 1.0, "imports": 2.0, "index": 0.5}, cold_start_s=4.0)
    assert list(steps) == ["imports", "model", "index", "other"]
    assert steps["other"] == pytest.approx(0.5)
    assert startup_breakdown({}, 3.0) == {}


def _run(chunks: int, retrieval_p95: float, floor_p95: float | None) -> dict[str, Any]:
    stages = {name: {"p50": 1.0, "p95": 2.0} for name in ("embed", "lexical", "wait", "select")}
    return {
        "chunks": chunks,
        "raw_encode_chunks_per_s": None,
        "approx_vectors": True,
        "ours": {
            "ingest_chunks_per_s": None,
            "retrieval_p50_ms": retrieval_p95 / 2,
            "retrieval_p95_ms": retrieval_p95,
            "recall_at_5": 1.0,
            "peak_rss_mb": 600.0,
            "index_mb": 10.0,
            "cold_start_s": 5.0,
            "answer_p50_ms": retrieval_p95,
            "answer_p95_ms": retrieval_p95 + 10,
            "answerer": "extractive",
            "stages_ms": stages,
            "startup_s": {"imports": 1.0, "model": 0.5, "other": 3.5},
            "floor_p95_ms": floor_p95,
            "p95_over_floor": retrieval_p95 / floor_p95 if floor_p95 else None,
        },
        "baseline": None,
    }


def test_p95_target_is_the_larger_of_the_limit_and_the_floor_multiple() -> None:
    assert p95_limit(_run(100_000, 20.0, 10.0)["ours"]) == P95_LIMIT_MS
    assert p95_limit(_run(100_000, 20.0, 40.0)["ours"]) == FLOOR_MULTIPLE * 40.0
    assert p95_limit(_run(100_000, 20.0, None)["ours"]) == P95_LIMIT_MS
    slow = {t.name: t for t in targets(_run(100_000, 45.0, 25.0))}
    assert not slow["hybrid retrieval p95"].met  # 45 > max(30, 37.5)
    fine = {t.name: t for t in targets(_run(100_000, 36.0, 25.0))}
    assert fine["hybrid retrieval p95"].met  # 36 <= 37.5


def test_http_targets_reported_when_load_tested() -> None:
    run = _run(20_000, 20.0, 10.0)
    assert not any(t.name.startswith("HTTP") for t in targets(run))
    run["http"] = {"requests_per_s": 50.0, "latency_p95_ms": 500.0}
    found = {t.name: t for t in targets(run)}
    assert not found["HTTP requests/s (1 worker)"].met and found["HTTP p95 (1 worker)"].met


def test_http_targets_are_reported_per_worker_count() -> None:
    run = _run(20_000, 20.0, 10.0)
    run["http_runs"] = [
        {"workers": 1, "requests_per_s": 45.0, "latency_p95_ms": 650.0},
        {"workers": 2, "requests_per_s": 70.0, "latency_p95_ms": 400.0},
    ]
    found = {t.name: t.met for t in targets(run)}
    assert found == {
        **{k: v for k, v in found.items() if not k.startswith("HTTP")},
        "HTTP requests/s (1 worker)": False,
        "HTTP p95 (1 worker)": False,
        "HTTP requests/s (2 workers)": True,
        "HTTP p95 (2 workers)": True,
    }


def test_summary_prints_the_stages_and_the_floor() -> None:
    text = summary([_run(20_000, 20.0, 10.0)])
    assert "stage (ms)" in text and "select" in text and "beside the lexical" in text
    assert "2.00x the floor" in text
    assert "start-up (s): imports 1.00" in text


def test_stacked_stages_plot(tmp_path: Path) -> None:
    runs = [_run(100_000, 30.0, 12.0), _run(20_000, 20.0, 10.0)]
    data = stacked_stages(runs)
    assert set(data) == {"p50", "p95"}
    assert "embed" not in data["p50"]  # the floor is drawn, not stacked
    assert data["p95"]["wait"] == [2.0, 2.0]
    assert data["p95"]["dedupe"] == [0.0, 0.0]  # absent stages stack as zero
    paths = write_all(runs, tmp_path)
    assert tmp_path / "bench-stages.png" in paths
    assert (tmp_path / "bench-stages.png").stat().st_size > 1000
    for run in runs:  # runs from before the breakdown plot without it
        run["ours"].pop("stages_ms")
    assert (tmp_path / "other" / "bench-stages.png") not in write_all(runs, tmp_path / "other")


def test_kept_indexes_are_keyed_and_marked(tmp_path: Path) -> None:
    key = index_key(1000, 13, "sentence-transformers", True)
    assert key != index_key(1000, 14, "sentence-transformers", True)
    assert key != index_key(1000, 13, "sentence-transformers", False)
    folder = tmp_path / "ours"
    assert not is_complete(folder, key)
    folder.mkdir()
    mark_complete(folder, key)
    assert is_complete(folder, key)
    assert not is_complete(folder, index_key(2000, 13, "sentence-transformers", True))


def test_the_http_plot_is_written_for_a_load_tested_run(tmp_path: Path) -> None:
    run = _run(20_000, 20.0, 10.0)
    assert tmp_path / "bench-http.png" not in write_all([run], tmp_path)
    run["http_runs"] = [
        {
            "workers": w,
            "clients": 16,
            "seconds": 30.1,
            "requests_per_s": r,
            "latency_p50_ms": 200.0,
            "latency_p95_ms": 320.0,
            "latency_p99_ms": 400.0,
        }
        for w, r in ((1, 71.6), (2, 75.0))
    ]
    paths = write_all([run], tmp_path / "loaded")
    assert tmp_path / "loaded" / "bench-http.png" in paths
    assert (tmp_path / "loaded" / "bench-http.png").stat().st_size > 1000
