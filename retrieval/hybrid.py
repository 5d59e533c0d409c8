"""Hybrid search: dense (Chroma) and lexical (BM25) candidates fused by reciprocal rank."""

from __future__ import annotations

import contextvars
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from langchain_core.embeddings import Embeddings

from corpus.language import detect_language
from retrieval.catalog import Catalog
from retrieval.crosslingual.translator import translator_for
from retrieval.dedupe import dedupe
from retrieval.filters import SearchFilters
from retrieval.fusion import (
    add_ranked,
    interleave,
    keep_leaders,
    lead_with_clear_winner,
    round_robin,
)
from retrieval.hits import SearchHit
from retrieval.lexical import LexicalIndexes
from retrieval.settings import RetrievalSettings
from retrieval.store import ChromaStore, clean_meta
from retrieval.timing import stage

# Every OTHER_LANGUAGE_EVERY-th result is the best of the translated channel's not yet
# placed (see `fusion.interleave`); chosen on the dev split (docs/evaluation.md).
OTHER_LANGUAGE_EVERY = 3
# Dense weight for Chinese questions with an English-only model, whose ranks for them are mostly
# noise: dev (203) hit@5 0.950 -> 0.963, answerable refused 0.094 -> 0.087, must_include and
# refusals equal at 0.1 against 0.3; at 0 hit@5 0.969 but must_include 0.756 (gold: -1 answer).
ENGLISH_MODEL_ZH_WEIGHT = 0.1
# The answerer reads the whole documents of the first READ_WHOLE_HITS hits (their first
# READ_WHOLE_CHUNKS chunks; most documents have fewer): dev (503) must_include 0.818 -> 0.823,
# answerable refused 0.059 -> 0.057, one more unanswerable answered; 5 hits gave the same.
READ_WHOLE_HITS = 3
READ_WHOLE_CHUNKS = 12


