"""Calibrate the extractive answerer's refusal threshold on a development set.

`python -m eval.calibrate [--dataset FILE ...] [--documents PATH ...] [--shipped-only FILE ...]`
indexes the shipped collection and `--documents` (in `$VCA_DATA_DIR`), answers every question
with refusals off, records each answer's support score, and prints, for a sweep of
thresholds, how many unanswerable questions would be refused and how many answerable ones
would be wrongly refused; it recommends the threshold with the best balanced accuracy among
those that meet the targets (>= 90 % of unanswerable refused, <= 5 % of answerable refused),
or among all when none does. `--shipped-only` sets are answered over the shipped collection
alone (an index of its own under `$VCA_DATA_DIR/shipped-only`) and pooled with the others:
supports depend on the collection's size, and one threshold has to hold for both.
Calibrate on the dev part (and the shipped gold set); report on the test part.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from assistant.container import Container
from assistant.schemas import ChatRequest, Turn
from assistant.settings import Settings, get_settings
from eval.dataset import load_dataset


@dataclass
class Point:
    """Refusal rates at one threshold."""

    threshold: float
    refused_unanswerable: float
    refused_answerable: float

    @property
    def balanced(self) -> float:
        """Mean of the two correct rates."""
        return (self.refused_unanswerable + 1 - self.refused_answerable) / 2


def sweep(supports: list[tuple[float, bool]], thresholds: list[float]) -> list[Point]:
    """Refusal rates for each threshold, from (support, answerable) pairs."""
    answerable = [s for s, a in supports if a] or [0.0]
    unanswerable = [s for s, a in supports if not a] or [0.0]
    return [
        Point(
            t,
            sum(s < t for s in unanswerable) / len(unanswerable),
            sum(s < t for s in answerable) / len(answerable),
        )
        for t in thresholds
    ]


TARGET_REFUSED = 0.90
TARGET_FALSE_REFUSALS = 0.05


def meets_targets(point: Point) -> bool:
    """Whether a threshold meets the refusal targets of the answers issue."""
    return (
        point.refused_unanswerable >= TARGET_REFUSED
        and point.refused_answerable <= TARGET_FALSE_REFUSALS
    )


def best(points: list[Point]) -> Point:
    """The best balanced accuracy, meeting the targets if any threshold can.

    Ties are broken by the middle of the tied thresholds (the lower of two middles), which
    keeps the most distance from the questions on either side.
    """
    pool = [p for p in points if meets_targets(p)] or points
    top = max(round(p.balanced, 6) for p in pool)
    tied = sorted((p for p in pool if round(p.balanced, 6) == top), key=lambda p: p.threshold)
    return tied[(len(tied) - 1) // 2]


def main(argv: list[str] | None = None) -> int:
    """Print the sweep and the recommended `VCA_ANSWER__MIN_SUPPORT`."""
    parser = argparse.ArgumentParser(prog="python -m eval.calibrate")
    parser.add_argument(
        "--dataset", type=Path, nargs="+", default=[Path("eval/datasets/dev.jsonl")]
    )
    parser.add_argument("--documents", type=Path, nargs="*", default=[], help="extra documents")
    parser.add_argument(
        "--shipped-only",
        type=Path,
        nargs="*",
        default=[],
        help="sets answered over the shipped collection alone, pooled with the others",
    )
    args = parser.parse_args(argv)
    settings = get_settings()
    supports = _supports(Container(settings), args.dataset, args.documents)
    if args.shipped_only:
        alone = Settings(data_dir=settings.data_dir / "shipped-only")
        supports += _supports(Container(alone), args.shipped_only, [])
    points = sweep(supports, [round(0.01 * i, 2) for i in range(0, 61)])
    print("| threshold | unanswerable refused | answerable refused | balanced | |")
    print("|---|---|---|---|---|")
    for p in points:
        print(
            f"| {p.threshold:.2f} | {p.refused_unanswerable:.3f} | {p.refused_answerable:.3f} "
            f"| {p.balanced:.3f} |{' meets targets |' if meets_targets(p) else ' |'}"
        )
    chosen = best(points)
    print(f"\nrecommended VCA_ANSWER__MIN_SUPPORT={chosen.threshold:.2f}")
    return 0


def _supports(
    container: Container, datasets: list[Path], documents: list[Path]
) -> list[tuple[float, bool]]:
    """(support, answerable) of every question of `datasets` over the shipped collection and
    `documents`, indexed in the container's data folder."""
    container.indexer.ingest_paths([container.settings.corpus_dir, *documents])
    out = []
    for item in load_dataset(datasets):
        history = [Turn(role=t.role, content=t.content) for t in item.history]
        request = ChatRequest(message=item.question, history=history)
        result = container.chat.run(request, record=False)
        out.append((container.extractive.support(result.query, result.hits), item.answerable))
    return out


if __name__ == "__main__":
    raise SystemExit(main())
