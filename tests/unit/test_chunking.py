"""Chunking the shipped documents: exact offsets, whole articles, sentence-aligned cuts."""

from __future__ import annotations

import itertools
import re

import pytest

from corpus.chunking import Chunker, is_legal
from corpus.loaders import load_bytes, load_file
from corpus.types import Chunk, SourceDocument
from tests.support import CORPUS_DIR

SIZES = [(700, 120), (300, 50), (1200, 200)]
META_KEYS = {"doc_id", "title", "date", "type", "region", "language", "position", "start", "end"}
ZH_ENDS = "。！？；!?"
CLOSING = '”’"」』）)'
ARTICLE_OR_HEADING = re.compile(
    r"^(第[一二三四五六七八九十百千零〇两\d]+条|第[一二三四五六七八九十百千零〇\d]+[章节编])",
    re.MULTILINE,
)
LEGAL_IDS = [
    "policy-2022-vocational-education-law-zh",
    "regulation-2015-qingdao-vocational-education-zh",
    "regulation-2018-shanghai-vocational-education-zh",
    "regulation-2020-ningbo-school-enterprise-cooperation-zh",
]


@pytest.fixture(scope="module")
def docs() -> list[SourceDocument]:
    return [load_file(p, CORPUS_DIR) for p in sorted(CORPUS_DIR.glob("*.md"))]


def split_all(
    docs: list[SourceDocument], size: int, overlap: int
) -> list[tuple[SourceDocument, list[Chunk]]]:
    chunker = Chunker(size, overlap)
    return [(doc, chunker.split(doc)) for doc in docs]


