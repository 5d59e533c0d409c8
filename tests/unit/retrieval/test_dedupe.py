"""Near-duplicate removal on hand-made hits: overlapping spans and copied text."""

from __future__ import annotations

from retrieval.dedupe import dedupe
from retrieval.hits import SearchHit

ENGLISH = (
    "The alliance brings together seventy six companies and twenty two colleges in the district."
)


def hit(chunk_id: str, text: str, doc: str, start: int, end: int) -> SearchHit:
    return SearchHit(chunk_id, text, {"doc_id": doc, "start": start, "end": end})


def test_overlapping_chunks_of_one_document_keep_the_better_ranked() -> None:
    first = hit("a::1", ENGLISH, "a", 0, 100)
    overlap = hit("a::2", "other words entirely " * 5, "a", 10, 100)
    assert dedupe([first, overlap]) == [first]


def test_chunks_side_by_side_are_both_kept() -> None:
    first = hit("a::1", ENGLISH, "a", 0, 100)
    after = hit(
        "a::2", "A different paragraph about training bases and interns here.", "a", 100, 200
    )
    assert dedupe([first, after]) == [first, after]


def test_the_same_text_in_two_documents_is_kept_once() -> None:
    first = hit("a::1", ENGLISH, "a", 0, 100)
    copy = hit("b::1", ENGLISH + " Reprinted.", "b", 0, 110)
    assert dedupe([first, copy]) == [first]


def test_chinese_copies_are_compared_by_character_trigrams() -> None:
    text = "南海区产教融合联盟理事会成员包括南海区企业七十六家、商协会四十七家和院校二十二所。"
    first = hit("a::1", text, "a", 0, len(text))
    copy = hit("b::1", text + "（转载）", "b", 0, len(text) + 4)
    other = hit(
        "c::1", "宁波市职业院校学生顶岗实习一般为六个月，每日工作不得超过八小时。", "c", 0, 30
    )
    assert dedupe([first, copy, other]) == [first, other]


def test_limit_stops_once_enough_are_kept() -> None:
    hits = [hit(f"d{i}::1", f"unique sentence number {i} " * 4, f"d{i}", 0, 50) for i in range(5)]
    assert dedupe(hits, limit=2) == hits[:2]
