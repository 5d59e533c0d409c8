"""Answer quality on the gold set: a regression here fails `make test`.

The thresholds are the targets of the answers issue, met by the default pipeline
(all-MiniLM-L6-v2 + BM25, extractive answerer): source hit@5 >= 0.95, must_include >= 0.85,
>= 90 % of unanswerable questions refused and <= 5 % of answerable ones.
"""

from __future__ import annotations

import pytest

from assistant.schemas import ChatRequest, Turn
from eval.dataset import GoldItem, load_dataset
from eval.metrics import false_refusal, hit_at_k, must_include, refusal_accuracy
from retrieval.embeddings import CachedQueryEmbeddings
from tests.support import CORPUS_DIR, REPO_ROOT, make_container, make_settings

pytestmark = pytest.mark.integration

GOLD = REPO_ROOT / "eval" / "datasets" / "gold.jsonl"
FLOORS = {  # measured: 0.985, 0.881, 1.000, 0.015 (vca eval, see README)
    "hit_at_5": 0.95,
    "must_include": 0.85,
    "refusal_accuracy": 0.90,
}
FALSE_REFUSAL_CEILING = 0.05


@pytest.fixture(scope="module")
def results(
    tmp_path_factory: pytest.TempPathFactory, embeddings: CachedQueryEmbeddings
) -> list[tuple[GoldItem, bool, str, list[str]]]:
    container = make_container(make_settings(tmp_path_factory.mktemp("gold")), embeddings)
    container.indexer.ingest_paths([CORPUS_DIR], progress=False)
    out = []
    for item in load_dataset([GOLD]):
        history = [Turn(role=t.role, content=t.content) for t in item.history]
        result = container.chat.run(ChatRequest(message=item.question, history=history), False)
        docs = [hit.doc_id for hit in result.hits]
        out.append((item, result.response.grounded, result.response.answer, docs))
    return out


def _mean(values: list[float | None]) -> float:
    kept = [v for v in values if v is not None]
    return sum(kept) / len(kept)


def test_gold_set_is_large_and_varied() -> None:
    items = load_dataset([GOLD])
    categories = {i.category for i in items}
    assert len(items) >= 60
    assert {"factoid", "list", "multi_doc", "cross_lingual", "follow_up"} <= categories
    assert sum(not i.answerable for i in items) >= 8
    assert {i.language for i in items} == {"en", "zh"}


def test_quality_floors(results: list[tuple[GoldItem, bool, str, list[str]]]) -> None:
    scores = {
        "hit_at_5": _mean([hit_at_k(docs, i.sources) for i, _, _, docs in results]),
        "must_include": _mean(
            [must_include(a, i.must_include) if i.answerable else None for i, _, a, _ in results]
        ),
        "refusal_accuracy": _mean([refusal_accuracy(g, i.answerable) for i, g, _, _ in results]),
    }
    failed = {
        name: round(scores[name], 3) for name, floor in FLOORS.items() if scores[name] < floor
    }
    assert not failed, f"below the floor: {failed} (floors {FLOORS})"
    false_rate = _mean([false_refusal(g, i.answerable) for i, g, _, _ in results])
    assert false_rate <= FALSE_REFUSAL_CEILING, f"false refusal rate {false_rate:.3f}"


def test_refusals_say_so_and_suggest(results: list[tuple[GoldItem, bool, str, list[str]]]) -> None:
    refused = [(i, a) for i, g, a, _ in results if not g]
    assert refused
    for item, answer in refused:
        plain = "could not find" in answer or "没有找到" in answer
        assert plain, f"{item.id}: refusal does not say so plainly: {answer[:80]}"
        assert answer.count("\n- ") >= 2, f"{item.id}: no suggested questions"