def article_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every 第X条 article: up to the next article or heading, trimmed."""
    starts = [m.start() for m in ARTICLE_OR_HEADING.finditer(text)] + [len(text)]
    spans = []
    for m in ARTICLE_OR_HEADING.finditer(text):
        if not m.group().endswith("条"):
            continue
        nxt = min(s for s in starts if s > m.start())
        spans.append((m.start(), m.start() + len(text[m.start() : nxt].rstrip())))
    return spans


@pytest.mark.parametrize(("size", "overlap"), SIZES)
def test_chunks_are_exact_spans_with_full_metadata(
    docs: list[SourceDocument], size: int, overlap: int
) -> None:
    for doc, chunks in split_all(docs, size, overlap):
        assert chunks, doc.id
        for position, chunk in enumerate(chunks):
            meta = chunk.metadata
            assert set(meta) >= META_KEYS, doc.id
            assert chunk.text == doc.text[meta["start"] : meta["end"]]
            assert chunk.text == chunk.text.strip()
            assert meta["position"] == position
            assert meta["doc_id"] == chunk.doc_id == doc.id
            for key in ("title", "date", "type", "region", "language"):
                assert meta[key] == doc.metadata[key]
        starts = [c.metadata["start"] for c in chunks]
        assert starts == sorted(starts) and len(set(starts)) == len(starts)


@pytest.mark.parametrize(("size", "overlap"), SIZES)
def test_chunks_cover_the_whole_text(docs: list[SourceDocument], size: int, overlap: int) -> None:
    for doc, chunks in split_all(docs, size, overlap):
        covered = [False] * len(doc.text)
        for chunk in chunks:
            for i in range(chunk.metadata["start"], chunk.metadata["end"]):
                covered[i] = True
        missing = "".join(ch for ch, c in zip(doc.text, covered, strict=True) if not c)
        assert missing.strip() == "", f"{doc.id}: text not in any chunk: {missing.strip()[:80]!r}"


@pytest.mark.parametrize(("size", "overlap"), SIZES)
def test_chunk_size_is_respected(docs: list[SourceDocument], size: int, overlap: int) -> None:
    lengths = []
    for _doc, chunks in split_all(docs, size, overlap):
        lengths += [len(c.text) for c in chunks]
    assert max(lengths) <= size + overlap
    # Chunks are packed: most are more than a third of the target size.
    assert sum(n > size / 3 for n in lengths) / len(lengths) > 0.6


def test_default_settings_give_a_sensible_number_of_chunks(docs: list[SourceDocument]) -> None:
    total = sum(len(chunks) for _, chunks in split_all(docs, 700, 120))
    assert 120 <= total <= 220


def test_the_laws_and_regulations_are_chunked_by_article(docs: list[SourceDocument]) -> None:
    legal = sorted(d.id for d in docs if is_legal(d))
    assert legal == sorted(LEGAL_IDS)


@pytest.mark.parametrize(("size", "overlap"), [*SIZES, (150, 30)])
def test_no_article_that_fits_is_split(docs: list[SourceDocument], size: int, overlap: int) -> None:
    checked = 0
    for doc, chunks in split_all(docs, size, overlap):
        if doc.id not in LEGAL_IDS:
            continue
        spans = article_spans(doc.text)
        assert len(spans) >= 20, doc.id
        for start, end in spans:
            if end - start > size:
                continue
            checked += 1
            assert any(c.metadata["start"] <= start and end <= c.metadata["end"] for c in chunks), (
                f"{doc.id}: article split: {doc.text[start : start + 30]!r}"
            )
    assert checked > 80


@pytest.mark.parametrize(("size", "overlap"), SIZES)
def test_chinese_chunks_end_at_sentence_ends_or_line_ends(
    docs: list[SourceDocument], size: int, overlap: int
) -> None:
    for doc, chunks in split_all(docs, size, overlap):
        if doc.metadata["language"] != "zh":
            continue
        for chunk in chunks:
            end = chunk.metadata["end"]
            at_line_end = end == len(doc.text) or doc.text[end] == "\n"
            at_sentence_end = chunk.text.rstrip(CLOSING)[-1:] in tuple(ZH_ENDS)
            assert at_line_end or at_sentence_end, f"{doc.id}: ends with {chunk.text[-12:]!r}"


@pytest.mark.parametrize(("size", "overlap"), SIZES)
def test_english_chunks_do_not_cut_words(
    docs: list[SourceDocument], size: int, overlap: int
) -> None:
    for doc, chunks in split_all(docs, size, overlap):
        if doc.metadata["language"] != "en":
            continue
        text = doc.text
        for chunk in chunks:
            start, end = chunk.metadata["start"], chunk.metadata["end"]
            assert not (start > 0 and text[start - 1].isalnum() and text[start].isalnum()), (
                f"{doc.id}: starts inside a word: {text[start - 10 : start + 10]!r}"
            )
            assert not (end < len(text) and text[end - 1].isalnum() and text[end].isalnum()), (
                f"{doc.id}: ends inside a word: {text[end - 10 : end + 10]!r}"
            )


def test_an_over_long_english_sentence_is_cut_between_words() -> None:
    sentence = " ".join(f"word{i}" for i in range(400)) + "."
    doc = load_bytes(sentence.encode(), "long.txt", "long")
    chunks = Chunker(200, 40).split(doc)
    assert len(chunks) > 5
    for chunk in chunks:
        assert len(chunk.text) <= 240
        assert all(re.fullmatch(r"word\d+\.?", w) for w in chunk.text.split())


def test_overlap_repeats_the_end_of_the_previous_chunk(docs: list[SourceDocument]) -> None:
    overlapping = 0
    for doc, chunks in split_all(docs, 700, 120):
        if doc.id in LEGAL_IDS:
            continue
        for prev, cur in itertools.pairwise(chunks):
            if cur.metadata["start"] < prev.metadata["end"]:
                overlapping += 1
                assert prev.metadata["end"] - cur.metadata["start"] <= 120
    assert overlapping > 20


def test_chunk_ids_and_embed_text(docs: list[SourceDocument]) -> None:
    doc = next(d for d in docs if d.id == "news-nanhai-industry-education-alliance")
    chunks = Chunker().split(doc)
    assert [c.id for c in chunks] == [f"{doc.id}::{i}" for i in range(len(chunks))]
    assert chunks[0].embed_text == f"{doc.metadata['title']}\n{chunks[0].text}"
    assert chunks[0].metadata["date_num"] == 0  # no date in the front matter


def test_date_number_in_chunk_metadata(docs: list[SourceDocument]) -> None:
    doc = next(d for d in docs if d.id == "policy-2022-vocational-education-law-zh")
    assert Chunker().split(doc)[0].metadata["date_num"] == 20220420


def test_overlap_must_be_smaller_than_size() -> None:
    with pytest.raises(ValueError):
        Chunker(200, 200)


def test_short_document_is_one_chunk() -> None:
    doc = load_bytes("校企合作共建实训基地。".encode(), "short.md", "short")
    chunks = Chunker().split(doc)
    assert len(chunks) == 1
    assert chunks[0].text == "校企合作共建实训基地。"
