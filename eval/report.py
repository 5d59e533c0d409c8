"""The evaluation report: `report.json`, `report.md` and the PNG charts in one folder.

`report.json` = {"summary": {...}, "config": {...}, "timing": {...}, "items": [...]}; the
summary holds the overall means under "metrics" and the breakdowns "by_category",
"by_language" and, when the question ids name their part ("dev-l-q007"), "by_part" (each:
group -> metric means plus "n"): a part added by someone who never ran the assistant is
measured on its own before anything is tuned on it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from eval import plots
from eval.metrics import (
    LOWER_IS_BETTER,
    aggregate,
    breakdown,
    counts,
    item_quality,
    latency_summary,
    score_item,
)
from eval.runner import Answered

#: name -> (short label, what it measures)
METRIC_INFO: dict[str, tuple[str, str]] = {
    "hit_at_5": ("hit@5", "a gold document is among the top 5 retrieved chunks"),
    "mrr": ("MRR", "1 / rank of the first chunk from a gold document"),
    "must_include": ("must include", "every must_include group appears in the answer"),
    "refusal_accuracy": ("refusal acc.", "unanswerable questions answered with grounded=false"),
    "false_refusal_rate": ("false refusal", "answerable questions refused (lower is better)"),
    "id_based_context_recall": ("ctx recall (ids)", "ragas: share of gold docs retrieved"),
    "id_based_context_precision": (
        "ctx precision (ids)",
        "ragas: share of retrieved docs that are gold",
    ),
    "non_llm_context_recall": (
        "ctx recall (text)",
        "ragas: gold evidence chunks found among the retrieved texts (Levenshtein > 0.5)",
    ),
    "rouge_score": ("ROUGE-L", "ragas: ROUGE-L F1 of answer vs reference (CJK-aware tokens)"),
    "non_llm_string_similarity": (
        "string sim.",
        "ragas: 1 - normalised Levenshtein distance of answer vs reference",
    ),
    "semantic_similarity": ("semantic sim.", "ragas: cosine of answer and reference embeddings"),
    "faithfulness": ("faithfulness", "ragas+judge: answer claims supported by the contexts"),
    "answer_relevancy": ("relevancy", "ragas+judge: answer addresses the question"),
    "llm_context_precision_with_reference": (
        "ctx precision (judge)",
        "ragas+judge: useful contexts ranked high",
    ),
    "factual_correctness": ("factual corr.", "ragas+judge: claim-level F1 against the reference"),
}
#: Metrics drawn in the per-category and per-language charts.
CHART_METRICS = (
    "hit_at_5",
    "mrr",
    "must_include",
    "refusal_accuracy",
    "rouge_score",
    "semantic_similarity",
)


def label(name: str) -> str:
    """The short label of a metric."""
    return METRIC_INFO.get(name, (name, ""))[0]


def item_row(a: Answered, extra: Mapping[str, float | None]) -> dict[str, Any]:
    """One entry of `items`: the question, what the pipeline did and every score."""
    item = a.item
    scores = score_item(
        a.retrieved, item.sources, a.answer, item.must_include, a.grounded, item.answerable
    )
    scores.update(extra)
    return {
        "id": item.id,
        "question": item.question,
        "category": item.category,
        "language": item.language,
        "answerable": item.answerable,
        "history_turns": len(item.history),
        "query": a.query,
        "reference": item.reference,
        "answer": a.answer,
        "grounded": a.grounded,
        "degraded": a.degraded,
        "sources": a.sources,
        "retrieved": a.retrieved,
        "gold_sources": item.sources,
        "scores": scores,
        "latency_ms": round(a.latency_ms, 1),
        "error": a.error,
    }


_PART_ID = re.compile(r"(.+)-q\d+")  # "dev-l-q007": the part dev-l


def part_of(item_id: str) -> str | None:
    """The part a question id names ("dev-l" of "dev-l-q007"), or None ("q60")."""
    found = _PART_ID.fullmatch(item_id)
    return found.group(1) if found else None


def summarize(rows: Sequence[Mapping[str, Any]], names: Sequence[str]) -> dict[str, Any]:
    """Overall means, how many items each metric covers, latency and the breakdowns."""
    scores = [r["scores"] for r in rows]
    out: dict[str, Any] = {
        "items": len(rows),
        "answerable": sum(1 for r in rows if r["answerable"]),
        "unanswerable": sum(1 for r in rows if not r["answerable"]),
        "errors": sum(1 for r in rows if r.get("error")),
        "metrics": aggregate(scores, names),
        "counts": counts(scores, names),
        "latency_ms": latency_summary([float(r["latency_ms"]) for r in rows]),
        "by_category": breakdown([r["category"] for r in rows], scores, names),
        "by_language": breakdown([r["language"] for r in rows], scores, names),
    }
    parts = [part_of(str(r["id"])) for r in rows]
    if all(parts) and len(set(parts)) > 1:
        out["by_part"] = breakdown([str(p) for p in parts], scores, names)
    return out


def fmt(value: object, digits: int = 3) -> str:
    """A score for a table cell ('-' when undefined)."""
    if isinstance(value, bool) or value is None:
        return "-" if value is None else str(value)
    if isinstance(value, int | float):
        return f"{value:.{digits}f}" if value == value else "-"
    return str(value)


def _setting(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value)) or "-"
    return "-" if value in (None, "") else str(value)


def _cell(text: str, limit: int = 300) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _group_table(groups: Mapping[str, Mapping[str, float | None]], names: Sequence[str]) -> str:
    head = "| group | n | " + " | ".join(label(n) for n in names) + " |"
    lines = [head, "|" + "---|" * (len(names) + 2)]
    for group, values in groups.items():
        cells = " | ".join(fmt(values.get(n)) for n in names)
        lines.append(f"| {group} | {int(values.get('n') or 0)} | {cells} |")
    return "\n".join(lines)


def render_markdown(report: Mapping[str, Any], images: Sequence[str] = ()) -> str:
    """The human-readable report."""
    summary, config = report["summary"], report["config"]
    names = [n for n in summary["metrics"] if summary["counts"].get(n)]
    lat = summary["latency_ms"]
    out = [
        "# Evaluation report",
        "",
        f"{summary['items']} questions ({summary['answerable']} answerable, "
        f"{summary['unanswerable']} unanswerable, {summary['errors']} errors) from "
        f"{', '.join(config.get('datasets', []))}.",
        "",
        "| setting | value |",
        "|---|---|",
        *[f"| {k} | {_cell(_setting(v), 120)} |" for k, v in config.items() if k != "datasets"],
        "",
        "## Summary",
        "",
        "| metric | score | items | meaning |",
        "|---|---|---|---|",
    ]
    for n in names:
        meaning = METRIC_INFO.get(n, ("", n))[1]
        if n in LOWER_IS_BETTER and "lower is better" not in meaning:
            meaning += " (lower is better)"
        out.append(
            f"| {label(n)} | {fmt(summary['metrics'][n])} | {summary['counts'][n]} | {meaning} |"
        )
    out += [
        "",
        f"Latency per question: mean {fmt(lat['mean'], 0)} ms, median "
        f"{fmt(lat['p50'], 0)} ms, p95 {fmt(lat['p95'], 0)} ms, max {fmt(lat['max'], 0)} ms.",
        "",
        "## By category",
        "",
        _group_table(summary["by_category"], names),
        "",
        "## By language",
        "",
        _group_table(summary["by_language"], names),
        "",
    ]
    if "by_part" in summary:
        out += ["## By part", "", _group_table(summary["by_part"], names), ""]
    out += [f"![{Path(i).stem}]({i})" for i in images]
    out += ["", "## The ten worst items", ""]
    worst = sorted(report["items"], key=lambda r: item_quality(r["scores"]))[:10]
    for row in worst:
        scores = ", ".join(
            f"{label(k)} {fmt(v, 2)}" for k, v in row["scores"].items() if v is not None
        )
        out += [
            f"### {row['id']} ({row['category']}, {row['language']})",
            "",
            f"- **Question:** {_cell(row['question'])}",
            f"- **Reference:** {_cell(row['reference'])}",
            f"- **Answer** (grounded={row['grounded']}): {_cell(row['answer'], 500)}",
            f"- **Gold / retrieved docs:** {', '.join(row['gold_sources']) or '-'} / "
            f"{', '.join(dict.fromkeys(row['retrieved'])) or '-'}",
            f"- **Scores:** {scores or '-'}",
        ]
        if row.get("error"):
            out.append(f"- **Error:** {_cell(row['error'])}")
        out.append("")
    return "\n".join(out)


def write_report(out: Path, report: Mapping[str, Any]) -> list[Path]:
    """Write report.json, the charts and report.md into `out`; return the written paths."""
    out.mkdir(parents=True, exist_ok=True)
    summary = report["summary"]
    labels = {n: label(n) for n in METRIC_INFO}
    charts = [c for c in CHART_METRICS if summary["counts"].get(c)]
    written = [
        plots.metrics_by_group(
            summary["by_category"],
            charts,
            out / "metrics_by_category.png",
            "Metrics by question category",
            labels,
        ),
        plots.metrics_by_group(
            summary["by_language"],
            charts,
            out / "metrics_by_language.png",
            "Metrics by language",
            labels,
        ),
        plots.latency_histogram(
            [float(r["latency_ms"]) for r in report["items"]], out / "latency.png"
        ),
    ]
    if "by_part" in summary:
        written.append(
            plots.metrics_by_group(
                summary["by_part"], charts, out / "metrics_by_part.png", "Metrics by part", labels
            )
        )
    json_path = out / "report.json"
    json_path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    md_path = out / "report.md"
    md_path.write_text(render_markdown(report, [p.name for p in written]), encoding="utf-8")
    return [json_path, md_path, *written]
