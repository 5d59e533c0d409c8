"""The BM25 index: bilingual tokens, search quality on the shipped corpus, persistence."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corpus.chunking import Chunker
from corpus.loaders import load_file
from corpus.types import Chunk
from retrieval.crosslingual.translator import translator_for
from retrieval.lexical import CURRENT, LexicalEntry, LexicalIndex
from retrieval.tokenize import tokenize, tokenize_query
from tests.support import CORPUS_DIR

NINGBO = "regulation-2020-ningbo-school-enterprise-cooperation-zh"
NANHAI = "news-nanhai-industry-education-alliance"
FILTER_KEYS = ("doc_id", "language", "type", "region", "date_num")


def entry(chunk: Chunk) -> LexicalEntry:
    return LexicalEntry(chunk.id, chunk.embed_text, {k: chunk.metadata.get(k) for k in FILTER_KEYS})


@pytest.fixture(scope="module")
def chunks() -> dict[str, Chunk]:
    chunker = Chunker()
    out = {}
    for path in sorted(CORPUS_DIR.glob("*.md")):
        for chunk in chunker.split(load_file(path, CORPUS_DIR)):
            out[chunk.id] = chunk
    return out


@pytest.fixture(scope="module")
def index(chunks: dict[str, Chunk]) -> LexicalIndex:
    return LexicalIndex.build((entry(c) for c in chunks.values()), generation=5)


def small_index(texts: dict[str, str], generation: int = 1) -> LexicalIndex:
    return LexicalIndex.build(
        (LexicalEntry(cid, text, {"doc_id": cid, "language": "en"}) for cid, text in texts.items()),
        generation,
    )


# -- tokens ----------------------------------------------------------------------------------


def test_chinese_is_segmented_into_words() -> None:
    tokens = tokenize("学生顶岗实习一般为六个月")
    assert "顶岗" in tokens
    assert "实习" in tokens
    assert "学生" in tokens


def test_chinese_stopwords_are_dropped() -> None:
    tokens = tokenize("企业的实习和培训")
    assert "的" not in tokens and "和" not in tokens
    assert "企业" in tokens


def test_english_is_lower_cased_stemmed_and_stopworded() -> None:
    assert tokenize("Internships") == tokenize("internship") == ["internship"]
    assert tokenize("The companies of the Alliance") == ["compani", "allianc"]


def test_mixed_text_keeps_numbers_and_both_scripts() -> None:
    tokens = tokenize("Ningbo 宁波 76 companies, 2020年")
    assert {"ningbo", "宁波", "76", "compani"} <= set(tokens)


def test_tokenize_query_is_cached_and_equal_to_tokenize() -> None:
    query = "How long is a placement internship in Ningbo?"
    assert tokenize_query(query) == tuple(tokenize(query))
    assert tokenize_query(query) is tokenize_query(query)


# -- search on the shipped corpus ----------------------------------------------------------


def test_chinese_query_finds_the_ningbo_placement_internship_article(
    index: LexicalIndex, chunks: dict[str, Chunk]
) -> None:
    hits = index.search("顶岗实习多长时间", 3)
    assert hits
    top = chunks[hits[0][0]]
    assert top.doc_id == NINGBO
    assert "顶岗实习一般为六个月" in top.text


def test_english_question_with_its_translation_reaches_the_chinese_regulation(
    index: LexicalIndex, chunks: dict[str, Chunk]
) -> None:
    question = "How long is a placement internship in Ningbo?"
    hits = index.search(translator_for(index).translate(question), 3)
    top = chunks[hits[0][0]]
    assert top.doc_id == NINGBO
    assert "顶岗实习一般为六个月" in top.text


def test_english_stemming_finds_other_word_forms(index: LexicalIndex) -> None:
    assert index.search("alliances established", 1)[0][0].startswith(NANHAI)
    small = small_index({"a": "The internship lasts six months.", "b": "Teachers visit factories."})
    assert [cid for cid, _ in small.search("internships", 5)] == ["a"]
    assert [cid for cid, _ in small.search("factory visiting teacher", 5)] == ["b"]


def test_numbers_are_searchable(index: LexicalIndex, chunks: dict[str, Chunk]) -> None:
    hits = index.search("76 companies", 3)
    assert chunks[hits[0][0]].doc_id == NANHAI
    assert "76 companies" in chunks[hits[0][0]].text


def test_scores_are_positive_and_descending(index: LexicalIndex) -> None:
    hits = index.search("school-enterprise cooperation 校企合作", 10)
    scores = [score for _, score in hits]
    assert len(hits) == 10
    assert all(s > 0 for s in scores)
    assert scores == sorted(scores, reverse=True)
    assert len({cid for cid, _ in hits}) == 10


def test_queries_without_known_tokens_find_nothing(index: LexicalIndex) -> None:
    assert index.search("the of and", 5) == []
    assert index.search("xylophonequux", 5) == []
    assert index.search("", 5) == []
    assert index.search("internship", 0) == []


def test_k_larger_than_the_index(index: LexicalIndex) -> None:
    small = small_index({"a": "internship", "b": "internship pay", "c": "factory"})
    assert {cid for cid, _ in small.search("internship", 50)} == {"a", "b"}


# -- masks ----------------------------------------------------------------------------------


def test_mask_restricts_results(index: LexicalIndex, chunks: dict[str, Chunk]) -> None:
    mask = index.mask(lambda m: m["language"] == "en")
    assert mask.dtype == np.float32 and mask.shape == (len(index),)
    hits = index.search("internship 实习 企业 enterprises", 20, mask)
    assert hits
    assert all(chunks[cid].metadata["language"] == "en" for cid, _ in hits)

    only_ningbo = index.mask(lambda m: m["doc_id"] == NINGBO)
    hits = index.search("职业教育 vocational education", 50, only_ningbo)
    assert hits and {chunks[cid].doc_id for cid, _ in hits} == {NINGBO}


def test_empty_mask_finds_nothing(index: LexicalIndex) -> None:
    assert index.search("顶岗实习", 5, index.mask(lambda m: False)) == []


# -- persistence ----------------------------------------------------------------------------


def test_save_and_load_roundtrip(tmp_path: Path, index: LexicalIndex) -> None:
    root = tmp_path / "lexical"
    index.save(root)
    loaded = LexicalIndex.load(root)
    assert loaded is not None
    assert loaded.generation == 5
    assert loaded.ids == index.ids
    assert loaded.metadata == index.metadata
    for query in ("顶岗实习多长时间", "76 companies", "Huayun Data school cooperation"):
        assert loaded.search(query, 5) == index.search(query, 5)

    def chinese(meta: dict[str, object]) -> bool:
        return meta["language"] == "zh"

    assert loaded.search("实习", 5, loaded.mask(chinese)) == index.search(
        "实习", 5, index.mask(chinese)
    )


def test_current_pointer_swaps_generations_atomically(tmp_path: Path) -> None:
    root = tmp_path / "lexical"
    small_index({"a": "internship"}, generation=1).save(root)
    assert (root / CURRENT).read_text(encoding="utf-8") == "gen-00000001"
    small_index({"a": "internship", "b": "apprenticeship"}, generation=2).save(root)
    assert (root / CURRENT).read_text(encoding="utf-8") == "gen-00000002"
    # The old generation is gone, and no temporary file or folder is left behind.
    assert sorted(p.name for p in root.iterdir()) == [CURRENT, "gen-00000002"]
    loaded = LexicalIndex.load(root)
    assert loaded is not None and loaded.generation == 2 and loaded.ids == ["a", "b"]


def test_a_crash_before_the_pointer_swap_keeps_the_previous_generation(tmp_path: Path) -> None:
    root = tmp_path / "lexical"
    small_index({"a": "internship"}, generation=1).save(root)
    # What a writer killed mid-save leaves: a half-written folder and pointer.
    (root / ".gen-00000002.tmp").mkdir()
    (root / ".gen-00000002.tmp" / "chunks.json").write_text("{ half", encoding="utf-8")
    (root / f".{CURRENT}.tmp").write_text("gen-00000002", encoding="utf-8")
    loaded = LexicalIndex.load(root)
    assert loaded is not None and loaded.generation == 1 and loaded.ids == ["a"]
    # The next save cleans up and moves on.
    small_index({"a": "internship", "b": "mentor"}, generation=2).save(root)
    assert LexicalIndex.load(root).ids == ["a", "b"]  # type: ignore[union-attr]
    assert not (root / ".gen-00000002.tmp").exists()


def test_load_returns_none_when_missing_or_broken(tmp_path: Path) -> None:
    root = tmp_path / "lexical"
    assert LexicalIndex.load(root) is None
    small_index({"a": "internship"}, generation=3).save(root)
    (root / CURRENT).write_text("gen-00000009", encoding="utf-8")  # points nowhere
    assert LexicalIndex.load(root) is None
    (root / CURRENT).write_text("gen-00000003", encoding="utf-8")
    (root / "gen-00000003" / "chunks.json").write_text("not json", encoding="utf-8")
    assert LexicalIndex.load(root) is None


def test_empty_index_searches_saves_and_loads(tmp_path: Path) -> None:
    empty = LexicalIndex.build([], generation=7)
    assert len(empty) == 0
    assert empty.search("internship", 5) == []
    empty.save(tmp_path / "lexical")
    loaded = LexicalIndex.load(tmp_path / "lexical")
    assert loaded is not None and loaded.generation == 7 and len(loaded) == 0
    assert loaded.search("internship", 5) == []


def test_a_word_with_several_translations_weighs_as_much_as_a_name_with_one() -> None:
    # "work" said three ways must not outweigh the one way a place's name is said: the chunk
    # holding the name and one rendering of "work" wins over the one holding all three.
    texts = ["工作 劳动 操作 规定", "济南 工作 学院", "其他 内容"]
    index = LexicalIndex.build(LexicalEntry(f"c{i}", t, {}) for i, t in enumerate(texts))
    groups = [("工作", "劳动", "操作"), ("济南",)]
    assert index.search_alternatives(groups, 3)[0][0] == "c1"
    # Searched as one bag of words, the three renderings win.
    assert index.search("工作 劳动 操作 济南", 3)[0][0] == "c0"
    assert index.search_alternatives([], 3) == []


def test_holding_lists_the_chunks_with_every_token_of_a_term() -> None:
    built = LexicalIndex.build(
        [
            LexicalEntry("a", "实习报酬按月发放", {}),
            LexicalEntry("b", "实习期为六个月", {}),
            LexicalEntry("c", "Interns are paid monthly", {}),
        ]
    )
    assert [built.ids[i] for i in built.holding("实习")] == ["a", "b"]
    assert [built.ids[i] for i in built.holding("paid interns")] == ["c"]
    assert len(built.holding("weather")) == 0
    assert len(built.holding("实习 weather 实习")) == 0  # one unknown token: no chunk holds it
