"""A question about two named things becomes one question per thing (a general rule)."""

from __future__ import annotations

import pytest

from assistant.parts import split_parts


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        (
            "What do the Lishui and Zhoushan rules say about interns?",
            [
                "What do the Lishui rules say about interns?",
                "What do the Zhoushan rules say about interns?",
            ],
        ),
        (
            "What did Acme Robotics and Riverside Polytechnic agree on?",
            ["What did Acme Robotics agree on?", "What did Riverside Polytechnic agree on?"],
        ),
        (
            "丽水和舟山的条例对学生实习有什么规定？",
            ["丽水的条例对学生实习有什么规定？", "舟山的条例对学生实习有什么规定？"],
        ),
    ],
)
def test_two_names_joined_by_a_conjunction_are_split(question: str, parts: list[str]) -> None:
    assert split_parts(question) == parts


@pytest.mark.parametrize(
    "question",
    [
        "How many companies and colleges joined?",  # common nouns, no names
        "学校和企业应当如何合作？",
        "What does Lishui say about interns?",  # one name
        "And what about the teachers?",
    ],
)
def test_other_questions_stay_whole(question: str) -> None:
    assert split_parts(question) == []
