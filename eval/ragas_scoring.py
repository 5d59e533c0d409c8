"""Scoring with ragas 0.4.3 `evaluate()` and its legacy metrics, offline unless judged.

Call `apply_offline_env()` before this module is imported (the harness does): ragas reads
`RAGAS_DO_NOT_TRACK` once. `evaluate()` is always given `llm=` and `embeddings=`; without a
judge the LLM is `NoJudgeLLM`, which fails loudly instead of reaching a network service.
"""

from __future__ import annotations

import logging
import math
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage
from langchain_core.outputs import ChatResult

from eval.metrics import mixed_tokens

log = logging.getLogger(__name__)

#: Metrics that need no LLM, in report order.
BASE_METRICS = (
    "id_based_context_recall",
    "id_based_context_precision",
    "non_llm_context_recall",
    "rouge_score",
    "non_llm_string_similarity",
    "semantic_similarity",
)
#: Metrics judged by an LLM (`--judge openai`).
JUDGE_METRICS = (
    "faithfulness",
    "answer_relevancy",
    "llm_context_precision_with_reference",
    "factual_correctness",
)


@dataclass
class Sample:
    """What ragas needs about one answered question."""

    item_id: str
    answerable: bool
    user_input: str
    response: str
    reference: str
    retrieved_contexts: list[str] = field(default_factory=list)
    retrieved_ids: list[str] = field(default_factory=list)
    reference_ids: list[str] = field(default_factory=list)
    reference_contexts: list[str] = field(default_factory=list)


class NoJudgeLLM(BaseChatModel):
    """Stands in for the judge when there is none: any call is a programming error."""

    @property
    def _llm_type(self) -> str:
        return "no-judge"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        raise RuntimeError("this metric needs a judge LLM: run `vca eval --judge openai`")


class NamedEmbeddings(Embeddings):
    """Delegates to our embeddings; `model` is a string, as ragas' usage events require.

    (`SentenceTransformerEmbeddings.model` is the model object, which ragas rejects.)
    """

    def __init__(self, inner: Embeddings) -> None:
        self.inner = inner
        self.model = str(getattr(inner, "signature", "") or type(inner).__name__)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


class _MixedTokenizer:
    """rouge-score tokenizer that keeps Chinese (one token per Han character)."""

    def __init__(self) -> None:
        from nltk.stem import porter

        self._stemmer = porter.PorterStemmer()

    def tokenize(self, text: str) -> list[str]:
        out = []
        for token in mixed_tokens(text):
            out.append(self._stemmer.stem(token) if token.isascii() and len(token) > 3 else token)
        return out


def _predicates() -> dict[str, Callable[[Sample], bool]]:
    def answerable(s: Sample) -> bool:
        return s.answerable

    return {
        "id_based_context_recall": lambda s: s.answerable and bool(s.reference_ids),
        "id_based_context_precision": lambda s: s.answerable and bool(s.reference_ids),
        "non_llm_context_recall": lambda s: s.answerable and bool(s.reference_contexts),
        "rouge_score": lambda s: s.answerable and bool(s.reference),
        "non_llm_string_similarity": lambda s: s.answerable and bool(s.reference),
        "semantic_similarity": lambda s: s.answerable and bool(s.reference),
        "faithfulness": lambda s: s.answerable and bool(s.retrieved_contexts),
        "answer_relevancy": answerable,
        "llm_context_precision_with_reference": lambda s: (
            s.answerable and bool(s.reference) and bool(s.retrieved_contexts)
        ),
        "factual_correctness": lambda s: s.answerable and bool(s.reference),
    }


