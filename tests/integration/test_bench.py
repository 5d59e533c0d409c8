"""`vca bench` end to end on a small collection: real model, real Chroma, both stacks.

Only shapes, sanity and ratios are checked; absolute timings depend on the machine.
"""

from __future__ import annotations

import json

import pytest

from eval.bench.cli import main

pytestmark = [pytest.mark.integration, pytest.mark.slow]

SIDE_KEYS = {
    "ingest_chunks_per_s",
    "retrieval_p50_ms",
    "retrieval_p95_ms",
    "recall_at_5",
    "peak_rss_mb",
    "index_mb",
    "cold_start_s",
}


@pytest.mark.timeout(1800)
def test_bench_json_small_collection(capsys: pytest.CaptureFixture[str], tmp_path) -> None:  # type: ignore[no-untyped-def]
    code = main(
        [
            "--chunks",
            "300",
            "--queries",
            "20",
            "--json",
            "--no-progress",
            "--work-dir",
            str(tmp_path),
            "--out",
            str(tmp_path / "out"),
        ]
    )
    assert code == 0
    captured = capsys.readouterr()
    result = json.loads(captured.out)

    assert set(result) == {"chunks", "raw_encode_chunks_per_s", "ours", "baseline"}
    assert result["chunks"] == 300
    assert result["raw_encode_chunks_per_s"] > 0
    ours, base = result["ours"], result["baseline"]
    assert SIDE_KEYS | {"answer_p50_ms", "answer_p95_ms"} <= set(ours)
    assert SIDE_KEYS <= set(base)
    for side in (ours, base):
        assert 0.0 <= side["recall_at_5"] <= 1.0
        assert side["ingest_chunks_per_s"] > 0
        assert 0 < side["retrieval_p50_ms"] <= side["retrieval_p95_ms"]
        assert side["peak_rss_mb"] > 0 and side["index_mb"] > 0 and side["cold_start_s"] > 0
    assert 0 < ours["answer_p50_ms"] <= ours["answer_p95_ms"]  # shape only, not a speed
    assert ours["answerer"] == "extractive"

    # Ratios only: our hybrid finds the planted facts at least as well as the baseline.
    assert ours["recall_at_5"] >= base["recall_at_5"] - 0.05
    assert ours["recall_at_5"] >= 0.5

    # Every target is reported, met or missed, never hidden.
    assert "targets" in captured.err
    saved = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert saved["runs"][0]["chunks"] == 300
    assert {t["name"] for t in saved["targets"]} >= {"hybrid retrieval p95", "answer p95"}
    for name in ("bench-latency.png", "bench-throughput.png", "bench-recall.png"):
        assert (tmp_path / "out" / name).stat().st_size > 1000
    # The temporary indexes are gone.
    assert not any(p.name.startswith("vca-bench-") for p in tmp_path.iterdir())
