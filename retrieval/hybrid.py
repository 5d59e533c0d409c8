"""Hybrid search: dense (Chroma) and lexical (BM25) candidates fused by reciprocal rank."""

from __future__ import annotations

import re

from langchain_core.embeddings import Embeddings

from corpus.language import detect_language
from retrieval.catalog import Catalog
from retrieval.dedupe import dedupe
from retrieval.filters import SearchFilters
from retrieval.fusion import add_ranked, keep_leaders
from retrieval.glossary import translate_terms
from retrieval.hits import SearchHit
from retrieval.lexical import LexicalIndexes
from retrieval.settings import RetrievalSettings
from retrieval.store import ChromaStore

TRANSLATED_WEIGHT = 1.0  # weight of the translated-terms channel relative to BM25
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
        self._places: tuple[int, list[str]] = (-1, [])

    def ready(self) -> None:
        """Raise `StoreError` when the vector store cannot be used; load the lexical index."""
        self.store.ping()
        self.lexical.current()

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
        """The `k` best distinct chunks for `query` under `filters`.

        A question that names two or more of the collection's places ("Ningbo and Qingdao")
        gets a search per place, interleaved, so that each place's documents are present.
        """
        k = k or self.settings.top_k
        filters = filters if filters and not filters.is_empty() else None
        places = [] if filters else self.places_in(query)
        if len(places) < 2:
            return self._search(query, k, filters)
        per_place = [self._search(query, k, SearchFilters(region=[p])) for p in places]
        merged: dict[str, SearchHit] = {}
        for rank in range(k):
            for results in per_place:
                if rank < len(results):
                    merged.setdefault(results[rank].chunk_id, results[rank])
        for hit in self._search(query, k, None):
            merged.setdefault(hit.chunk_id, hit)
        return dedupe(list(merged.values()), limit=k)

    def places_in(self, query: str) -> list[str]:
        """The collection's places (most specific part of each region) named in `query`."""
        index = self.lexical.current()
        if self._places[0] != index.generation:
            names: set[str] = set()
            for meta in index.metadata:
                region = str(meta.get("region") or "")
                last = region.split(";")[-1].strip()
                if last and "national" not in last.lower():
                    names.add(re.sub(r"\s+district$", "", last, flags=re.IGNORECASE))
            self._places = (index.generation, sorted(names))
        text = f"{query} {translate_terms(query)}".lower()
        return [p for p in self._places[1] if re.search(rf"(?<![a-z]){re.escape(p.lower())}", text)]

    def _search(self, query: str, k: int, filters: SearchFilters | None) -> list[SearchHit]:
        s = self.settings
        hits: dict[str, SearchHit] = {}

        dense_weight = self.dense_weight_for(query)
        if dense_weight > 0:
            vector = self.embeddings.embed_query(query)
            n = s.candidates * (3 if filters and filters.region else 1)
            where = filters.chroma_where() if filters else None
            found = [
                hit
                for hit in self.store.query(vector, n, where)
                if not filters or filters.matches(hit.metadata)
            ]
            stored = {h.chunk_id: SearchHit(h.chunk_id, h.text, h.metadata) for h in found}
            ranked = [(h.chunk_id, h.score) for h in found]
            add_ranked(hits, "dense", ranked, dense_weight, s.rrf_k, stored.get)

        if s.lexical and s.lexical_weight > 0:
            index = self.lexical.current()
            mask = index.mask(filters.matches) if filters else None
            # The query's own words, then the glossary's translations of its field words as
            # a weaker channel, so that translations reach the other language's documents
            # without drowning the words the user typed.
            channels = [("lexical", query, s.lexical_weight)]
            translated = translate_terms(query)
            if translated:
                channels.append(("translated", translated, s.lexical_weight * TRANSLATED_WEIGHT))
            for channel, text, weight in channels:
                ranked = index.search(text, s.candidates, mask)
                missing = [cid for cid, _ in ranked if cid not in hits]
                stored = {
                    c.id: SearchHit(c.id, c.text, c.metadata)
                    for c in (self.chunks.iter_chunks(missing) if missing else ())
                }
                add_ranked(hits, channel, ranked, weight, s.rrf_k, stored.get)

        ordered = sorted(hits.values(), key=lambda h: h.score, reverse=True)
        return keep_leaders(ordered, k)
