"""Reciprocal-rank fusion of ranked lists, and the rules that keep each channel's leader and put
BM25's clear winner first."""

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


# A BM25 leader scoring this many times the best chunk of any other document goes first:
# fusion by rank alone puts a document only the question's words find (a name BM25 matches
# 4x better than anything else) below chunks two channels half agree on. Dev split hit@5 /
# MRR / must_include: 0.946 / 0.870 / 0.826 here; 0.957 / 0.894 / 0.815 at 1.25; 0.935 /
# 0.855 / 0.826 at 2; 0.902 / 0.818 / 0.826 without (gold hit@5 0.970 -> 0.985).
CLEAR_WIN_RATIO = 1.5


def lead_with_clear_winner(
    ordered: list[SearchHit], ranked: list[tuple[str, float]], hits: dict[str, SearchHit]
) -> list[SearchHit]:
    """`ordered` with `ranked`'s first chunk first when its score is `CLEAR_WIN_RATIO` times
    that of the best chunk of any other document in `ranked`."""
    if not ranked or ranked[0][0] not in hits:
        return ordered
    first = hits[ranked[0][0]]
    rival = next(
        (score for cid, score in ranked[1:] if cid in hits and hits[cid].doc_id != first.doc_id),
        None,
    )
    if rival is None or ranked[0][1] < CLEAR_WIN_RATIO * rival:
        return ordered
    return [first, *(h for h in ordered if h is not first)]


def round_robin(ranked: list[list[SearchHit]]) -> list[SearchHit]:
    """Several ranked lists as one: each list's first, then each list's second, …; a chunk
    in more than one list is placed once (a question's parts, a message's questions)."""
    merged: dict[str, SearchHit] = {}
    for rank in range(max((len(hits) for hits in ranked), default=0)):
        for hits in ranked:
            if rank < len(hits):
                merged.setdefault(hits[rank].chunk_id, hits[rank])
    return list(merged.values())


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
