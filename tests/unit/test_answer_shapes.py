"""The shapes of questions the extractive answerer reads: about each of several things
apart, or about what two things did together."""

from __future__ import annotations

import pytest

from assistant.answerers.concepts.question import Question
from assistant.answerers.extractive.document_support import asks_joint_act
from assistant.answerers.extractive.scoring import ENUMERATES


@pytest.mark.parametrize(
    "text",
    [
        "What did the Wuzhou college sign with Haier?",
        "What agreement did the polytechnic sign with Geely Auto?",
        "梧州职院和海尔合作开了什么订单班？",
        "梧州职院与海尔共建了什么实训基地？",
    ],
)
def test_a_question_about_a_joint_act_pairs_its_names(text: str) -> None:
    assert asks_joint_act(Question(text))


@pytest.mark.parametrize(
    "text",
    [
        "Which companies work with the Wuzhou college and with the Guilin college?",
        "How are Haier and Gree each involved with training?",
        "梧州职院和桂林职院分别和哪些企业合作？",
        "梧州职院和桂林职院的合作企业是哪两家？",
        "梧州职院签约仪式和桂林职院签约仪式上谁讲了话？",
        "How many students are in the Haier class?",
        # the partner is what is asked, not named
        "Which local bodies did the Wuzhou college and the Guilin college work with?",
        "梧州职院和哪些企业合作？",
    ],
)
def test_a_question_about_each_thing_apart_does_not(text: str) -> None:
    assert not asks_joint_act(Question(text))


@pytest.mark.parametrize(
    ("sentence", "enumerates"),
    [
        ("合作企业设立了三项奖学金，分别是“甲奖学金”“乙奖学金”和“丙奖学金”。", True),
        ("学校与海尔、格力、美的签约。", True),
        ("The partners include Haier, Gree, Midea and Huawei.", True),
        ("The college signed an agreement with Haier in May.", False),
    ],
)
def test_a_sentence_that_lists_things_is_told_apart(sentence: str, enumerates: bool) -> None:
    assert bool(ENUMERATES.search(sentence)) is enumerates
