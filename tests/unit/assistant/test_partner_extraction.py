"""The partnership directory read by an LLM (a LangChain fake chat model stands in for the
remote one): kept where the document bears it out, the rules when the reply fails."""

from __future__ import annotations

import json

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from assistant.partner_extraction import LLMPartnerExtractor
from corpus.partners import extract
from corpus.types import SourceDocument

TEXT = (
    "On 5 March 2024 Harbor Vocational College and Lumen Robotics signed a cooperation "
    "agreement. Lumen Robotics will take 40 interns a year. The Riverside Alliance, which "
    "Harbor Vocational College joined in 2023, now has 30 members."
)
DOC = SourceDocument("harbor", TEXT, {"title": "Harbor signs", "date": "2024-03-05"})


def reader(*replies: str) -> LLMPartnerExtractor:
    """An extractor whose model gives `replies` in turn."""
    messages = iter([AIMessage(content=r) for r in replies])
    return LLMPartnerExtractor(GenericFakeChatModel(messages=messages), extract, "fake")


def reply(orgs: list[dict[str, object]], coops: list[dict[str, object]]) -> str:
    return "Here is the directory:\n" + json.dumps({"organizations": orgs, "cooperations": coops})


def test_what_the_document_bears_out_is_kept_with_exact_evidence() -> None:
    found = reader(
        reply(
            [
                {"name": "Harbor Vocational College", "names": ["HVC"], "kind": "school"},
                {"name": "Lumen Robotics", "kind": "enterprise"},
                {"name": "Riverside Alliance", "kind": "alliance"},
                {"name": "Ocean Shipping Group", "kind": "enterprise"},  # not in the text
            ],
            [
                {
                    "a": "Harbor Vocational College",
                    "b": "Lumen Robotics",
                    "kind": "agreement",
                    "date": "2024-03-05",
                    "sentence": 1,
                },
                {
                    "a": "Harbor Vocational College",
                    "b": "Riverside Alliance",
                    "kind": "membership",
                    "date": "2023",
                    "sentence": 3,
                },
                # The sentence named does not hold both: no evidence, no cooperation.
                {"a": "Lumen Robotics", "b": "Riverside Alliance", "kind": "other", "sentence": 2},
                {
                    "a": "Harbor Vocational College",
                    "b": "Ocean Shipping Group",
                    "kind": "donation",
                    "sentence": 1,
                },
            ],
        )
    )(DOC)
    assert {o.name: o.kind for o in found.organizations} == {
        "Harbor Vocational College": "school",
        "Lumen Robotics": "enterprise",
        "Riverside Alliance": "alliance",
    }
    college = next(o for o in found.organizations if o.kind == "school")
    assert college.names == []  # "HVC" is not written in the document
    assert {(frozenset((c.a, c.b)), c.kind, c.date) for c in found.cooperations} == {
        (frozenset(("Harbor Vocational College", "Lumen Robotics")), "agreement", "2024-03-05"),
        (frozenset(("Harbor Vocational College", "Riverside Alliance")), "membership", "2023"),
    }
    for c in found.cooperations:
        assert TEXT[c.start : c.end] == c.evidence


def test_an_unreadable_or_empty_reply_gives_the_rules_extraction() -> None:
    rules = extract(DOC)
    assert reader("I cannot help with that.")(DOC) == rules
    assert reader('{"organizations": "none"}')(DOC) == rules  # not the schema
    assert reader(reply([{"name": "Ocean Shipping Group"}], []))(DOC) == rules  # none grounded


def test_a_long_document_is_read_in_parts() -> None:
    long_text = " ".join(["Harbor Vocational College trains welders for the region."] * 200)
    doc = SourceDocument("long", long_text, {"title": "Long"})
    org = [{"name": "Harbor Vocational College", "kind": "school"}]
    replies = iter([AIMessage(content=reply(org, [])) for _ in range(5)])
    extractor = LLMPartnerExtractor(GenericFakeChatModel(messages=replies), extract, "fake")
    found = extractor(doc)
    assert [o.name for o in found.organizations] == ["Harbor Vocational College"]
    assert len(list(replies)) == 3  # about 11,400 characters: two calls
