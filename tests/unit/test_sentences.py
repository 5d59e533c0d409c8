"""Sentences with offsets, and the cue words of a sentence."""

from __future__ import annotations

from corpus.cues import HYPOTHETICAL, cue, hypothetical
from corpus.sentences import MAX_SENTENCE_CHARS, split_sentences


def test_an_overlong_sentence_is_cut_after_a_comma_not_inside_a_name() -> None:
    items = ", ".join(f"the Qinghe Number {i} Vocational College" for i in range(30))
    text = f"The fair was hosted by {items}."
    parts = split_sentences(text)
    assert len(parts) > 1
    for s in parts:
        assert text[s.start : s.end] == s.text
        assert len(s.text) <= MAX_SENTENCE_CHARS
        assert s.text.startswith(("The fair", "the Qinghe"))  # each piece starts at a name


def test_hosted_and_guided_by_are_event_cues() -> None:
    assert cue("The forum was hosted by Qinghe College.") == "event"
    assert cue("The event was guided by the district government.") == "event"


def test_the_month_may_is_not_a_modal_verb() -> None:
    assert HYPOTHETICAL.search("The parties may sign an agreement.")
    assert not HYPOTHETICAL.search("The parties signed the agreement in May.")


def test_a_sentence_reporting_something_done_is_a_fact_despite_a_plan_word() -> None:
    assert hypothetical("鼓励学校与企业合作。")
    assert not hypothetical("学校搭建了政策支持平台，并与企业签订协议。")
    assert hypothetical("为了支持企业发展，学校应当与企业合作。")


def test_a_cue_inside_a_documents_title_or_a_meetings_spirit_is_no_act() -> None:
    assert cue("青禾市教育局印发《关于深化校企合作的通知》。") is None
    assert cue("为贯彻全国教育大会精神，经省政府同意，设立联席会议。") is None
    assert cue("学院与企业签订《校企合作协议》。") == "agreement"
