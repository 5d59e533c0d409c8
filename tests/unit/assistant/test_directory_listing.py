"""The directory's listing of a set question after the documents' answer, or alone."""

from __future__ import annotations

from assistant.answerers.draft import AnswerDraft
from assistant.chat_service import _listed
from assistant.directory_answer import after_answer
from assistant.schemas import Source


def source(n: int, doc: str) -> Source:
    return Source(n=n, id=doc, title=doc, snippet="", score=1.0, chunk_id=f"{doc}#0")


ANSWER = AnswerDraft(
    "The alliance started with 32 enterprises and 18 colleges. [1] It met in May. [2]",
    grounded=True,
    sources=[source(1, "news-a"), source(2, "news-b")],
)
LISTING = AnswerDraft(
    "The partnership directory lists 2 enterprises (membership):\n"
    "1. Delta Gearworks: membership [1]\n2. Qinghe Logistics: membership [2]",
    grounded=True,
    sources=[source(1, "news-b"), source(2, "news-c")],
)


def test_the_listing_follows_the_answer_with_its_citations_renumbered() -> None:
    combined = after_answer(ANSWER, LISTING)
    assert combined.text.startswith(ANSWER.text)
    # news-b keeps the answer's [2]; news-c, new, becomes [3].
    assert "Delta Gearworks: membership [2]" in combined.text
    assert "Qinghe Logistics: membership [3]" in combined.text
    assert [(s.n, s.id) for s in combined.sources] == [(1, "news-a"), (2, "news-b"), (3, "news-c")]


def test_a_streamed_answer_gets_the_listing_as_one_more_token() -> None:
    streamed = ["The alliance started ", "with 32 enterprises. [1]", ANSWER]
    items = list(_listed(LISTING, iter(streamed)))
    tokens = [i for i in items if isinstance(i, str)]
    final = items[-1]
    assert isinstance(final, AnswerDraft) and final.grounded
    assert tokens[:2] == streamed[:2] and tokens[2].lstrip().startswith("The partnership")
    assert final.text.endswith(tokens[2])


def test_without_an_answer_from_the_documents_the_listing_stands_alone() -> None:
    refused = AnswerDraft("", grounded=False)
    assert list(_listed(LISTING, iter([refused]))) == [LISTING]
