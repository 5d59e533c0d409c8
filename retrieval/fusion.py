"""Reciprocal-rank fusion of ranked lists, and the rule that keeps each channel's leader."""

from __future__ import annotations

from collections.abc import Callable

from retrieval.dedupe import dedupe
from retrieval.hits import SearchHit

#: The channels whose first hit keeps a place in the results (see `keep_leaders`).
CHANNELS = ("dense", "lexical", "translated")


def add_ranked(
    hits: dict[str, SearchHit],
    channel: str,
    ranked: list[tuple[str, float]],
    weight: float,
    rrf_k: int,
    make_hit: Callable[[str], SearchHit | None],
) -> None:
    """Add one channel's ranked `(chunk_id, score)` list to the fused scores.

    Each chunk gains `weight / (rrf_k + rank)`; a chunk not seen yet is created with
    `make_hit` (None skips it: an index ahead of the chunk store).
    """
    for rank, (chunk_id, score) in enumerate(ranked, start=1):
        entry = hits.get(chunk_id)
        if entry is None:
            entry = make_hit(chunk_id)
            if entry is None:
                continue
            hits[chunk_id] = entry
        if channel == "dense":
            entry.dense = score
        elif channel == "lexical" or entry.lexical is None:
            entry.lexical = score
        entry.ranks[channel] = rank
        entry.score += weight / (rrf_k + rank)


def keep_leaders(ordered: list[SearchHit], k: int) -> list[SearchHit]:
    """The `k` best distinct hits, where the best hit of every channel keeps a place.

    A channel's first hit is often the only route to a document (the translated channel's
    to the other language's answer), and fusion ranks it below chunks that two other
    channels agree on.
    """
    kept = dedupe(ordered, limit=k)
    leaders = [
        hit
        for channel in CHANNELS
        for hit in ordered
        if hit.ranks.get(channel) == 1 and hit not in kept
    ]
    if leaders and k > len(leaders):
        kept = dedupe(kept[: k - len(leaders)] + leaders, limit=k)
    return kept
