"""Metadata filters: one definition, the same answer from Chroma's `where` and from `matches`."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import pytest
from pydantic import ValidationError

from retrieval.filters import SearchFilters, date_number

CHUNKS: list[dict[str, str | int]] = [
    {"doc_id": "ningbo", "language": "zh", "type": "regulation", "region": "Zhejiang; Ningbo",
     "date_num": 20200924},
    {"doc_id": "law", "language": "zh", "type": "law", "region": "China (national)",
     "date_num": 20220420},
    {"doc_id": "nanhai", "language": "en", "type": "news", "region": "Guangdong; Foshan; Nanhai",
     "date_num": 0},
    {"doc_id": "jimei", "language": "en", "type": "news", "region": "Fujian; Xiamen; Jimei",
     "date_num": 20240514},
    {"doc_id": "xiamen-zh", "language": "zh", "type": "news", "region": "Fujian; Xiamen",
     "date_num": 20181016},
    {"doc_id": "daiyue", "language": "en", "type": "news", "region": "Shandong; Tai'an",
     "date_num": 20171027},
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "upper", "number"),
    [
        ("2022-04-20", False, 20220420),
        ("2022-4-2", False, 20220402),
        ("2022年4月20日", False, 20220420),
        ("2022", False, 20220000),
        ("2022", True, 20221231),
        ("2022-04", False, 20220400),
        ("2022-04", True, 20220431),
        ("", False, 0),
        ("", True, 0),
        ("26th", False, 0),
        ("no date", False, 0),
    ],
)
def test_date_number(text: str, upper: bool, number: int) -> None:
    assert date_number(text, upper=upper) == number


def test_date_numbers_order_like_dates() -> None:
    dates = ["2017-10-27", "2018-10-16", "2020-09-24", "2022-04-20", "2024-05-14"]
    assert [date_number(d) for d in dates] == sorted(date_number(d) for d in dates)


def test_empty_filters() -> None:
    filters = SearchFilters()
    assert filters.is_empty()
    assert filters.chroma_where() is None
    assert filters.bounds() == (0, 99999999)
    assert all(filters.matches(m) for m in CHUNKS)


def test_one_key_is_a_plain_clause() -> None:
    assert SearchFilters(language=["zh"]).chroma_where() == {"language": {"$in": ["zh"]}}
    assert SearchFilters(date_from="2020").chroma_where() == {"date_num": {"$gte": 20200000}}


def test_several_keys_are_joined_with_and() -> None:
    filters = SearchFilters(
        language=["zh"], type=["law", "regulation"], doc_ids=["ningbo", "law"],
        date_from="2019-01-01", date_to="2021",
    )  # fmt: skip
    assert not filters.is_empty()
    assert filters.chroma_where() == {
        "$and": [
            {"language": {"$in": ["zh"]}},
            {"type": {"$in": ["law", "regulation"]}},
            {"doc_id": {"$in": ["ningbo", "law"]}},
            {"date_num": {"$gte": 20190101}},
            {"date_num": {"$lte": 20211231}},
        ]
    }


def test_region_is_matched_afterwards_not_by_chroma() -> None:
    filters = SearchFilters(region=["xiamen"])
    assert not filters.is_empty()
    assert filters.chroma_where() is None
    assert [m["doc_id"] for m in CHUNKS if filters.matches(m)] == ["jimei", "xiamen-zh"]
    either = SearchFilters(region=["Ningbo", "Foshan"])
    assert [m["doc_id"] for m in CHUNKS if either.matches(m)] == ["ningbo", "nanhai"]


def test_date_bounds_are_inclusive() -> None:
    filters = SearchFilters(date_from="2020-09-24", date_to="2022-04-20")
    assert filters.bounds() == (20200924, 20220420)
    assert [m["doc_id"] for m in CHUNKS if filters.matches(m)] == ["ningbo", "law"]


def test_year_bounds_cover_the_whole_year() -> None:
    filters = SearchFilters(date_from="2018", date_to="2018")
    assert filters.bounds() == (20180000, 20181231)
    assert [m["doc_id"] for m in CHUNKS if filters.matches(m)] == ["xiamen-zh"]


def test_undated_documents_count_as_date_zero() -> None:
    undated = CHUNKS[2]
    assert not SearchFilters(date_from="2000").matches(undated)
    assert SearchFilters(date_to="2030").matches(undated)  # as in Chroma: 0 <= 20301231
    assert SearchFilters(language=["en"]).matches(undated)


def test_unknown_filter_fields_are_rejected() -> None:
    with pytest.raises(ValidationError):
        SearchFilters(country=["China"])  # type: ignore[call-arg]


def test_filters_parse_from_json() -> None:
    filters = SearchFilters.model_validate({"language": ["en"], "date_from": "2024"})
    assert filters.language == ["en"] and filters.bounds()[0] == 20240000


CASES = [
    SearchFilters(language=["zh"]),
    SearchFilters(type=["news"], language=["en"]),
    SearchFilters(doc_ids=["law", "jimei", "missing"]),
    SearchFilters(date_from="2018", date_to="2022-04-20"),
    SearchFilters(type=["news"], date_from="2018-01-01"),
    SearchFilters(language=["zh"], type=["news", "law"], date_to="2021"),
    SearchFilters(language=["fr"]),
    SearchFilters(date_to="2030"),
]


@pytest.mark.parametrize("filters", CASES, ids=lambda f: str(f.chroma_where()))
def test_chroma_where_and_matches_agree_on_a_real_collection(filters: SearchFilters) -> None:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
    col = client.create_collection(f"f-{uuid.uuid4().hex[:10]}", embedding_function=None)
    vectors: list[Sequence[float]] = [[float(i), 1.0, 0.5] for i in range(len(CHUNKS))]
    col.add(ids=[str(m["doc_id"]) for m in CHUNKS], embeddings=vectors, metadatas=list(CHUNKS))
    got = set(col.get(where=filters.chroma_where(), include=[])["ids"])
    expected = {m["doc_id"] for m in CHUNKS if filters.matches(m)}
    assert got == expected
    client.delete_collection(col.name)
