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
    # The breakdown: every stage of the question's path, the floor and its multiple.
    stages = ours["stages_ms"]
    assert {"embed", "dense", "lexical", "lookup", "fusion", "dedupe", "select"} <= set(stages)
    assert all(0 <= q["p50"] <= q["p95"] for q in stages.values())
    assert ours["floor_p95_ms"] == stages["embed"]["p95"] > 0
    assert ours["p95_over_floor"] == pytest.approx(
        ours["retrieval_p95_ms"] / ours["floor_p95_ms"], rel=1e-2
    )
    startup = ours["startup_s"]
    assert list(startup) == ["imports", "model", "index", "dictionary", "first answer", "other"]
    assert sum(startup.values()) == pytest.approx(ours["cold_start_s"], abs=0.05)
    assert "x the floor" in captured.err and "stage (ms)" in captured.err

    # Ratios only: our hybrid finds the planted facts at least as well as the baseline.
    assert ours["recall_at_5"] >= base["recall_at_5"] - 0.05
    assert ours["recall_at_5"] >= 0.5

    # Every target is reported, met or missed, never hidden.
    assert "targets" in captured.err
    saved = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert saved["runs"][0]["chunks"] == 300
    assert {t["name"] for t in saved["targets"]} >= {"hybrid retrieval p95", "answer p95"}
    for name in (
        "bench-latency.png",
        "bench-throughput.png",
        "bench-recall.png",
        "bench-stages.png",
    ):
        assert (tmp_path / "out" / name).stat().st_size > 1000
    # The temporary indexes are gone.
    assert not any(p.name.startswith("vca-bench-") for p in tmp_path.iterdir())


@pytest.mark.timeout(1800)
def test_bench_reuses_a_kept_index(capsys: pytest.CaptureFixture[str], tmp_path) -> None:  # type: ignore[no-untyped-def]
    args = ["--chunks", "100", "--queries", "5", "--json", "--no-progress", "--skip-baseline"]
    work = tmp_path / "not" / "made"  # the bench makes the folder it is given
    args += ["--work-dir", str(work), "--reuse"]
    assert main(args) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["ours"]["ingest_chunks_per_s"] > 0  # built and measured
    kept = [p for p in work.iterdir() if p.name.startswith("vca-index-")]
    assert len(kept) == 1 and (kept[0] / "ours" / ".bench-complete").is_file()

    assert main(args) == 0
    captured = capsys.readouterr()
    second = json.loads(captured.out)
    assert "reusing the index" in captured.err
    assert second["ours"]["ingest_chunks_per_s"] is None  # nothing ingested this time
    assert second["raw_encode_chunks_per_s"] is None
    assert second["ours"]["recall_at_5"] == first["ours"]["recall_at_5"]  # the same index
    assert main(["--chunks", "100", "--reuse"]) == 2  # --reuse needs --work-dir
