"""Hybrid search: dense (Chroma) and lexical (BM25) candidates fused by reciprocal rank."""

from __future__ import annotations

from collections.abc import Callable

from langchain_core.embeddings import Embeddings

from corpus.language import detect_language
from retrieval.catalog import Catalog
from retrieval.crosslingual import translator_for
from retrieval.dedupe import dedupe
from retrieval.filters import SearchFilters
from retrieval.fusion import add_ranked, interleave, keep_leaders
from retrieval.hits import SearchHit
from retrieval.lexical import LexicalIndexes
from retrieval.settings import RetrievalSettings
from retrieval.store import ChromaStore
from retrieval.timing import stage

# Every OTHER_LANGUAGE_EVERY-th result is the best of the translated channel's not yet
# placed (see `fusion.interleave`); chosen on the dev split (docs/evaluation.md).
OTHER_LANGUAGE_EVERY = 3
ENGLISH_MODEL_ZH_WEIGHT = 0.3  # dense weight for Chinese questions with an English-only model


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
        per_part = [self.search(part, k, filters) for part in parts]
        merged: dict[str, SearchHit] = {}
        for rank in range(k):
            for results in per_part:
                if rank < len(results):
                    merged.setdefault(results[rank].chunk_id, results[rank])
        for hit in self.search(query, k, filters):
            merged.setdefault(hit.chunk_id, hit)
        return dedupe(list(merged.values()), limit=k)

    def _search(self, query: str, k: int, filters: SearchFilters | None) -> list[SearchHit]:
        s = self.settings
        hits: dict[str, SearchHit] = {}

        dense_weight = self.dense_weight_for(query)
        if dense_weight > 0:
            with stage("embed"):
                vector = self.embeddings.embed_query(query)
            n = s.candidates * (3 if filters and filters.region else 1)
            where = filters.chroma_where() if filters else None
            with stage("dense"):
                found = [
                    hit
                    for hit in self.store.query(vector, n, where)
                    if not filters or filters.matches(hit.metadata)
                ]
            with stage("fusion"):
                stored = {h.chunk_id: SearchHit(h.chunk_id, h.text, h.metadata) for h in found}
                ranked = [(h.chunk_id, h.score) for h in found]
                add_ranked(hits, "dense", ranked, dense_weight, s.rrf_k, stored.get)

        translated: list[SearchHit] = []
        if s.lexical and s.lexical_weight > 0:
            index = self.lexical.current()
            mask = index.mask(filters.matches) if filters else None
            with stage("lexical"):
                ranked = index.search(query, s.candidates, mask)
            with stage("lookup"):
                make_hit = self._chunks(ranked, hits)
            with stage("fusion"):
                add_ranked(hits, "lexical", ranked, s.lexical_weight, s.rrf_k, make_hit)
            # The question's terms in the other language reach that language's documents,
            # which neither the question's own words nor an English-only model can.
            with stage("translate"):
                other = translator_for(index).translate(query)
            if other:
                with stage("translated"):
                    ranked = index.search(other, s.candidates, mask)
                with stage("lookup"):
                    make_hit = self._chunks(ranked, hits)
                with stage("fusion"):
                    own: dict[str, SearchHit] = {}
                    add_ranked(own, "translated", ranked, 1.0, s.rrf_k, make_hit)
                    translated = sorted(own.values(), key=lambda h: h.ranks["translated"])

        with stage("fusion"):
            ordered = sorted(hits.values(), key=lambda h: h.score, reverse=True)
            ordered = interleave(ordered, translated, OTHER_LANGUAGE_EVERY)
        with stage("dedupe"):
            return keep_leaders(ordered, k)

    def _chunks(
        self, ranked: list[tuple[str, float]], known: dict[str, SearchHit]
    ) -> Callable[[str], SearchHit | None]:
        """New hits for the ranked chunks: texts of those already found are reused, the
        rest read from the catalog in one query."""
        missing = [cid for cid, _ in ranked if cid not in known]
        texts = {cid: (h.text, h.metadata) for cid, h in known.items()}
        for chunk in self.chunks.iter_chunks(missing) if missing else ():
            texts[chunk.id] = (chunk.text, chunk.metadata)
        return lambda cid: SearchHit(cid, *texts[cid]) if cid in texts else None
