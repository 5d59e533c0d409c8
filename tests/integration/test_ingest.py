"""Incremental ingestion with the real model into a real Chroma, embedded and `chroma run`.

Every test runs against both back ends. After each step the three indexes must agree: the
chunk ids in Chroma, in the catalog and in the lexical index are the same set.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assistant.container import Container
from assistant.settings import Settings
from retrieval.embeddings import CachedQueryEmbeddings
from retrieval.indexing import PendingFile
from retrieval.store import EmbeddingMismatchError, build_store
from tests.support import CORPUS_DIR, unique_collection

pytestmark = pytest.mark.integration

NANHAI = "news-nanhai-industry-education-alliance"
NINGBO = "regulation-2020-ningbo-school-enterprise-cooperation-zh"


class EmbedSpy:
    """Counts the texts that reach the model (wraps the instance's `_embed`)."""

    def __init__(self, embeddings: CachedQueryEmbeddings, monkeypatch: pytest.MonkeyPatch):
        self.calls = 0
        self.texts: list[str] = []
        original = embeddings._embed

        def spy(texts: Any, *, query: bool) -> list[list[float]]:
            self.calls += 1
            self.texts.extend(texts)
            return original(texts, query=query)

        monkeypatch.setattr(embeddings, "_embed", spy)

    def reset(self) -> None:
        self.calls = 0
        self.texts.clear()


@pytest.fixture(params=["embedded", "server"])
def settings(request: pytest.FixtureRequest, settings_factory: Callable[..., Settings]) -> Settings:
    """Settings for one back end; the server is started only when a test needs it."""
    if request.param == "server":
        server = request.getfixturevalue("chroma_server")
        return settings_factory(
            chroma_host=server.host, chroma_port=server.port,
            store={"collection": unique_collection("ingest")},
        )  # fmt: skip
    return settings_factory()


@pytest.fixture
def spy(embeddings: CachedQueryEmbeddings, monkeypatch: pytest.MonkeyPatch) -> EmbedSpy:
    return EmbedSpy(embeddings, monkeypatch)


def state(container: Container) -> tuple[set[str], set[str], set[str]]:
    """Chunk ids in Chroma, in the catalog and in the lexical index."""
    return (
        container.store.all_ids(),
        container.catalog.chunk_ids(),
        set(container.lexical.current().ids),
    )


def assert_consistent(container: Container) -> set[str]:
    stored, cataloged, lexical = state(container)
    assert stored == cataloged == lexical
    assert container.store.count() == len(stored) == container.catalog.count_chunks()
    lexical_index = container.lexical.current()
    assert len(lexical_index.ids) == len(set(lexical_index.ids))
    assert lexical_index.generation == container.catalog.generation
    assert container.catalog.get_meta("dirty") == "0"
    return stored


def doc_chunk_ids(container: Container, doc_id: str) -> set[str]:
    return {cid for cid in container.catalog.chunk_ids() if cid.split("::")[0] == doc_id}


def write_doc(folder: Path, name: str, title: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"---\ntitle: {title}\ntype: news\n---\n{body}\n", encoding="utf-8")
    return path


def test_shipped_corpus_lifecycle(
    settings: Settings,
    container_factory: Callable[[Settings], Container],
    spy: EmbedSpy,
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS_DIR, corpus)
    container = container_factory(settings)
    indexer = container.indexer

    # 1. First ingest: every document is new.
    report = indexer.ingest_paths([corpus]).to_json()
    chunks = container.catalog.count_chunks()
    assert report == {"documents": 14, "added": 14, "updated": 0, "unchanged": 0,
                      "removed": 0, "chunks": chunks, "errors": []}  # fmt: skip
    assert 120 <= chunks <= 220
    all_ids = assert_consistent(container)
    assert len(spy.texts) == chunks
    assert {d.id for d in container.catalog.documents()} == {p.stem for p in corpus.glob("*.md")}

    # Dense search over the real vectors finds the right document.
    vector = container.embeddings.embed_query("How many companies joined the Nanhai alliance?")
    hits = container.store.query(vector, 5)
    assert any(h.metadata["doc_id"] == NANHAI for h in hits)
    assert all(-1.0 <= h.score <= 1.0 for h in hits)

    # 2. Second ingest: nothing changed, the model is not called, nothing is rewritten.
    spy.reset()
    generation = container.catalog.generation
    report = indexer.ingest_paths([corpus]).to_json()
    assert report == {"documents": 14, "added": 0, "updated": 0, "unchanged": 14,
                      "removed": 0, "chunks": chunks, "errors": []}  # fmt: skip
    assert spy.calls == 0
    assert container.catalog.generation == generation
    assert assert_consistent(container) == all_ids

    # 3. One file changes: only it is re-embedded; its old chunks are gone everywhere.
    spy.reset()
    old_ids = doc_chunk_ids(container, NANHAI)
    path = corpus / f"{NANHAI}.md"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "\nThe alliance will open the Zephyrine training base with 12 partner companies.\n",
        encoding="utf-8",
    )
    report = indexer.ingest_paths([corpus]).to_json()
    assert (report["updated"], report["unchanged"], report["added"]) == (1, 13, 0)
    new_ids = doc_chunk_ids(container, NANHAI)
    assert new_ids and not (new_ids & old_ids)
    ids = assert_consistent(container)
    assert not (old_ids & ids)
    assert ids == (all_ids - old_ids) | new_ids
    assert len(spy.texts) == len(new_ids)
    assert all(text.startswith("Nanhai District Industry Education Alliance") for text in spy.texts)
    found = container.lexical.current().search("Zephyrine", 3)
    assert found and found[0][0] in new_ids

    # 4. Another folder adds to what is there.
    extra = tmp_path / "extra"
    write_doc(
        extra,
        "shenzhen-base.md",
        "Shenzhen training base",
        "A Shenzhen college and 9 logistics companies opened a joint training base.",
    )
    (extra / "fair.html").write_text(
        "<html><head><title>Job fair</title></head><body><nav>Menu</nav><main>"
        "<p>Over 300 students met 40 employers at the spring job fair.</p></main></body></html>",
        encoding="utf-8",
    )  # fmt: skip
    report = indexer.ingest_paths([extra]).to_json()
    assert (report["added"], report["documents"]) == (2, 16)
    assert container.catalog.document("shenzhen-base") is not None
    assert container.catalog.document("fair") is not None
    assert_consistent(container)

    # 5. --prune: documents not seen in this run are removed.
    spy.reset()
    report = indexer.ingest_paths([corpus], prune=True).to_json()
    assert (report["removed"], report["unchanged"], report["documents"]) == (2, 14, 14)
    assert spy.calls == 0
    ids = assert_consistent(container)
    assert not any(cid.startswith(("shenzhen-base::", "fair::")) for cid in ids)

    # 6. Delete one document.
    assert indexer.delete(NINGBO) is True
    ids = assert_consistent(container)
    assert not any(cid.startswith(f"{NINGBO}::") for cid in ids)
    assert container.catalog.document(NINGBO) is None
    assert all(m.get("doc_id") != NINGBO for m in container.lexical.current().metadata)
    assert indexer.delete(NINGBO) is False
    assert indexer.delete("no-such-document") is False

    # 7. A fresh process view of the same data sees the same state and catches up.
    reopened = container_factory(settings)
    assert assert_consistent(reopened) == ids
    report = reopened.indexer.ingest_paths([corpus]).to_json()
    assert (report["added"], report["unchanged"], report["documents"]) == (1, 13, 14)
    assert_consistent(reopened)


