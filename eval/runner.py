"""Runs gold questions through the service's own pipeline and collects what ragas needs."""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from assistant.container import Container
from assistant.schemas import ChatRequest, Turn
from assistant.settings import Settings
from eval.dataset import GoldItem
from eval.metrics import normalize
from eval.ragas_scoring import Sample
from retrieval.embeddings import CachedQueryEmbeddings

log = logging.getLogger(__name__)


@dataclass
class Answered:
    """The pipeline's output for one gold question."""

    item: GoldItem
    answer: str = ""
    grounded: bool = False
    degraded: bool = False
    query: str = ""
    sources: list[str] = field(default_factory=list)  # cited doc ids, in [n] order
    retrieved: list[str] = field(default_factory=list)  # doc id of each hit, rank order
    contexts: list[str] = field(default_factory=list)  # text of each hit, rank order
    latency_ms: float = 0.0
    error: str = ""


def eval_settings(
    base: Settings,
    index_root: Path,
    provider: str | None = None,
    top_k: int | None = None,
    lexical: bool | None = None,
    llm_provider: str | None = None,
) -> Settings:
    """A copy of `base` for one evaluated configuration, on its own embedded index.

    The index folder is per embedding model (`<index_root>/<provider>[-<model>]`), so
    configurations that share a model share an index. The store is always embedded, so an
    evaluation never writes into a Chroma server the service uses.
    """
    embedding = base.embedding
    if provider is not None and provider != embedding.provider:
        embedding = embedding.model_copy(update={"provider": provider, "model": ""})
    retrieval = base.retrieval.model_copy(
        update={k: v for k, v in {"top_k": top_k, "lexical": lexical}.items() if v is not None}
    )
    llm = base.llm
    if llm_provider is not None:
        llm = llm.model_copy(update={"provider": llm_provider})
    slug: str = embedding.provider
    if embedding.model:
        slug += "-" + Path(embedding.model.rstrip("/")).name
    return base.model_copy(
        update={
            "data_dir": index_root / slug,
            "embedding": embedding,
            "retrieval": retrieval,
            "llm": llm,
            "store": base.store.model_copy(update={"chroma_host": ""}),
        }
    )


def prepare(
    settings: Settings,
    documents: Sequence[Path],
    progress: bool,
    embeddings: CachedQueryEmbeddings | None = None,
) -> tuple[Container, Any]:
    """A container whose index holds exactly the shipped corpus plus `documents`.

    `embeddings`, when given, must be the model `settings` selects: it is reused instead
    of loading the model again (it fills the container's cached property).
    """
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    container = Container(settings)
    if embeddings is not None:
        vars(container)["embeddings"] = embeddings
    paths = [settings.corpus_dir, *documents]
    report = container.indexer.ingest_paths(paths, prune=True, progress=progress)
    for error in report.errors:
        log.warning("ingest: %s", error)
    return container, report


def answer_one(container: Container, item: GoldItem) -> Answered:
    """Ask one question (with its history) exactly as the chat service would be asked."""
    out = Answered(item=item)
    request = ChatRequest(
        message=item.question,
        history=[Turn(role=t.role, content=t.content) for t in item.history],
    )
    started = time.perf_counter()
    try:
        result = container.chat.run(request)
    except Exception as exc:  # noqa: BLE001 - one failing question must not stop the run
        out.error = f"{type(exc).__name__}: {exc}"
        out.latency_ms = (time.perf_counter() - started) * 1000
        log.warning("%s failed: %s", item.id, out.error)
        return out
    response = result.response
    out.answer = response.answer
    out.grounded = response.grounded
    out.degraded = response.degraded
    out.query = result.query.text
    out.sources = [s.id for s in response.sources]
    out.retrieved = [h.doc_id for h in result.hits]
    out.contexts = [h.text for h in result.hits]
    out.latency_ms = result.latency_ms or (time.perf_counter() - started) * 1000
    return out


def answer_all(container: Container, items: Sequence[GoldItem], progress: bool) -> list[Answered]:
    """Every item through the pipeline, with a progress bar.

    One untimed warm-up question first loads what the pipeline builds lazily (the BM25
    index, jieba's dictionary), so that the first item's latency is not inflated.
    """
    if items:
        answer_one(container, items[0])
    bar = tqdm(items, desc="answering", unit="q", disable=not progress)
    return [answer_one(container, item) for item in bar]


def best_chunk(texts: Sequence[str], item: GoldItem) -> str:
    """The chunk of a gold document that best supports the item's reference answer.

    Ranked by the number of `must_include` groups it satisfies, then by the fuzzy
    (partial) similarity of the reference answer to the chunk.
    """
    from rapidfuzz import fuzz

    reference = normalize(item.reference)

    def key(text: str) -> tuple[int, float]:
        norm = normalize(text)
        groups = sum(any(normalize(s) in norm for s in g) for g in item.must_include)
        return groups, fuzz.partial_ratio(reference, norm) if reference else 0.0

    return max(texts, key=key)


def reference_contexts(container: Container, items: Sequence[GoldItem]) -> dict[str, list[str]]:
    """Per item, the best chunk of each of its gold documents that the index holds."""
    wanted = {doc for item in items for doc in item.sources}
    chunks: dict[str, list[str]] = defaultdict(list)
    for chunk in container.catalog.iter_chunks():
        if chunk.doc_id in wanted:
            chunks[chunk.doc_id].append(chunk.text)
    out: dict[str, list[str]] = {}
    for item in items:
        missing = [d for d in item.sources if d not in chunks]
        if missing and item.answerable:
            log.warning("%s: gold sources not in the index: %s", item.id, ", ".join(missing))
        out[item.id] = [best_chunk(chunks[d], item) for d in item.sources if d in chunks]
    return out


def to_samples(answered: Sequence[Answered], references: dict[str, list[str]]) -> list[Sample]:
    """ragas inputs; a follow-up is judged by its standalone (rewritten) query."""
    samples = []
    for a in answered:
        item = a.item
        samples.append(
            Sample(
                item_id=item.id,
                answerable=item.answerable,
                user_input=(a.query or item.question) if item.history else item.question,
                response=a.answer,
                reference=item.reference,
                retrieved_contexts=a.contexts,
                retrieved_ids=a.retrieved,
                reference_ids=list(item.sources),
                reference_contexts=references.get(item.id, []),
            )
        )
    return samples
