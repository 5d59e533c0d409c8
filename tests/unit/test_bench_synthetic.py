"""The synthetic benchmark collection: deterministic, the right size, facts planted once."""

from __future__ import annotations

import pytest

from corpus.types import Chunk
from eval.bench.report import Target, targets
from eval.bench.synthetic import (
    MAX_CHARS,
    MIN_CHARS,
    document_text,
    fact_count,
    generate,
    realistic_questions,
    split_sentences,
)

META_KEYS = {
    "doc_id",
    "title",
    "language",
    "type",
    "region",
    "date",
    "date_num",
    "position",
    "start",
    "end",
}


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    return generate(1000, seed=7, queries=40)


def test_deterministic_for_a_seed(corpus) -> None:  # type: ignore[no-untyped-def]
    again = generate(1000, seed=7, queries=40)
    assert [(c.id, c.text, c.metadata) for c in again.chunks] == [
        (c.id, c.text, c.metadata) for c in corpus.chunks
    ]
    assert again.facts == corpus.facts
    other = generate(1000, seed=8, queries=40)
    assert [c.text for c in other.chunks] != [c.text for c in corpus.chunks]


@pytest.mark.parametrize("size", [10, 137, 1000])
def test_exact_size_and_unique_ids(size: int) -> None:
    chunks = generate(size, queries=5).chunks
    assert len(chunks) == size
    assert len({c.id for c in chunks}) == size


def test_chunk_shape_and_lengths(corpus) -> None:  # type: ignore[no-untyped-def]
    planted = {f.chunk_id for f in corpus.facts}
    for chunk in corpus.chunks:
        assert isinstance(chunk, Chunk)
        assert META_KEYS <= set(chunk.metadata)
        assert chunk.metadata["doc_id"] == chunk.doc_id
        assert chunk.id == f"{chunk.doc_id}::{chunk.metadata['position']}"
        assert chunk.metadata["language"] in ("en", "zh")
        assert chunk.metadata["end"] - chunk.metadata["start"] == len(chunk.text)
        assert isinstance(chunk.metadata["date_num"], int) and chunk.metadata["date_num"] > 0
        longest = MAX_CHARS + (200 if chunk.id in planted else 0)
        assert MIN_CHARS <= len(chunk.text) <= longest


def test_offsets_slice_the_document_text(corpus) -> None:  # type: ignore[no-untyped-def]
    doc_id = corpus.chunks[0].doc_id
    chunks = [c for c in corpus.chunks if c.doc_id == doc_id]
    text = document_text(chunks)
    for chunk in chunks:
        assert text[chunk.metadata["start"] : chunk.metadata["end"]] == chunk.text


def test_both_languages_in_roughly_the_shipped_proportion(corpus) -> None:  # type: ignore[no-untyped-def]
    zh = sum(c.metadata["language"] == "zh" for c in corpus.chunks) / len(corpus.chunks)
    assert 0.3 < zh < 0.8


def test_each_fact_is_planted_in_exactly_one_chunk(corpus) -> None:  # type: ignore[no-untyped-def]
    assert len(corpus.facts) == fact_count(1000) == 20
    assert len({f.chunk_id for f in corpus.facts}) == len(corpus.facts)
    for fact in corpus.facts:
        holders = [c.id for c in corpus.chunks if fact.sentence in c.text]
        assert holders == [fact.chunk_id]
        assert fact.answer in fact.sentence
        assert fact.query != fact.sentence
    assert {f.language for f in corpus.facts} == {"en", "zh"}


def test_fact_count_rule() -> None:
    assert fact_count(300) == 6
    assert fact_count(20_000) == 200
    assert fact_count(100_000) == 200
    assert fact_count(10) == 1


def test_queries_are_distinct_and_mixed(corpus) -> None:  # type: ignore[no-untyped-def]
    asked = corpus.queries(40)
    assert len(asked) == 40
    assert len({q.text for q in asked}) == 40
    planted = [q for q in asked if q.gold is not None]
    assert len(planted) == 20  # every fact, the rest realistic questions
    few = corpus.queries(8)
    assert sum(q.gold is not None for q in few) == 6  # at most three quarters planted


def test_realistic_questions_are_distinct() -> None:
    questions = realistic_questions(500)
    assert len(questions) == len(set(questions)) == 500


def test_sentences_split_in_both_languages() -> None:
    text = (
        "第一条 为了推动职业教育发展，制定本法。第二条 本法适用于职业学校。\n"
        "The alliance was founded in 2021. It has 76 member companies in Nanhai."
    )
    assert split_sentences(text) == [
        "第一条 为了推动职业教育发展，制定本法。",
        "第二条 本法适用于职业学校。",
        "The alliance was founded in 2021.",
        "It has 76 member companies in Nanhai.",
    ]


def test_targets_report_misses_with_ratios() -> None:
    run = {
        "chunks": 20_000,
        "raw_encode_chunks_per_s": 100.0,
        "ours": {
            "ingest_chunks_per_s": 95.0,
            "retrieval_p50_ms": 10.0,
            "retrieval_p95_ms": 80.0,
            "recall_at_5": 0.9,
            "peak_rss_mb": 900.0,
            "index_mb": 50.0,
            "cold_start_s": 5.0,
            "answer_p50_ms": 12.0,
            "answer_p95_ms": 90.0,
        },
        "baseline": {
            "ingest_chunks_per_s": 90.0,
            "retrieval_p50_ms": 100.0,
            "retrieval_p95_ms": 400.0,
            "recall_at_5": 0.8,
            "peak_rss_mb": 900.0,
            "index_mb": 40.0,
            "cold_start_s": 4.0,
        },
    }
    found = {t.name: t for t in targets(run)}
    assert not found["hybrid retrieval p95"].met  # 80 ms > 60 ms
    assert "MISSED" in found["hybrid retrieval p95"].line()
    assert found["p95 speed-up over baseline"].met  # 5x >= 3x
    assert found["p95 speed-up over baseline"].ratio == pytest.approx(5 / 3)
    assert found["ingest share of raw encode"].met
    assert found["recall@5 minus baseline"].met
    assert Target(1, "x", 2.0, 1.0, at_least=False).line().startswith("MISSED")


def test_sources_name_the_sentences_of_each_chunk(corpus) -> None:  # type: ignore[no-untyped-def]
    from eval.bench.synthetic import sentence_pool

    assert len(corpus.sources) == len(corpus.chunks)
    for chunk, used in zip(corpus.chunks, corpus.sources, strict=True):
        pool = sentence_pool(chunk.metadata["language"])
        assert used and all(0 <= i < len(pool) for i in used)
        assert all(pool[i][:20] in chunk.text for i in used)
