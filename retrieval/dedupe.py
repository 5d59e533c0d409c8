"""Near-duplicate removal: chunks that mostly repeat a better-ranked one are dropped."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from retrieval.hits import SearchHit

_SHINGLE = re.compile(r"\w+", re.UNICODE)


#: Texts whose shingles are kept: the same candidates are compared twice per question (the
#: channels' leaders are checked again) and popular chunks recur across questions.
SHINGLE_CACHE_TEXTS = 4096


@lru_cache(maxsize=SHINGLE_CACHE_TEXTS)
def _shingles(text: str) -> frozenset[str]:
    words = _SHINGLE.findall(text.lower())
    if len(words) < 8:  # Chinese runs come out as long words: use character trigrams
        compact = re.sub(r"\s+", "", text)
        return frozenset(compact[i : i + 3] for i in range(max(1, len(compact) - 2)))
    return frozenset(" ".join(words[i : i + 3]) for i in range(len(words) - 2))


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
    kept: list[tuple[SearchHit, frozenset[str]]] = []
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
