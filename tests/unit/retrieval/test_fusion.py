"""Reciprocal-rank fusion and the channel leaders' places, on hand-made ranked lists."""

from __future__ import annotations

import pytest

from retrieval.fusion import (
    CLEAR_WIN_RATIO,
    add_ranked,
    interleave,
    keep_leaders,
    lead_with_clear_winner,
)
from retrieval.hits import SearchHit

RRF_K = 60


def hit(chunk_id: str, text: str | None = None, start: int = 0) -> SearchHit:
    doc = chunk_id.split("::")[0]
    body = text if text is not None else f"distinct text of {chunk_id} " * 3
    return SearchHit(chunk_id, body, {"doc_id": doc, "start": start, "end": start + len(body)})


def make(ids: list[str]) -> dict[str, SearchHit]:
    return {i: hit(i, start=100 * n) for n, i in enumerate(ids)}


def test_a_chunk_two_channels_agree_on_outranks_one_channel_alone() -> None:
    known = make(["a::1", "b::1", "c::1"])
    hits: dict[str, SearchHit] = {}
    add_ranked(hits, "dense", [("a::1", 0.9), ("b::1", 0.8)], 1.0, RRF_K, known.get)
    add_ranked(hits, "lexical", [("c::1", 7.0), ("b::1", 5.0)], 1.0, RRF_K, known.get)
    ordered = sorted(hits.values(), key=lambda h: h.score, reverse=True)
    assert ordered[0].chunk_id == "b::1"
    b = hits["b::1"]
    assert b.score == pytest.approx(1 / (RRF_K + 2) + 1 / (RRF_K + 2))
    assert b.ranks == {"dense": 2, "lexical": 2}
    assert b.dense == 0.8 and b.lexical == 5.0


def test_weights_scale_a_channel() -> None:
    known = make(["a::1", "b::1"])
    hits: dict[str, SearchHit] = {}
    add_ranked(hits, "dense", [("a::1", 0.9)], 0.3, RRF_K, known.get)
    add_ranked(hits, "lexical", [("b::1", 1.0)], 1.0, RRF_K, known.get)
    assert hits["b::1"].score > hits["a::1"].score
    assert hits["a::1"].score == pytest.approx(0.3 / (RRF_K + 1))


def test_a_chunk_the_store_does_not_know_is_skipped() -> None:
    known = make(["a::1"])
    hits: dict[str, SearchHit] = {}
    add_ranked(hits, "lexical", [("gone::1", 9.0), ("a::1", 3.0)], 1.0, RRF_K, known.get)
    assert list(hits) == ["a::1"]
    assert hits["a::1"].ranks["lexical"] == 2  # the rank it was given, gaps and all


def test_the_translated_channel_keeps_the_lexical_score_of_the_query_words() -> None:
    known = make(["a::1"])
    hits: dict[str, SearchHit] = {}
    add_ranked(hits, "lexical", [("a::1", 4.0)], 1.0, RRF_K, known.get)
    add_ranked(hits, "translated", [("a::1", 9.0)], 1.0, RRF_K, known.get)
    assert hits["a::1"].lexical == 4.0


def test_each_channels_leader_keeps_a_place_in_the_top_k() -> None:
    known = make([f"d{i}::1" for i in range(6)] + ["only::1"])
    hits: dict[str, SearchHit] = {}
    same = [(f"d{i}::1", 1.0) for i in range(6)]
    add_ranked(hits, "dense", same, 1.0, RRF_K, known.get)
    add_ranked(hits, "lexical", [("only::1", 9.0), *same], 1.0, RRF_K, known.get)
    ordered = sorted(hits.values(), key=lambda h: h.score, reverse=True)
    assert "only::1" not in [h.chunk_id for h in ordered[:3]]
    top = keep_leaders(ordered, 3)
    assert [h.chunk_id for h in top] == ["d0::1", "d1::1", "only::1"]


def test_the_other_languages_results_take_every_third_place() -> None:
    fused = [hit(f"en{i}::1", start=100 * i) for i in range(5)]
    other = [hit(f"zh{i}::1", start=100 * i) for i in range(3)]
    merged = [h.chunk_id for h in interleave(fused, other, 3)]
    assert merged == [
        "en0::1",
        "en1::1",
        "zh0::1",
        "en2::1",
        "en3::1",
        "zh1::1",
        "en4::1",
        "zh2::1",
    ]


def test_a_hit_in_both_lists_is_placed_once() -> None:
    shared = hit("both::1")
    fused = [shared, hit("en1::1", start=100)]
    other = [hit("both::1"), hit("zh1::1", start=200)]
    assert [h.chunk_id for h in interleave(fused, other, 3)] == ["both::1", "en1::1", "zh1::1"]
    assert interleave(fused, [], 3) == fused


def test_leaders_are_not_forced_in_when_k_is_too_small_for_them() -> None:
    known = make(["a::1", "b::1"])
    hits: dict[str, SearchHit] = {}
    add_ranked(hits, "dense", [("a::1", 1.0)], 1.0, RRF_K, known.get)
    add_ranked(hits, "lexical", [("b::1", 1.0)], 0.5, RRF_K, known.get)
    ordered = sorted(hits.values(), key=lambda h: h.score, reverse=True)
    assert [h.chunk_id for h in keep_leaders(ordered, 1)] == ["a::1"]


def fused(lexical: list[tuple[str, float]]) -> tuple[list[SearchHit], dict[str, SearchHit]]:
    """Two channels fused: dense agrees on b and c, BM25 ranks `lexical`."""
    known = make(["a::1", "a::2", "b::1", "c::1"])
    hits: dict[str, SearchHit] = {}
    add_ranked(hits, "dense", [("b::1", 0.9), ("c::1", 0.8)], 1.0, RRF_K, known.get)
    add_ranked(hits, "lexical", lexical, 1.0, RRF_K, known.get)
    return sorted(hits.values(), key=lambda h: h.score, reverse=True), hits


def test_bm25s_clear_winner_goes_first() -> None:
    rival = 5.0
    lexical = [("a::1", CLEAR_WIN_RATIO * rival), ("a::2", 7.0), ("b::1", rival), ("c::1", 1.0)]
    ordered, hits = fused(lexical)
    assert ordered[0].chunk_id == "b::1"  # fusion alone prefers what two channels agree on
    led = lead_with_clear_winner(ordered, lexical, hits)
    assert [h.chunk_id for h in led] == ["a::1"] + [
        h.chunk_id for h in ordered if h.chunk_id != "a::1"
    ]


def test_a_close_bm25_leader_keeps_its_fused_place() -> None:
    lexical = [("a::1", 0.99 * CLEAR_WIN_RATIO * 5.0), ("b::1", 5.0), ("c::1", 1.0)]
    ordered, hits = fused(lexical)
    assert lead_with_clear_winner(ordered, lexical, hits) == ordered
    assert lead_with_clear_winner(ordered, [], hits) == ordered
