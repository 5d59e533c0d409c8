"""Hybrid search: dense (Chroma) and lexical (BM25) candidates fused by reciprocal rank."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from langchain_core.embeddings import Embeddings

from assistant.settings import RetrievalSettings
from corpus.language import detect_language
from retrieval.filters import SearchFilters
from retrieval.glossary import translate_terms
from retrieval.lexical import LexicalIndex
from retrieval.store import ChromaStore

TRANSLATED_WEIGHT = 1.0
ENGLISH_MODEL_ZH_WEIGHT = 0.3
ChunkLookup = Callable[[list[str]], dict[str, tuple[str, dict[str, Any]]]]


@dataclass
class SearchHit:
    """A retrieved chunk with its fused score and the scores that produced it."""

    chunk_id: str
    text: str
    metadata: dict[str, Any]
    score: float = 0.0
    dense: float | None = None  # cosine similarity
    lexical: float | None = None  # BM25 score
    ranks: dict[str, int] = field(default_factory=dict)

    @property
    def doc_id(self) -> str:
        """The document the chunk belongs to."""
        return str(self.metadata.get("doc_id", self.chunk_id.split("::")[0]))


class HybridRetriever:
    """Searches both indexes and fuses them; see `search`."""

    def __init__(
        self,
        store: ChromaStore,
        embeddings: Embeddings,
        lexical: Callable[[], LexicalIndex],
        lookup: ChunkLookup,
        settings: RetrievalSettings,
        multilingual: bool = False,
    ) -> None:
        self.store = store
        self.embeddings = embeddings
        self._lexical = lexical
        self._lookup = lookup
        self.settings = settings
        self.multilingual = multilingual
        self._places: tuple[int, list[str]] = (-1, [])

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
        index = self._lexical()
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
            rank = 0
            for hit in self.store.query(vector, n, where):
                if filters and not filters.matches(hit.metadata):
                    continue
                rank += 1
                entry = hits.setdefault(
                    hit.chunk_id, SearchHit(hit.chunk_id, hit.text, hit.metadata)
                )
                entry.dense = hit.score
                entry.ranks["dense"] = rank
                entry.score += dense_weight / (s.rrf_k + rank)

        if s.lexical and s.lexical_weight > 0:
            index = self._lexical()
            mask = index.mask(filters.matches) if filters else None
            # The query's own words, then the glossary's translations of its field words as
            # a weaker channel, so that translations reach the other language's documents
            # without drowning the words the user typed.
            channels = [("lexical", query, s.lexical_weight)]
            translated = translate_terms(query)
            if translated:
                channels.append(("translated", translated, s.lexical_weight * TRANSLATED_WEIGHT))
            for channel, text, weight in channels:
                found = index.search(text, s.candidates, mask)
                self._fuse(hits, channel, found, weight)

        ordered = sorted(hits.values(), key=lambda h: h.score, reverse=True)
        kept = dedupe(ordered, limit=k)
        # The best chunk of each channel keeps a place: the translated channel's first
        # hit is often the only route to the other language's answer, and fusion ranks it
        # below chunks that two same-language channels agree on.
        leaders = [
            hit
            for channel in ("dense", "lexical", "translated")
            for hit in ordered
            if hit.ranks.get(channel) == 1 and hit not in kept
        ]
        if leaders and k > len(leaders):
            kept = dedupe(kept[: k - len(leaders)] + leaders, limit=k)
        return kept

    def _fuse(
        self,
        hits: dict[str, SearchHit],
        channel: str,
        found: list[tuple[str, float]],
        weight: float,
    ) -> None:
        """Add one ranked lexical list to the fused scores (reciprocal rank)."""
        missing = [cid for cid, _ in found if cid not in hits]
        texts = self._lookup(missing) if missing else {}
        for rank, (cid, score) in enumerate(found, start=1):
            if cid not in hits:
                if cid not in texts:
                    continue  # index ahead of the catalog: skip rather than fail
                text, meta = texts[cid]
                hits[cid] = SearchHit(cid, text, meta)
            entry = hits[cid]
            if channel == "lexical" or entry.lexical is None:
                entry.lexical = score
            entry.ranks[channel] = rank
            entry.score += weight / (self.settings.rrf_k + rank)


_SHINGLE = re.compile(r"\w+", re.UNICODE)


def _shingles(text: str) -> set[str]:
    words = _SHINGLE.findall(text.lower())
    if len(words) < 8:  # Chinese runs come out as long words: use character trigrams
        compact = re.sub(r"\s+", "", text)
        return {compact[i : i + 3] for i in range(max(1, len(compact) - 2))}
    return {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}


def _span_overlap(a: dict[str, Any], b: dict[str, Any]) -> float:
    if a.get("doc_id") != b.get("doc_id"):
        return 0.0
    start, end = max(a.get("start", 0), b.get("start", 0)), min(a.get("end", 0), b.get("end", 0))
    shorter = min(a.get("end", 0) - a.get("start", 0), b.get("end", 0) - b.get("start", 0)) or 1
    return max(0, end - start) / shorter


def dedupe(
    hits: list[SearchHit], threshold: float = 0.8, limit: int | None = None
) -> list[SearchHit]:
    """Drop chunks that mostly repeat a better-ranked one (overlap or copied text).

    With `limit`, stop once that many are kept (the same result as slicing afterwards).
    """
    kept: list[tuple[SearchHit, set[str]]] = []
    for hit in hits:
        if limit is not None and len(kept) >= limit:
            break
        shingles = _shingles(hit.text)
        duplicate = False
        for other, other_shingles in kept:
            if _span_overlap(hit.metadata, other.metadata) > threshold:
                duplicate = True
                break
            common = len(shingles & other_shingles)
            union = len(shingles) + len(other_shingles) - common or 1
            if common / union > threshold:
                duplicate = True
                break
        if not duplicate:
            kept.append((hit, shingles))
    return [h for h, _ in kept]
