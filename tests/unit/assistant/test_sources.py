"""A document cited through several chunks is one source with one number, in the
extractive and the LLM answer alike."""

from __future__ import annotations

from assistant.answerers.llm import LLMAnswerer
from assistant.answerers.sources import cite_documents
from retrieval.hits import SearchHit

HITS = [
    SearchHit("law::0", "Article 1 text.", {"doc_id": "law", "title": "The law"}),
    SearchHit("news::0", "News text.", {"doc_id": "news", "title": "The news"}),
    SearchHit("law::5", "Article 9 text.", {"doc_id": "law", "title": "The law"}),
]


def test_chunks_of_one_document_share_a_number_and_a_source() -> None:
    numbers, sources = cite_documents(HITS, [0, 1, 2], {0: ["Article 1."], 2: ["Article 9."]})
    assert numbers == {0: 1, 1: 2, 2: 1}
    assert [(s.n, s.id) for s in sources] == [(1, "law"), (2, "news")]
    assert sources[0].snippet == "Article 1. … Article 9."  # both quoted passages
    assert sources[1].snippet == "News text."


def test_an_llm_answer_citing_two_chunks_of_one_document_gets_one_number() -> None:
    draft = LLMAnswerer.finish("Interns get six months [1][3]. The alliance grew [2].", HITS)
    assert draft.text == "Interns get six months [1]. The alliance grew [2]."
    assert [(s.n, s.id) for s in draft.sources] == [(1, "law"), (2, "news")]


def test_an_llm_answer_is_renumbered_in_citing_order() -> None:
    draft = LLMAnswerer.finish("First the news [2], then the law [3].", HITS)
    assert draft.text == "First the news [1], then the law [2]."
    assert [s.id for s in draft.sources] == ["news", "law"]
