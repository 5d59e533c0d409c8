"""`vca eval` end to end: the real pipeline, real model and index, ragas, report files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.integration

EXTRA_DOC = """---
title: Lanxi Orchard School apprenticeship with Green Valley Fruit
date: 2031-04-02
language: en
type: news
---
The Lanxi Orchard Vocational School signed an apprenticeship agreement with Green Valley
Fruit Co. on April 2, 2031. The apprenticeship lasts fourteen weeks in the company's
packing plant, and each apprentice receives a monthly stipend of 2750 yuan.
"""

QUESTIONS: list[dict[str, Any]] = [
    {
        "id": "t1",
        "question": "How many Nanhai District companies are members of the Nanhai District "
        "Industry-Education Alliance council?",
        "reference": "The council includes 76 companies in Nanhai District.",
        "sources": ["news-nanhai-industry-education-alliance"],
        "must_include": [["76"]],
        "language": "en",
        "category": "factoid",
        "answerable": True,
        "history": [],
    },
    {
        "id": "t2",
        "question": "Who chaired the meeting?",
        "reference": "The symposium was chaired by Vice President Huang Lixin.",
        "sources": ["news-2024-03-zhongqiao-zhejiang-chamber-visit"],
        "must_include": [["Huang Lixin"]],
        "language": "en",
        "category": "follow_up",
        "answerable": True,
        "history": [
            {
                "role": "user",
                "content": "Who visited Shanghai Zhongqiao Vocational and "
                "Technical University in March 2024?",
            },
            {
                "role": "assistant",
                "content": "Entrepreneurs from the Zhejiang Chamber of "
                "Commerce, Shanghai, visited on March 21 and held a symposium.",
            },
        ],
    },
    {
        "id": "t3",
        "question": "红烧肉怎么做才好吃？",
        "reference": "The documents do not contain this information.",
        "sources": [],
        "must_include": [],
        "language": "zh",
        "category": "unanswerable",
        "answerable": False,
        "history": [],
    },
    {
        "id": "t4",
        "question": "How much is the monthly stipend of the Lanxi Orchard apprentices at "
        "Green Valley Fruit?",
        "reference": "Each apprentice receives a monthly stipend of 2750 yuan.",
        "sources": ["lanxi-orchard-apprenticeship"],
        "must_include": [["2750"]],
        "language": "en",
        "category": "outside_collection",
        "answerable": True,
        "history": [],
    },
]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path]:
    """One harness run on a 4-question set plus a generated document, with no OpenAI."""
    import openai

    from eval.cli import main

    root = tmp_path_factory.mktemp("eval")
    docs = root / "docs"
    docs.mkdir()
    (docs / "lanxi-orchard-apprenticeship.md").write_text(EXTRA_DOC, encoding="utf-8")
    dataset = root / "tiny.jsonl"
    dataset.write_text(
        "\n".join(json.dumps(q, ensure_ascii=False) for q in QUESTIONS) + "\n", encoding="utf-8"
    )
    out = root / "out"

    def no_openai(*args: object, **kwargs: object) -> None:
        raise AssertionError("an OpenAI client was built without --judge openai")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(openai.OpenAI, "__init__", no_openai)
        mp.setattr(openai.AsyncOpenAI, "__init__", no_openai)
        code = main(
            [
                "--dataset",
                str(dataset),
                "--out",
                str(out),
                "--documents",
                str(docs),
                "--index-dir",
                str(root / "indexes"),
                "--no-progress",
            ]
        )
    return code, out


def test_report_files_exist_and_parse(run: tuple[int, Path]) -> None:
    code, out = run
    assert code == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert len(report["items"]) == len(QUESTIONS)
    assert report["summary"]["items"] == len(QUESTIONS)
    assert set(report["summary"]["by_category"]) == {q["category"] for q in QUESTIONS}
    assert set(report["summary"]["by_language"]) == {"en", "zh"}
    assert report["config"]["indexed_documents"] >= 15  # shipped corpus + the extra one
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "## Summary" in md and "## The ten worst items" in md
    for png in ("metrics_by_category.png", "metrics_by_language.png", "latency.png"):
        assert (out / png).read_bytes().startswith(b"\x89PNG")


def test_items_are_scored(run: tuple[int, Path]) -> None:
    _, out = run
    items = {i["id"]: i for i in json.loads((out / "report.json").read_text())["items"]}
    for key in (
        "question",
        "category",
        "language",
        "answerable",
        "answer",
        "grounded",
        "sources",
        "retrieved",
        "scores",
        "latency_ms",
    ):
        assert key in items["t1"]
    assert items["t1"]["scores"]["hit_at_5"] == 1.0
    assert items["t1"]["scores"]["rouge_score"] is not None
    assert items["t1"]["scores"]["semantic_similarity"] is not None
    assert items["t2"]["query"] != items["t2"]["question"]  # history used for the search
    assert items["t3"]["grounded"] is False  # the cooking question is refused ...
    assert items["t3"]["scores"]["refusal_accuracy"] == 1.0  # ... and scored as a right refusal
    assert items["t3"]["scores"].get("id_based_context_recall") is None
    # a document outside the shipped collection, added with --documents
    assert items["t4"]["scores"]["hit_at_5"] == 1.0
    assert items["t4"]["retrieved"][0] == "lanxi-orchard-apprenticeship"


def test_bad_dataset_is_reported_with_its_line(tmp_path: Path, capsys: Any) -> None:
    from eval.cli import main

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "question": "ok"}\n{"id": "y"}\n', encoding="utf-8")
    assert main(["--dataset", str(bad), "--out", str(tmp_path / "out")]) == 2
    assert "bad.jsonl:2:" in capsys.readouterr().err