def test_broken_files_are_reported_by_name_and_the_rest_ingested(
    settings: Settings, container_factory: Callable[[Settings], Container], tmp_path: Path
) -> None:
    folder = tmp_path / "uploads"
    write_doc(
        folder,
        "good-one.md",
        "Internship pay",
        "Interns in the pilot receive a monthly allowance of 2000 yuan.",
    )
    write_doc(
        folder / "sub",
        "good-two.md",
        "Mentors",
        "Every intern has a school mentor and an enterprise mentor.",
    )
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n" + random.Random(3).randbytes(3000))
    (folder / "gbk-notes.txt").write_bytes("校企合作实训基地".encode("gbk"))
    (folder / "empty.md").write_bytes(b"")
    (folder / "table.xlsx").write_bytes(b"not a supported type: skipped silently")
    (folder / ".hidden.md").write_text("---\ntitle: hidden\n---\nnot ingested\n")

    container = container_factory(settings)
    report = container.indexer.ingest_paths([folder])
    assert (report.added, report.documents) == (2, 2)
    assert {d.id for d in container.catalog.documents()} == {"good-one", "sub/good-two"}
    errors = "\n".join(report.errors)
    assert len(report.errors) == 3
    assert "broken.pdf" in errors and "not a readable PDF" in errors
    assert "gbk-notes.txt" in errors and "not UTF-8" in errors
    assert "empty.md" in errors
    assert "table.xlsx" not in errors and "hidden" not in errors
    assert_consistent(container)

    # The broken files are reported again; the good ones are unchanged.
    report = container.indexer.ingest_paths([folder])
    assert (report.unchanged, report.added, len(report.errors)) == (2, 0, 3)


def test_uploads_with_duplicate_ids_are_reported(
    settings: Settings, container_factory: Callable[[Settings], Container]
) -> None:
    container = container_factory(settings)
    body = b"---\ntitle: Base\n---\nA training base opened in Qingdao with 5 companies.\n"
    files = [
        PendingFile("base", "base.md", body, "upload:base.md"),
        PendingFile("base", "base.txt", body, "upload:base.txt"),
    ]
    report = container.indexer.ingest_files(files)
    assert report.added == 1
    assert report.errors and "duplicate document id 'base'" in report.errors[0]
    assert_consistent(container)


def test_a_different_embedding_model_is_refused_with_a_clear_message(
    settings: Settings,
    container_factory: Callable[[Settings], Container],
    embeddings: CachedQueryEmbeddings,
    tmp_path: Path,
) -> None:
    folder = tmp_path / "docs"
    write_doc(folder, "a.md", "Alliance", "The alliance has 30 member companies and 8 colleges.")
    container = container_factory(settings)
    container.indexer.ingest_paths([folder])
    assert container.store.count() >= 1

    other = "sentence-transformers:paraphrase-multilingual-MiniLM-L12-v2:384"
    store = build_store(settings.store, settings.data_dir, embeddings, other)
    with pytest.raises(EmbeddingMismatchError) as caught:
        store.count()
    message = str(caught.value)
    assert embeddings.signature in message
    assert other in message
    assert "--rebuild" in message
    assert "VCA_DATA_DIR" in message

    # The configured model still opens the index.
    same = build_store(settings.store, settings.data_dir, embeddings, embeddings.signature)
    assert same.count() == container.store.count()