class HybridRetriever:
    """Searches both indexes and fuses them; see `search`.

    It reads what it is given: the vector store, the query embeddings, the lexical index
    (kept at the catalog's generation) and the catalog as the store of chunk texts.
    """

    def __init__(
        self,
        store: ChromaStore,
        embeddings: Embeddings,
        lexical: LexicalIndexes,
        chunks: Catalog,
        settings: RetrievalSettings,
        multilingual: bool = False,
    ) -> None:
        self.store = store
        self.embeddings = embeddings
        self.lexical = lexical
        self.chunks = chunks
        self.settings = settings
        self.multilingual = multilingual

    def ready(self) -> None:
        """Raise `StoreError` when the vector store cannot be used; load the lexical index."""
        self.store.ping()
        self.lexical.current()

    def translate(self, query: str) -> str:
        """The query's terms in the other language, as the translated channel searches them."""
        return translator_for(self.lexical.current()).translate(query)

    def dense_weight_for(self, query: str) -> float:
        """The dense channel's weight: lower for Chinese when the model only knows English."""
        s = self.settings
        if detect_language(query) != "zh":
            return s.dense_weight
        if s.dense_weight_zh is not None:
            return s.dense_weight_zh
        return s.dense_weight * (1.0 if self.multilingual else ENGLISH_MODEL_ZH_WEIGHT)

    def search(
        self, query: str, k: int | None = None, filters: SearchFilters | None = None
    ) -> list[SearchHit]:
        """The `k` best distinct chunks for `query` under `filters`."""
        k = k or self.settings.top_k
        filters = filters if filters and not filters.is_empty() else None
        return self._search(query, k, filters)

    def search_parts(
        self,
        query: str,
        parts: list[str],
        k: int | None = None,
        filters: SearchFilters | None = None,
    ) -> list[SearchHit]:
        """The best chunks for a question of several parts ("Qingdao and Shanghai"): each
        part's results interleaved, best first, so that every part's documents are present,
        then the whole question's."""
        if len(parts) < 2:
            return self.search(query, k, filters)
        k = k or self.settings.top_k
        merged = round_robin([self.search(part, k, filters) for part in parts])
        placed = {hit.chunk_id for hit in merged}
        merged += [hit for hit in self.search(query, k, filters) if hit.chunk_id not in placed]
        return dedupe(merged, limit=k)

    def with_documents(self, hits: list[SearchHit]) -> list[SearchHit]:
        """The hits, then the other chunks of the documents of the first hits: the answer
        may stand in a chunk of the right document that the search ranked lower."""
        leading = list(dict.fromkeys(h.doc_id for h in hits[:READ_WHOLE_HITS]))
        if not leading:
            return hits
        placed = {h.chunk_id for h in hits}
        more = [
            SearchHit(c.id, c.text, c.metadata)
            for c in self.chunks.document_chunks(leading, READ_WHOLE_CHUNKS)
            if c.id not in placed
        ]
        return hits + more

    def _search(self, query: str, k: int, filters: SearchFilters | None) -> list[SearchHit]:
        s = self.settings
        dense_weight = self.dense_weight_for(query)
        dense = None
        if dense_weight > 0:
            # The dense channel (embedding, then ANN search) runs beside the lexical ones:
            # onnxruntime and Chroma's search release the GIL, BM25 and the translation
            # are Python; the question waits for the longer of the two, not their sum.
            n = s.candidates * (3 if filters and filters.region else 1)
            where = filters.chroma_where() if filters else None
            context = contextvars.copy_context()
            dense = _channels().submit(context.run, self._dense, query, n, where)

        lexical: list[tuple[str, float]] = []
        translated: list[tuple[str, float]] = []
        if s.lexical and s.lexical_weight > 0:
            index = self.lexical.current()
            mask = index.mask(filters.matches) if filters else None
            with stage("lexical"):
                lexical = index.search(query, s.candidates, mask)
            # The question's terms in the other language reach that language's documents,
            # which neither the question's own words nor an English-only model can.
            with stage("translate"):
                other = [targets for _, targets in translator_for(index).pairs(query)]
            if other:
                with stage("translated"):
                    translated = index.search_alternatives(other, s.candidates, mask)

        with stage("wait"):
            nearest = dense.result() if dense is not None else []
        with stage("lookup"):
            rows = self._rows([*nearest, *lexical, *translated])
        with stage("fusion"):
            hits: dict[str, SearchHit] = {}
            if dense is not None:
                # A dense hit carries the metadata as Chroma keeps it (no None values).
                stored = {
                    cid: (rows[cid][0], clean_meta(rows[cid][1]))
                    for cid, _ in nearest
                    if cid in rows
                }
                if filters:
                    nearest = [
                        (c, v) for c, v in nearest if c in stored and filters.matches(stored[c][1])
                    ]
                add_ranked(hits, "dense", nearest, dense_weight, s.rrf_k, _maker(stored))
            own: dict[str, SearchHit] = {}
            if lexical or translated:
                known = {cid: (h.text, h.metadata) for cid, h in hits.items()}
                add_ranked(hits, "lexical", lexical, s.lexical_weight, s.rrf_k, _maker(known, rows))
                known = {cid: (h.text, h.metadata) for cid, h in hits.items()}
                add_ranked(own, "translated", translated, 1.0, s.rrf_k, _maker(known, rows))
            others = sorted(own.values(), key=lambda h: h.ranks["translated"])
            ordered = sorted(hits.values(), key=lambda h: h.score, reverse=True)
            ordered = lead_with_clear_winner(ordered, lexical, hits)
            ordered = interleave(ordered, others, OTHER_LANGUAGE_EVERY)
        with stage("dedupe"):
            return keep_leaders(ordered, k)

    def _dense(self, query: str, n: int, where: dict[str, Any] | None) -> list[tuple[str, float]]:
        """The dense channel: the query's embedding, then its nearest chunk ids."""
        with stage("embed"):
            vector = self.embeddings.embed_query(query)
        with stage("dense"):
            return self.store.nearest(vector, n, where)

    def _rows(self, ranked: list[tuple[str, float]]) -> dict[str, tuple[str, dict[str, Any]]]:
        """Text and metadata of every ranked chunk, from the catalog in one query."""
        ids = list(dict.fromkeys(cid for cid, _ in ranked))
        return {c.id: (c.text, c.metadata) for c in self.chunks.iter_chunks(ids)} if ids else {}


Row = tuple[str, dict[str, Any]]


def _maker(
    first: dict[str, Row], then: dict[str, Row] | None = None
) -> Callable[[str], SearchHit | None]:
    """New hits from the rows in `first`, else in `then` (None: a chunk the catalog lacks)."""

    def make(cid: str) -> SearchHit | None:
        row = first.get(cid) or (then.get(cid) if then is not None else None)
        return SearchHit(cid, *row) if row is not None else None

    return make


#: Threads running the dense channel beside the lexical ones: one per core of the 2-core
#: machine (not tuned further; 16 concurrent HTTP questions share them as they share the cores).
CHANNEL_THREADS = 2
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


#: Python's GIL switch interval while the channels run side by side (the default is 5 ms):
#: the question's thread otherwise waits up to 5 ms at each I/O call for the dense thread's
#: Python steps; at 20k chunks the search p95 went from 26.3 to 23.6 ms (the catalog's
#: generation check from 6.9 to 0.6 ms p95).
SWITCH_INTERVAL_S = 0.0005


def _channels() -> ThreadPoolExecutor:
    """The process-wide pool of the dense channel (started on first use)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL_S))
            _pool = ThreadPoolExecutor(CHANNEL_THREADS, thread_name_prefix="vca-dense")
        return _pool
