"""The kind of answer a question asks for, from its question grammar alone."""

from __future__ import annotations

import pytest

from assistant.question_kind import (
    YES_NO,
    asked_kind,
    asked_kinds,
    asks_another_value,
    says_yes_no,
)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("When does the swimming pool open?", "time"),
        ("In what year was the workshop built?", "time"),
        ("游泳馆几点开门？", "time"),
        ("军训安排在几月份？", "time"),
        ("运动会是什么时间？", "time"),
        ("How many students live on campus?", "amount"),
        ("How long does the training last?", "amount"),
        ("培训要几个月？", "amount"),  # 几个月: a duration, not a month
        ("停车费一个月多少钱？", "amount"),
        ("Where is the print shop?", "place"),
        ("打印店在哪里？", "place"),
        ("Who signs the leave form?", "choice"),
        ("请假条找谁签字？", "choice"),
        ("哪个老师负责奖学金？", "choice"),
        ("Why was the lecture cancelled?", "reason"),
        ("讲座为什么取消了？", "reason"),
        ("How do I book a practice room?", "way"),
        ("琴房怎么预约？", "way"),
        ("What is the dress code for the ceremony?", "thing"),
        ("典礼的着装要求是什么？", "thing"),
        ("Is the swimming pool heated?", YES_NO),
        ("游泳馆的水是热的吗？", YES_NO),
        ("琴房能不能晚上用？", YES_NO),  # A-not-A: a yes or no
    ],
)
def test_the_kind_asked(question: str, kind: str) -> None:
    assert asked_kind(question) == kind


def test_values_of_two_sorts_are_two_questions() -> None:
    start = "When does the summer school start?"
    assert asks_another_value("Where does the summer school take place?", start)
    assert asks_another_value("暑期学校在哪里上课？", "暑期学校几号开始？")
    assert asks_another_value("Why is the summer school so expensive?", "How much is it?")
    # A question asking for both shares each; a way or a thing is no value of a sort.
    assert asked_kinds("When and where is the summer school?") == ("time", "place")
    assert not asks_another_value("Where is the summer school?", "When and where is it?")
    assert not asks_another_value("How do I sign up for the summer school?", start)
    assert not asks_another_value("What does the summer school cost?", "How much is it?")
    assert asked_kinds("游泳馆几点开门？") == ("time",)  # 几点 counts once, not also as 几


@pytest.mark.parametrize("question", ["宿舍养宠物行不行", "寝室配不配空调？", "琴房能不能晚上用？"])
def test_any_verb_asked_a_not_a_asks_a_yes_or_no(question: str) -> None:
    assert says_yes_no(question)