def build_metrics(names: Sequence[str]) -> dict[str, Any]:
    """Legacy ragas metric objects by our name."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from ragas import metrics as m

        rouge_cls = m.RougeScore

        class MixedRougeScore(rouge_cls):  # type: ignore[misc, valid-type]
            """ROUGE-L F1 whose tokenizer keeps Chinese characters (the default drops them)."""

            async def _single_turn_ascore(self, sample: Any, callbacks: Any) -> float:
                scorer = self.rouge_scorer.RougeScorer(
                    [self.rouge_type], tokenizer=_MixedTokenizer()
                )
                scores = scorer.score(sample.reference or "", sample.response or "")
                return float(getattr(scores[self.rouge_type], self.mode))

        factories: dict[str, Callable[[], Any]] = {
            "id_based_context_recall": m.IDBasedContextRecall,
            "id_based_context_precision": m.IDBasedContextPrecision,
            "non_llm_context_recall": m.NonLLMContextRecall,
            "rouge_score": MixedRougeScore,
            "non_llm_string_similarity": m.NonLLMStringSimilarity,
            "semantic_similarity": m.SemanticSimilarity,
            "faithfulness": m.Faithfulness,
            "answer_relevancy": m.ResponseRelevancy,
            "llm_context_precision_with_reference": m.LLMContextPrecisionWithReference,
            "factual_correctness": m.FactualCorrectness,
        }
        return {name: factories[name]() for name in names}


def _to_ragas(sample: Sample) -> Any:
    from ragas import SingleTurnSample

    return SingleTurnSample(
        user_input=sample.user_input,
        response=sample.response,
        reference=sample.reference or None,
        # An empty list would crash NonLLMContextRecall; "" scores 0 as it should.
        retrieved_contexts=sample.retrieved_contexts or [""],
        retrieved_context_ids=list(sample.retrieved_ids),
        reference_context_ids=list(sample.reference_ids),
        reference_contexts=sample.reference_contexts or None,
    )


def _clean(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def score_samples(
    samples: Sequence[Sample],
    embeddings: Embeddings,
    judge: BaseChatModel | None = None,
    progress: bool = False,
    workers: int = 4,
) -> dict[str, dict[str, float | None]]:
    """Scores by item id and metric name; metrics that do not apply to an item are absent.

    Metrics that apply to the same items share one `evaluate()` call.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from ragas.embeddings import LangchainEmbeddingsWrapper
        from ragas.llms import LangchainLLMWrapper
        from ragas.run_config import RunConfig

        names = list(BASE_METRICS) + (list(JUDGE_METRICS) if judge is not None else [])
        metrics = build_metrics(names)
        run_config = RunConfig(
            timeout=120 if judge else 60,
            max_retries=2 if judge else 1,
            max_wait=10,
            max_workers=workers,
        )
        llm = LangchainLLMWrapper(judge or NoJudgeLLM(), run_config=run_config)
        wrapped = LangchainEmbeddingsWrapper(NamedEmbeddings(embeddings), run_config=run_config)

    predicates = _predicates()
    groups: dict[tuple[int, ...], list[str]] = {}
    for name in names:
        members = tuple(i for i, s in enumerate(samples) if predicates[name](s))
        if members:
            groups.setdefault(members, []).append(name)

    scores: dict[str, dict[str, float | None]] = {s.item_id: {} for s in samples}
    ragas_log = logging.getLogger("ragas")
    level = ragas_log.level
    ragas_log.setLevel(logging.ERROR)  # per-sample notes such as "no retrieved context ids"
    try:
        for members, group in groups.items():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                result = _evaluate(
                    [samples[i] for i in members],
                    [metrics[n] for n in group],
                    llm,
                    wrapped,
                    run_config,
                    progress,
                )
            for row, index in zip(result, members, strict=True):
                for name, value in zip(group, row, strict=True):
                    scores[samples[index].item_id][name] = _clean(value)
    finally:
        ragas_log.setLevel(level)
    return scores


def _evaluate(
    samples: Sequence[Sample],
    metrics: list[Any],
    llm: Any,
    embeddings: Any,
    run_config: Any,
    progress: bool,
) -> list[list[Any]]:
    """One `evaluate()` call; the values of each sample in metric order."""
    from ragas import EvaluationDataset, evaluate

    def run() -> Any:
        return evaluate(
            EvaluationDataset(samples=[_to_ragas(s) for s in samples]),
            metrics=metrics,
            llm=llm,
            embeddings=embeddings,
            run_config=run_config,
            raise_exceptions=False,
            show_progress=progress,
            allow_nest_asyncio=False,
        )

    # ragas calls asyncio.run(), which refuses to start inside a running event loop (a
    # caller's, e.g. a notebook or a test using Playwright's sync API): use a fresh thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        result: Any = pool.submit(run).result()
    # Rows keep metric order; mode metrics get decorated keys ("factual_correctness(mode=f1)").
    return [list(row.values()) for row in result.scores]
