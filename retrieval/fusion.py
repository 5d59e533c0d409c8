"""Reciprocal-rank fusion of ranked lists, and the rule that keeps each channel's leader."""

from __future__ import annotations

from collections.abc import Callable

from retrieval.dedupe import dedupe
from retrieval.hits import SearchHit

#: The channels whose first hit keeps a place in the results (see `keep_leaders`).
CHANNELS = ("dense", "lexical")


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


def interleave(fused: list[SearchHit], other: list[SearchHit], every: int) -> list[SearchHit]:
    """`fused` with the best of `other` taking every `every`-th place.

    `other` ranks what only a translation of the question finds (the other language's
    documents); reciprocal-rank fusion cannot weigh it against the question's own channels
    (its scores are on another scale and it always disagrees with them), so it gets places
    of its own instead: a cross-lingual question finds its document within `every` places,
    a same-language one keeps its own documents first. A hit in both lists is placed once.
    """
    if not other:
        return fused
    out: list[SearchHit] = []
    placed: set[str] = set()
    mine, theirs = iter(fused), iter(other)
    while True:
        source = theirs if (len(out) + 1) % every == 0 else mine
        hit = next((h for h in source if h.chunk_id not in placed), None)
        if hit is None:
            rest = [h for h in (*mine, *theirs) if h.chunk_id not in placed]
            return out + list({h.chunk_id: h for h in rest}.values())
        placed.add(hit.chunk_id)
        out.append(hit)
