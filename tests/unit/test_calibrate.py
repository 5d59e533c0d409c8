"""The refusal-threshold sweep."""

from __future__ import annotations

from eval.calibrate import best, sweep


def test_sweep_counts_refusals_on_each_side() -> None:
    supports = [(0.9, True), (0.5, True), (0.2, True), (0.1, False), (0.4, False)]
    low, mid, high = sweep(supports, [0.15, 0.45, 0.95])
    assert (low.refused_unanswerable, low.refused_answerable) == (0.5, 0.0)
    assert (mid.refused_unanswerable, round(mid.refused_answerable, 3)) == (1.0, 0.333)
    assert (high.refused_unanswerable, high.refused_answerable) == (1.0, 1.0)


def test_best_prefers_balanced_accuracy_then_the_middle_of_a_tie() -> None:
    supports = [(0.9, True), (0.6, True), (0.1, False), (0.3, False)]
    points = sweep(supports, [0.05, 0.35, 0.5, 0.95])
    assert best(points).threshold == 0.35  # 0.35 and 0.5 both separate: the lower middle
    points = sweep(supports, [0.05, 0.35, 0.4, 0.45, 0.5, 0.95])
    assert best(points).threshold == 0.4


def test_best_prefers_a_threshold_that_meets_the_targets() -> None:
    unanswerable = [(0.1, False)] * 9 + [(0.5, False)]
    answerable = [(0.9, True)] * 47 + [(0.55, True)] * 3
    loose, strict = sweep(unanswerable + answerable, [0.3, 0.6])
    assert strict.balanced > loose.balanced  # 0.97 vs 0.95 ...
    assert strict.refused_answerable > 0.05  # ... but 6 % of answerable questions refused
    assert best([loose, strict]).threshold == 0.3
    assert best([strict]).threshold == 0.6  # nothing meets the targets: best balanced
