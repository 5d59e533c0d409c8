"""Set and count questions: the directory-backed answer against the retrieval-only answer.

    python -m eval.set_questions build     # questions from the hand labels -> questions.jsonl
    python -m eval.set_questions run [--data-dir DIR] [--split dev test] [--json]

`build` turns the labelled cooperations (eval/datasets/partners/<split>.jsonl) into questions
with their complete answers: for each organisation with two or more labelled partners in
one kind of cooperation, "which ... ?" and, with three or more, "how many ... ?". `run`
ingests the labelled collections (and the shipped one) into DIR, answers every question
twice with the service's own container (directory on, directory off) and reports
completeness (share of labelled items the answer names) and correct counts.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.language import has_cjk
from corpus.orgnames import keys, written_key

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "eval" / "datasets" / "partners"
QUESTIONS = LABELS / "questions.jsonl"
COLLECTIONS = {"dev": ROOT / "eval" / "collections" / "dev",
               "test": ROOT / "eval" / "collections" / "test"}  # fmt: skip
MIN_LIST = 2  # partners an organisation needs for a "which" question
MIN_COUNT = 3  # partners an organisation needs for a "how many" question

_EN = {"agreement": "signed agreements with {a}", "training_base": "built training bases with {a}",
       "order_class": "run order classes or apprenticeships with {a}",
       "membership": "are members of {a}", "visit": "had visits with {a}",
       "event": "attended forums or events with {a}", "donation": "made donations to {a}",
       "other": "cooperate with {a}"}  # fmt: skip
_ZH = {"agreement": "与{a}签约", "training_base": "与{a}共建实训基地",
       "order_class": "与{a}开设订单班", "membership": "是{a}的成员",
       "visit": "与{a}互访考察", "event": "与{a}一同出席论坛或活动",
       "donation": "向{a}捐赠", "other": "与{a}合作"}  # fmt: skip
_EN_NOUN = {"enterprise": "enterprises", "school": "colleges", "association": "associations",
            "alliance": "alliances", "government": "government bodies",
            "": "organisations"}  # fmt: skip
_ZH_NOUN = {"enterprise": "企业", "school": "院校", "association": "协会",
            "alliance": "联盟", "government": "政府部门", "": "单位"}  # fmt: skip


def build(splits: Sequence[str] = ("dev", "test")) -> list[dict[str, Any]]:
    """Questions with complete answers, from the hand labels of `splits`."""
    out: list[dict[str, Any]] = []
    for split in splits:
        for line in (LABELS / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            label = json.loads(line)
            orgs = {o["name"]: o for o in label["organizations"]}
            groups: dict[tuple[str, str], list[str]] = {}
            for c in label["cooperations"]:
                for anchor, other in ((c["a"], c["b"]), (c["b"], c["a"])):
                    if c["kind"] == "membership" and anchor != c["b"]:
                        continue  # members are asked about through their alliance
                    items = groups.setdefault((anchor, c["kind"]), [])
                    if other not in items:
                        items.append(other)
            for (anchor, kind), items in sorted(groups.items()):
                if len(items) < MIN_LIST:
                    continue
                kinds = {orgs[i]["kind"] for i in items}
                wanted = kinds.pop() if len(kinds) == 1 and kind != "membership" else ""
                wanted = wanted if wanted in _EN_NOUN else ""  # "other": any organisation
                answers = [[i, *orgs[i].get("names", [])] for i in items]
                base = {"split": split, "doc": label["doc"], "anchor": anchor,
                        "cooperation": kind, "kind": wanted, "answers": answers}  # fmt: skip
                zh = has_cjk(anchor)
                out.append(
                    {**base, "count": False, "question": _question(anchor, kind, wanted, zh)}
                )
                if len(items) >= MIN_COUNT:
                    q = _question(anchor, kind, wanted, zh, count=True)
                    out.append({**base, "count": True, "question": q})
    for n, item in enumerate(out, 1):
        item["id"] = f"set{n:03d}"
    return out


def _question(anchor: str, kind: str, wanted: str, zh: bool, count: bool = False) -> str:
    if zh:
        noun = _ZH_NOUN[wanted]
        verb = _ZH[kind].format(a=anchor)
        return f"有多少家{noun}{verb}？" if count else f"哪些{noun}{verb}？"
    noun = _EN_NOUN[wanted]
    verb = _EN[kind].format(a=anchor)
    return f"How many {noun} {verb}?" if count else f"Which {noun} {verb}?"


@dataclass
class Tally:
    """Completeness and counts of one answering mode."""

    items: int = 0
    named: int = 0
    counts: int = 0
    counts_right: int = 0

    def to_json(self) -> dict[str, object]:
        """The figures."""
        return {
            "completeness": round(self.named / self.items, 3) if self.items else None,
            "correct_counts": round(self.counts_right / self.counts, 3) if self.counts else None,
            "items": self.items,
            "count_questions": self.counts,
        }


def named(answer: str, names: list[str]) -> bool:
    """True when the answer names the item under any of its names (written form or pinyin)."""
    flat = written_key(answer)
    wanted = set().union(*(keys(n) for n in names))
    return any(k and k in flat for k in wanted) or any(n.lower() in answer.lower() for n in names)


def stated_count(answer: str, count: int) -> bool:
    """True when the answer states the number."""
    return str(count) in re.findall(r"\d+", answer)


def score(question: dict[str, Any], answer: str, tally: Tally) -> None:
    """Add one answer's figures."""
    for names in question["answers"]:
        tally.items += 1
        tally.named += named(answer, names)
    if question["count"]:
        tally.counts += 1
        tally.counts_right += stated_count(answer, len(question["answers"]))


def run(data_dir: Path, splits: Sequence[str]) -> dict[str, Any]:
    """Ingest, answer every question in both modes, and score them per split."""
    from assistant.container import Container
    from assistant.schemas import ChatRequest
    from assistant.settings import Settings

    container = Container(Settings(data_dir=data_dir))
    container.indexer.ingest_paths([container.settings.corpus_dir, *COLLECTIONS.values()])
    chat = container.chat
    questions = [
        json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line
    ]
    result: dict[str, Any] = {}
    for split in splits:
        modes = {"directory": Tally(), "retrieval_only": Tally()}
        for q in (q for q in questions if q["split"] == split):
            request = ChatRequest(message=q["question"])
            directory = chat.directory
            score(q, chat.run(request, record=False).response.answer, modes["directory"])
            chat.directory = None
            try:
                score(q, chat.run(request, record=False).response.answer, modes["retrieval_only"])
            finally:
                chat.directory = directory
        n = sum(1 for q in questions if q["split"] == split)
        result[split] = {"questions": n, **{k: v.to_json() for k, v in modes.items()}}
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """`build` or `run` (see the module docstring)."""
    p = argparse.ArgumentParser(prog="python -m eval.set_questions", description=__doc__)
    p.add_argument("action", choices=("build", "run"))
    p.add_argument("--data-dir", type=Path, default=ROOT / "data" / "eval-partners")
    p.add_argument("--split", nargs="+", default=["dev", "test"], choices=sorted(COLLECTIONS))
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    if args.action == "build":
        items = build()
        QUESTIONS.write_text(
            "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8"
        )
        print(f"{len(items)} questions -> {QUESTIONS}")
        return 0
    result = run(args.data_dir, args.split)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    for split, r in result.items():
        for mode in ("directory", "retrieval_only"):
            m = r[mode]
            print(f"{split:5} {mode:15} questions={r['questions']:3} completeness="
                  f"{m['completeness']} correct_counts={m['correct_counts']} "
                  f"({m['items']} items, {m['count_questions']} count questions)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
