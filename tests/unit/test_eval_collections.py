"""The evaluation collections: one id per document across the shipped corpus and every
split, and every question's sources among the documents its split is measured on."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.support import CORPUS_DIR, REPO_ROOT

COLLECTIONS = REPO_ROOT / "eval" / "collections"
DATASETS = REPO_ROOT / "eval" / "datasets"
SPLITS = {"dev": "dev", "test": "test", "gold": None}  # questions -> their documents' folder


def _ids(folder: Path) -> list[str]:
    return [p.stem for p in folder.iterdir() if p.is_file() and not p.name.startswith(".")]


def test_no_two_documents_share_an_id() -> None:
    # the id is the file name without its extension: two files with one id collide in an index
    every = _ids(CORPUS_DIR) + [i for f in ("dev", "test", "val") for i in _ids(COLLECTIONS / f)]
    assert [i for i, n in Counter(every).items() if n > 1] == []


@pytest.mark.parametrize("split", list(SPLITS))
def test_every_source_is_a_document_of_its_split(split: str) -> None:
    folder = SPLITS[split]
    known = set(_ids(CORPUS_DIR)) | (set(_ids(COLLECTIONS / folder)) if folder else set())
    lines = (DATASETS / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    missing = {
        (item["id"], source)
        for item in map(json.loads, filter(None, lines))
        for source in item["sources"]
        if source not in known
    }
    assert missing == set()
