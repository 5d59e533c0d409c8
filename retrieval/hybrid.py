"""Hybrid search: dense (Chroma) and lexical (BM25) candidates fused by reciprocal rank."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from langchain_core.embeddings import Embeddings

from assistant.settings import RetrievalSettings
from retrieval.filters import SearchFilters
from retrieval.glossary import expand_query
from retrieval.lexical import LexicalIndex
from retrieval.store import ChromaStore

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
    ) -> None:
        self.store = store
        self.embeddings = embeddings
        self._lexical = lexical
        self._lookup = lookup
        self.settings = settings

    def search(
        self, query: str, k: int | None = None, filters: SearchFilters | None = None
    ) -> list[SearchHit]:
        """The `k` best distinct chunks for `query` under `filters`."""
        s = self.settings
        k = k or s.top_k
        filters = filters if filters and not filters.is_empty() else None
        hits: dict[str, SearchHit] = {}

        if s.dense_weight > 0:
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
                entry.score += s.dense_weight / (s.rrf_k + rank)

        if s.lexical and s.lexical_weight > 0:
            index = self._lexical()
            mask = index.mask(filters.matches) if filters else None
            found = index.search(expand_query(query), s.candidates, mask)
            missing = [cid for cid, _ in found if cid not in hits]
            texts = self._lookup(missing) if missing else {}
            for rank, (cid, score) in enumerate(found, start=1):
                if cid not in hits:
                    if cid not in texts:
                        continue  # index ahead of the store: skip rather than fail
                    text, meta = texts[cid]
                    hits[cid] = SearchHit(cid, text, meta)
                entry = hits[cid]
                entry.lexical = score
                entry.ranks["lexical"] = rank
                entry.score += s.lexical_weight / (s.rrf_k + rank)

        ordered = sorted(hits.values(), key=lambda h: h.score, reverse=True)
        return dedupe(ordered)[:k]


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


def dedupe(hits: list[SearchHit], threshold: float = 0.8) -> list[SearchHit]:
    """Drop chunks that mostly repeat a better-ranked one (overlap or copied text)."""
    kept: list[tuple[SearchHit, set[str]]] = []
    for hit in hits:
        shingles = _shingles(hit.text)
        duplicate = False
        for other, other_shingles in kept:
            if _span_overlap(hit.metadata, other.metadata) > threshold:
                duplicate = True
                break
            union = len(shingles | other_shingles) or 1
            if len(shingles & other_shingles) / union > threshold:
                duplicate = True
                break
        if not duplicate:
            kept.append((hit, shingles))
    return [h for h, _ in kept]
