"""The answerer reads the rest of the leading documents: a chunk the search ranked low (a
table row of figures, a later paragraph) is still there to quote."""

from __future__ import annotations

from pathlib import Path

from corpus.types import Chunk
from retrieval.catalog import Catalog, record_from
from retrieval.hits import SearchHit
from retrieval.hybrid import READ_WHOLE_CHUNKS, READ_WHOLE_HITS, HybridRetriever


def add(catalog: Catalog, doc_id: str, texts: list[str]) -> None:
    meta = {"title": doc_id, "region": "", "date": "", "type": "news", "language": "en"}
    chunks = [
        Chunk(f"{doc_id}::{i}", doc_id, t, {**meta, "doc_id": doc_id, "position": i})
        for i, t in enumerate(texts)
    ]
    with catalog.transaction() as conn:
        catalog.put_document(conn, record_from(doc_id, "h", meta, doc_id, len(chunks)), chunks)


def found(catalog: Catalog, doc_id: str, position: int) -> SearchHit:
    chunk = next(c for c in catalog.iter_chunks([f"{doc_id}::{position}"]))
    return SearchHit(chunk.id, chunk.text, chunk.metadata, score=1.0)


def test_the_other_chunks_of_the_leading_documents_follow_the_hits(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    add(catalog, "profile", ["Intro of the college.", "Students | more than 24,000", "Programs."])
    add(catalog, "news", ["A signing.", "The partners."])
    add(catalog, "far", ["Unrelated."])
    retriever = HybridRetriever(None, None, None, catalog, None)  # type: ignore[arg-type]
    hits = [found(catalog, "profile", 2), found(catalog, "news", 0)]
    read = retriever.with_documents(hits)
    assert [h.chunk_id for h in read[:2]] == ["profile::2", "news::0"]  # the search's order
    assert {h.chunk_id for h in read[2:]} == {"profile::0", "profile::1", "news::1"}
    assert "Students | more than 24,000" in [h.text for h in read]
    assert all(h.doc_id != "far" for h in read)
    assert retriever.with_documents([]) == []
    catalog.close()


def test_only_the_documents_of_the_first_hits_are_read_and_only_their_first_chunks(
    tmp_path: Path,
) -> None:
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    for i in range(READ_WHOLE_HITS + 1):
        add(catalog, f"d{i}", [f"Chunk {j} of d{i}." for j in range(READ_WHOLE_CHUNKS + 2)])
    retriever = HybridRetriever(None, None, None, catalog, None)  # type: ignore[arg-type]
    hits = [found(catalog, f"d{i}", 0) for i in range(READ_WHOLE_HITS + 1)]
    read = retriever.with_documents(hits)
    added = read[len(hits) :]
    assert {h.doc_id for h in added} == {f"d{i}" for i in range(READ_WHOLE_HITS)}
    assert len(added) == READ_WHOLE_HITS * (READ_WHOLE_CHUNKS - 1)
    catalog.close()
