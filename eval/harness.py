"""The evaluation harness: answer a gold set with the real pipeline, score it (ours +
ragas), and write the report (`vca eval`'s command line is `eval/cli.py`).

Each configuration gets its own embedded index under `--index-dir` (default
`$VCA_DATA_DIR/eval-indexes/<provider>`) holding exactly the shipped corpus plus
`--documents`; it is updated incrementally, so re-runs only re-embed what changed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings
    from langchain_core.language_models import BaseChatModel

    from assistant.settings import Settings
    from eval.dataset import GoldItem
    from retrieval.embeddings import CachedQueryEmbeddings

log = logging.getLogger(__name__)
REPO_ROOT = Path(__file__).resolve().parent.parent


def default_dataset(configured: str) -> Path:
    """The configured gold set, found from the repository root when not from here."""
    path = Path(configured)
    if not path.is_absolute() and not path.exists() and (REPO_ROOT / path).exists():
        return REPO_ROOT / path
    return path


@dataclass
class Options:
    """What the command line asked for."""

    datasets: list[Path]
    out: Path
    judge: str = "none"
    judge_model: str = ""
    judge_base_url: str = ""
    compare: bool = False
    configs: list[str] = field(default_factory=list)
    limit: int | None = None
    documents: list[Path] = field(default_factory=list)
    index_dir: Path | None = None
    progress: bool = True
    judge_llm: BaseChatModel | None = None  # built and checked by `main`


def build_judge(settings: Settings, options: Options) -> BaseChatModel | None:
    """The judge LLM for `--judge openai` (an OpenAI-compatible endpoint), else None."""
    if options.judge != "openai":
        return None
    from langchain_openai import ChatOpenAI
    from pydantic import SecretStr

    return ChatOpenAI(
        base_url=options.judge_base_url or settings.llm.base_url or None,
        model=options.judge_model or settings.llm.model or "gpt-4o-mini",
        api_key=SecretStr(settings.llm.api_key or "unused"),
        timeout=max(60.0, settings.llm.timeout_s),
        max_retries=1,
        temperature=0.0,
    )


def check_judge(judge: BaseChatModel) -> str:
    """'' when the judge answers a trivial prompt, else why it does not (fail fast)."""
    try:
        judge.invoke("Reply with the single word OK.")
    except Exception as exc:  # noqa: BLE001 - connection, auth and model errors all count
        return f"{type(exc).__name__}: {exc}"
    return ""


def metric_names(judged: bool) -> list[str]:
    """Every metric of a run, in report order."""
    from eval.metrics import OUR_METRICS
    from eval.ragas_scoring import BASE_METRICS, JUDGE_METRICS

    return [*OUR_METRICS, *BASE_METRICS, *(JUDGE_METRICS if judged else ())]


def run_configuration(
    settings: Settings,
    items: Sequence[GoldItem],
    out: Path,
    options: Options,
    scorer: Embeddings | None = None,
    name: str = "",
    embeddings: CachedQueryEmbeddings | None = None,
) -> dict[str, Any]:
    """Ingest, answer, score and write one report; returns the report.

    `scorer` embeds for semantic similarity (default: the configuration's own model);
    `embeddings` is an already loaded model for the configuration, reused if given.
    """
    from eval.ragas_scoring import score_samples
    from eval.report import item_row, summarize, write_report
    from eval.runner import answer_all, prepare, reference_contexts, to_samples

    started = time.perf_counter()
    container, ingest = prepare(settings, options.documents, options.progress, embeddings)
    ingested = time.perf_counter()
    answered = answer_all(container, items, options.progress)
    answered_at = time.perf_counter()
    judge = options.judge_llm
    samples = to_samples(answered, reference_contexts(container, items))
    ragas_scores = score_samples(
        samples, scorer or container.embeddings, judge, progress=options.progress
    )
    scored = time.perf_counter()
    rows = [item_row(a, ragas_scores.get(a.item.id, {})) for a in answered]
    scorer_signature = getattr(scorer or container.embeddings, "signature", "")
    report: dict[str, Any] = {
        "summary": summarize(rows, metric_names(judge is not None)),
        "config": {
            "name": name or "default",
            "datasets": [str(p) for p in options.datasets],
            "documents": [str(p) for p in options.documents],
            "embedding": container.embeddings.signature,
            "top_k": settings.retrieval.top_k,
            "lexical": settings.retrieval.lexical,
            "answerer": settings.llm.provider,
            "llm_model": settings.llm.model if settings.llm.provider == "openai" else "",
            "judge": options.judge,
            "scorer_embeddings": scorer_signature,
            "index_dir": str(settings.data_dir),
            "indexed_documents": ingest.documents,
            "limit": options.limit,
        },
        "timing": {
            "ingest_s": round(ingested - started, 2),
            "answer_s": round(answered_at - ingested, 2),
            "score_s": round(scored - answered_at, 2),
            "total_s": round(time.perf_counter() - started, 2),
        },
        "items": rows,
    }
    write_report(out, report)
    report["timing"]["total_s"] = round(time.perf_counter() - started, 2)
    return report
