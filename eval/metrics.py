"""Our own metrics: pure functions over one answered question, and their aggregation.

Per-item scores are floats in [0, 1], or None when the metric does not apply to the
item (for example hit@k on an unanswerable question). Aggregates ignore None and NaN.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeGuard

HIT_K = 5

#: Our metrics, in report order. A per-item value of `refusal_accuracy` is 1 when an
#: unanswerable question was refused; of `false_refusal_rate`, 1 when an answerable one was.
OUR_METRICS = ("hit_at_5", "mrr", "must_include", "refusal_accuracy", "false_refusal_rate")

#: Metrics where lower is better (the rest are higher-is-better).
LOWER_IS_BETTER = frozenset({"false_refusal_rate"})


def normalize(text: str) -> str:
    """Case- and width-insensitive form: NFKC (full-width digits -> ASCII), casefolded."""
    return unicodedata.normalize("NFKC", text).casefold()


def hit_at_k(retrieved: Sequence[str], gold: Iterable[str], k: int = HIT_K) -> float | None:
    """1.0 when a gold document is among the first `k` retrieved doc ids; None without gold."""
    wanted = set(gold)
    if not wanted:
        return None
    return 1.0 if wanted.intersection(retrieved[:k]) else 0.0


def reciprocal_rank(retrieved: Sequence[str], gold: Iterable[str]) -> float | None:
    """1 / rank of the first retrieved chunk from a gold document (0 if none); None without gold."""
    wanted = set(gold)
    if not wanted:
        return None
    for rank, doc_id in enumerate(retrieved, start=1):
        if doc_id in wanted:
            return 1.0 / rank
    return 0.0


def must_include(answer: str, groups: Sequence[Sequence[str]]) -> float | None:
    """1.0 when every group has a string that occurs in the answer; None without groups."""
    if not groups:
        return None
    text = normalize(answer)
    ok = all(any(normalize(s) in text for s in group) for group in groups)
    return 1.0 if ok else 0.0


def refusal_accuracy(grounded: bool, answerable: bool) -> float | None:
    """For an unanswerable question: 1.0 when the assistant declined (grounded false)."""
    if answerable:
        return None
    return 0.0 if grounded else 1.0


def false_refusal(grounded: bool, answerable: bool) -> float | None:
    """For an answerable question: 1.0 when the assistant declined anyway."""
    if not answerable:
        return None
    return 0.0 if grounded else 1.0


def unique(values: Iterable[str]) -> list[str]:
    """Values without repeats, first occurrence kept."""
    return list(dict.fromkeys(values))


def score_item(
    retrieved: Sequence[str],
    gold: Sequence[str],
    answer: str,
    groups: Sequence[Sequence[str]],
    grounded: bool,
    answerable: bool,
) -> dict[str, float | None]:
    """All of our metrics for one item (`retrieved`: doc id of each hit, in rank order)."""
    return {
        "hit_at_5": hit_at_k(retrieved, gold) if answerable else None,
        "mrr": reciprocal_rank(retrieved, gold) if answerable else None,
        # A refusal never counts as containing the answer, whatever passage it shows.
        "must_include": (must_include(answer, groups) if grounded else 0.0)
        if answerable and groups
        else None,
        "refusal_accuracy": refusal_accuracy(grounded, answerable),
        "false_refusal_rate": false_refusal(grounded, answerable),
    }


def is_number(value: object) -> TypeGuard[float]:
    """True for a real, finite number (not None, not NaN)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def mean(values: Iterable[float | None]) -> float | None:
    """Mean of the defined values; None when there are none."""
    kept = [float(v) for v in values if is_number(v)]
    return sum(kept) / len(kept) if kept else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100) by linear interpolation; None for no values."""
    data = sorted(values)
    if not data:
        return None
    pos = (len(data) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return data[lo] + (data[hi] - data[lo]) * (pos - lo)


def latency_summary(latencies: Sequence[float]) -> dict[str, float | None]:
    """Mean, median, p95 and max latency in milliseconds."""
    return {
        "mean": mean(latencies),
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "max": max(latencies) if latencies else None,
    }


def aggregate(
    rows: Sequence[Mapping[str, float | None]], names: Sequence[str]
) -> dict[str, float | None]:
    """Mean of each metric over the rows where it is defined."""
    return {name: mean(row.get(name) for row in rows) for name in names}


def counts(rows: Sequence[Mapping[str, float | None]], names: Sequence[str]) -> dict[str, int]:
    """How many rows define each metric."""
    return {name: sum(1 for row in rows if is_number(row.get(name))) for name in names}


def breakdown(
    groups: Sequence[str], rows: Sequence[Mapping[str, float | None]], names: Sequence[str]
) -> dict[str, dict[str, float | int | None]]:
    """Per group (category, language): the metric means plus `n`, the item count."""
    buckets: dict[str, list[Mapping[str, float | None]]] = defaultdict(list)
    for group, row in zip(groups, rows, strict=True):
        buckets[group].append(row)
    out: dict[str, dict[str, float | int | None]] = {}
    for group in sorted(buckets):
        summary: dict[str, float | int | None] = dict(aggregate(buckets[group], names))
        summary["n"] = len(buckets[group])
        out[group] = summary
    return out


def item_quality(scores: Mapping[str, float | None]) -> float:
    """One number per item for ranking the worst: the mean of its defined headline metrics."""
    parts = [
        scores.get("must_include"),
        scores.get("hit_at_5"),
        scores.get("refusal_accuracy"),
        scores.get("rouge_score"),
        scores.get("semantic_similarity"),
    ]
    refused = scores.get("false_refusal_rate")
    if is_number(refused):
        parts.append(1.0 - refused)
    value = mean(parts)
    return 1.0 if value is None else value


_TOKEN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[a-z0-9]+")


def mixed_tokens(text: str) -> list[str]:
    """Tokens for ROUGE on English and Chinese: lower-cased latin words and single Han chars."""
    return _TOKEN.findall(normalize(text))
