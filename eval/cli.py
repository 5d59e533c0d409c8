"""`vca eval`: the command line of the evaluation harness (see `eval/harness.py`).

vca eval [--dataset FILE ...] [--out DIR] [--judge none|openai] [--compare]
         [--limit N] [--documents PATH ...] [--index-dir DIR] [--configs NAMES]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.offline import apply_offline_env
from assistant.settings import Settings
from eval.harness import Options, build_judge, check_judge, default_dataset, run_configuration


def parse_args(argv: Sequence[str], settings: Settings) -> Options:
    """Command-line options; defaults come from the settings' `eval` group."""
    p = argparse.ArgumentParser(
        prog="vca eval", description="Evaluate answer quality on gold question sets."
    )
    p.add_argument(
        "--dataset",
        nargs="+",
        action="extend",
        type=Path,
        metavar="FILE",
        help=f"gold set(s) in JSONL (default {settings.eval.dataset})",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=Path(settings.eval.out_dir),
        help="report folder (default %(default)s)",
    )
    p.add_argument(
        "--judge",
        choices=["none", "openai"],
        default="none",
        help="add LLM-judged ragas metrics, judged by the VCA_LLM_* endpoint",
    )
    p.add_argument("--judge-model", default="", help="judge model (default VCA_LLM_MODEL)")
    p.add_argument("--judge-base-url", default="", help="judge endpoint (default VCA_LLM_BASE_URL)")
    p.add_argument("--compare", action="store_true", help="evaluate several configurations")
    p.add_argument("--configs", default="", help="with --compare: comma-separated names")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="first N questions only")
    p.add_argument(
        "--documents",
        nargs="+",
        action="extend",
        type=Path,
        default=[],
        metavar="PATH",
        help="extra documents indexed beside the shipped corpus",
    )
    p.add_argument(
        "--index-dir",
        type=Path,
        default=None,
        help="where the evaluation indexes live (default $VCA_DATA_DIR/eval-indexes)",
    )
    p.add_argument("--no-progress", action="store_true", help="hide the progress bars")
    a = p.parse_args(list(argv))
    if a.limit is not None and a.limit < 1:
        p.error("--limit must be at least 1")
    return Options(
        datasets=a.dataset or [default_dataset(settings.eval.dataset)],
        out=a.out,
        judge=a.judge,
        judge_model=a.judge_model,
        judge_base_url=a.judge_base_url,
        compare=a.compare,
        configs=[c.strip() for c in a.configs.split(",") if c.strip()],
        limit=a.limit,
        documents=a.documents,
        index_dir=a.index_dir,
        progress=not a.no_progress and sys.stderr.isatty(),
    )


def print_summary(report: dict[str, Any], out: Path) -> None:
    """A few headline numbers on stdout."""
    from eval.report import fmt, label

    summary = report["summary"]
    for name, value in summary["metrics"].items():
        if value is not None:
            print(f"{label(name):>22}  {fmt(value)}")
    print(f"{'latency p50 (ms)':>22}  {fmt(summary['latency_ms']['p50'], 0)}")
    print(f"report: {out / 'report.md'} ({report['timing']['total_s']} s)")


def main(argv: list[str]) -> int:
    """Entry point of `vca eval`; returns the exit status."""
    apply_offline_env()  # before ragas, transformers or chromadb are imported
    from assistant.settings import get_settings
    from eval.dataset import DatasetError, load_dataset
    from eval.runner import eval_settings

    settings = get_settings()
    options = parse_args(argv, settings)
    try:
        items = load_dataset(options.datasets)
    except DatasetError as exc:
        print(f"vca eval: {exc}", file=sys.stderr)
        return 2
    missing = [str(p) for p in options.documents if not p.exists()]
    if missing:
        print(f"vca eval: no such documents: {', '.join(missing)}", file=sys.stderr)
        return 2
    items = items[: options.limit] if options.limit else items
    index_root = options.index_dir or settings.data_dir / "eval-indexes"
    options.judge_llm = build_judge(settings, options)
    if options.judge_llm is not None:
        problem = check_judge(options.judge_llm)
        if problem:
            print(f"vca eval: the judge LLM is unavailable ({problem})", file=sys.stderr)
            return 1
    if options.compare:
        from eval.compare import run_compare

        return run_compare(settings, items, options, index_root)
    report = run_configuration(eval_settings(settings, index_root), items, options.out, options)
    print_summary(report, options.out)
    return 0
