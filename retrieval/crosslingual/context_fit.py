"""An English word's dictionary senses weighed against the rest of the question."""

from __future__ import annotations

import math

import numpy as np

from retrieval.lexical import LexicalIndex

# The dictionary's best-placed senses stand unless they fit the question less than this share
# as well as its best-fitting sense; then the senses fitting at least this share as well are
# kept. Dev (323) must_include 0.750 -> 0.766, answerable refused 0.094 -> 0.074, unanswerable
# refused 0.866 -> 0.821, gold unchanged; at 0.8 dev +1 answer but gold must_include -0.06;
# re-ranking every term by fit: gold -0.03.
CONTEXT_FIT_SHARE = 0.5
# Chunks a sense is taken to hold besides its own, sharing nothing: a word of four chunks
# that three of them share with 实习 is no surer a fit than one of 63 sharing 25. Dev
# must_include at 0: -0.012, at 20: -0.004.
FIT_PRIOR_CHUNKS = 5


def in_context(
    index: LexicalIndex,
    senses: list[tuple[str, tuple[str, ...], tuple[str, ...]]],
    other: list[tuple[str, tuple[str, ...]]],
    keep: int,
) -> list[tuple[str, tuple[str, ...]]]:
    """Each English term with its translations: its best-placed senses, unless they fit
    the question's other terms (share chunks with their translations) less than
    `CONTEXT_FIT_SHARE` as well as its best-fitting sense: then the senses that fit, best
    first, `keep` at most ("provisions" beside "internship": 规定, not the dictionary's
    first 食品)."""
    if all(set(ss) <= set(ts) for _, ts, ss in senses):  # no other sense to weigh
        return [(w, ts) for w, ts, _ in senses]
    terms = [(*ts, *(s for s in ss if s not in ts)) for _, ts, ss in senses]
    terms += [ts for _, ts in other]
    total = len(index)
    held = {way: index.holding(way) for ways in terms for way in ways}
    masks: list[tuple[np.ndarray, float]] = []  # per term: its chunks, and its weight
    for ways in terms:
        mask = np.zeros(total, dtype=bool)
        for way in ways:
            mask[held[way]] = True
        count = int(mask.sum())
        masks.append((mask, math.log(total / count) if count else 0.0))
    out: list[tuple[str, tuple[str, ...]]] = []
    for i, (word, best_placed, candidates) in enumerate(senses):
        if set(candidates) <= set(best_placed):
            out.append((word, best_placed))
            continue
        rest = [m for j, m in enumerate(masks) if j != i and m[1] > 0]
        fit = {s: _fit(held[s], rest) for s in candidates}
        top = max(fit.values(), default=0.0)
        placed = max((fit.get(s, 0.0) for s in best_placed), default=0.0)
        if top <= 0 or placed >= CONTEXT_FIT_SHARE * top:
            out.append((word, best_placed))
            continue
        kept = sorted(
            (s for s in candidates if fit[s] >= CONTEXT_FIT_SHARE * top), key=lambda s: -fit[s]
        )
        names = tuple(t for t in best_placed if t not in candidates)
        out.append((word, tuple(dict.fromkeys((*kept[:keep], *names)))))
    return out


def _fit(chunks: np.ndarray, context: list[tuple[np.ndarray, float]]) -> float:
    """How well a sense held by `chunks` fits the question: per other term (its chunks as a
    mask, and its weight: the log of all chunks over its own, so 职业 says little and 实习
    much), the share of those chunks that also hold the term, weighed, summed."""
    if not len(chunks):
        return 0.0
    shared = sum(int(mask[chunks].sum()) * weight for mask, weight in context)
    return shared / (len(chunks) + FIT_PRIOR_CHUNKS)
