"""Extraction precision and recall of the partnership directory against hand labels.

    python -m eval.partners [--split dev|test|val|shipped ...] [--json] [--show]

Each split is a folder of documents (eval/collections/<split>, or the shipped corpus) and a
labels file (eval/datasets/partners/<split>.jsonl). Matching is per document:
- an extracted organisation matches a labelled one when any of their names share a key
  (written form without punctuation or legal form, or pinyin); one-to-one;
- a cooperation is the unordered pair of its organisations: an extracted pair matches a
  labelled pair when both ends match. Kind agreement is reported over matched pairs.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corpus.loaders import SUPPORTED_SUFFIXES, load_file
from corpus.orgnames import keys
from corpus.partner_records import DocumentPartners
from corpus.partners import extract

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "eval" / "datasets" / "partners"
FOLDERS = {
    "dev": ROOT / "eval" / "collections" / "dev",
    "test": ROOT / "eval" / "collections" / "test",
    "val": ROOT / "eval" / "collections" / "val",
    "shipped": ROOT / "corpus" / "documents",
}


@dataclass
class Counts:
    """True positives and the two totals of one measure."""

    tp_pred: int = 0
    pred: int = 0
    tp_gold: int = 0
    gold: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Share of extracted items that are labelled."""
        return self.tp_pred / self.pred if self.pred else 1.0

    @property
    def recall(self) -> float:
        """Share of labelled items that are extracted."""
        return self.tp_gold / self.gold if self.gold else 1.0


@dataclass
class SplitScore:
    """Organisation and cooperation scores of one split."""

    split: str
    documents: int
    organizations: Counts
    cooperations: Counts
    kind_agreement: float

    def to_json(self) -> dict[str, object]:
        """The figures, rounded."""
        return {
            "split": self.split,
            "documents": self.documents,
            "organizations": _pr(self.organizations),
            "cooperations": _pr(self.cooperations),
            "cooperation_kind_agreement": round(self.kind_agreement, 3),
        }


def _pr(c: Counts) -> dict[str, object]:
    return {
        "precision": round(c.precision, 3),
        "recall": round(c.recall, 3),
        "extracted": c.pred,
        "labelled": c.gold,
    }


def _keyset(names: list[str]) -> set[str]:
    out: set[str] = set()
    for name in names:
        out |= keys(name)
    return out


def score_document(
    got: DocumentPartners, labels: dict[str, object], orgs: Counts, coops: Counts
) -> tuple[int, int]:
    """Add one document's counts; return (matched pairs, of which the kind agrees)."""
    gold_orgs = list(labels["organizations"])  # type: ignore[call-overload]
    gold_keys = [_keyset([g["name"], *g.get("names", [])]) for g in gold_orgs]
    pred_to_gold: dict[str, int] = {}
    used: set[int] = set()
    for org in got.organizations:
        mine = _keyset([org.name, *org.names])
        hit = next((i for i, k in enumerate(gold_keys) if i not in used and k & mine), None)
        if hit is None:
            hit = next((i for i, k in enumerate(gold_keys) if k & mine), None)
            if hit is not None:
                pred_to_gold[org.name] = hit  # a second extracted name for a labelled one
            orgs.extras.append(f"{got.doc_id}: {org.name} ({org.kind})")
            orgs.pred += 1
            continue
        used.add(hit)
        pred_to_gold[org.name] = hit
        orgs.pred += 1
        orgs.tp_pred += 1
    orgs.gold += len(gold_orgs)
    orgs.tp_gold += len(used)
    orgs.misses += [f"{got.doc_id}: {g['name']}" for i, g in enumerate(gold_orgs) if i not in used]

    name_to_gold = {}
    for i, g in enumerate(gold_orgs):
        for n in [g["name"], *g.get("names", [])]:
            name_to_gold[n] = i
    gold_pairs: dict[frozenset[int], str] = {}
    for c in labels["cooperations"]:  # type: ignore[attr-defined]
        a, b = name_to_gold.get(c["a"]), name_to_gold.get(c["b"])
        if a is not None and b is not None and a != b:
            gold_pairs.setdefault(frozenset((a, b)), c["kind"])
    pred_pairs: dict[frozenset[str], str] = {}
    for coop in got.cooperations:
        pred_pairs.setdefault(frozenset((coop.a, coop.b)), coop.kind)
    matched: set[frozenset[int]] = set()
    agree = 0
    for pair, kind in pred_pairs.items():
        ends = {pred_to_gold[n] for n in pair if n in pred_to_gold}
        gp = frozenset(ends)
        coops.pred += 1
        if len(ends) == 2 and gp in gold_pairs:
            coops.tp_pred += 1
            if gp not in matched:
                agree += gold_pairs[gp] == kind
            matched.add(gp)
        else:
            coops.extras.append(f"{got.doc_id}: {' | '.join(sorted(pair))} ({kind})")
    coops.gold += len(gold_pairs)
    coops.tp_gold += len(matched)
    for gold_pair, gold_kind in gold_pairs.items():
        if gold_pair not in matched:
            names = " | ".join(sorted(gold_orgs[i]["name"] for i in gold_pair))
            coops.misses.append(f"{got.doc_id}: {names} ({gold_kind})")
    return len(matched), agree


def score_split(split: str, folder: Path | None = None, labels: Path | None = None) -> SplitScore:
    """Extract every labelled document of a split and score it."""
    folder = folder or FOLDERS[split]
    labels = labels or LABELS / f"{split}.jsonl"
    by_doc = {
        json.loads(line)["doc"]: json.loads(line)
        for line in labels.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    files = {
        f.stem: f
        for f in sorted(folder.iterdir())
        if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
    }
    orgs, coops = Counts(), Counts()
    matched = agree = 0
    for doc_id, gold in sorted(by_doc.items()):
        got = extract(load_file(files[doc_id], folder))
        m, a = score_document(got, gold, orgs, coops)
        matched += m
        agree += a
    return SplitScore(split, len(by_doc), orgs, coops, agree / matched if matched else 1.0)


def main(argv: Sequence[str] | None = None) -> int:
    """Print each split's precision and recall (and with --show, the misses and extras)."""
    p = argparse.ArgumentParser(prog="python -m eval.partners", description=__doc__)
    p.add_argument("--split", nargs="+", default=["dev", "test"], choices=sorted(FOLDERS))
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--show", action="store_true", help="list misses and extras")
    args = p.parse_args(argv)
    results = []
    for split in args.split:
        if not (LABELS / f"{split}.jsonl").exists():
            print(f"{split}: no labels file", file=sys.stderr)
            continue
        score = score_split(split)
        results.append(score.to_json())
        if args.show:
            for title, items in (
                ("missed organisations", score.organizations.misses),
                ("extra organisations", score.organizations.extras),
                ("missed cooperations", score.cooperations.misses),
                ("extra cooperations", score.cooperations.extras),
            ):
                print(f"## {split}: {title} ({len(items)})")
                print("\n".join(f"  {i}" for i in items))
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        for r in results:
            o, c = r["organizations"], r["cooperations"]
            print(
                f"{r['split']:8} docs={r['documents']:3}  organisations P={o['precision']:.3f} "  # type: ignore[index]
                f"R={o['recall']:.3f} ({o['extracted']}/{o['labelled']})  cooperations "  # type: ignore[index]
                f"P={c['precision']:.3f} R={c['recall']:.3f} ({c['extracted']}/{c['labelled']})  "  # type: ignore[index]
                f"kind={r['cooperation_kind_agreement']}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
