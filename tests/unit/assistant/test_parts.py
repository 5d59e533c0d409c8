"""A message of several questions becomes one question each; a question about two named
things becomes one question per thing (general rules)."""

from __future__ import annotations

import pytest

from assistant.parts import MAX_QUESTIONS, each_part, split_parts, split_questions


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
    ("question", "parts"),
    [
        (  # "and" inside a name does not split it; the preposition said again goes with each
            "Which firms work with Riverside Vocational and Technical College and with "
            "Lakeview Institute of Technology?",
            [
                "Which firms work with Riverside Vocational and Technical College?",
                "Which firms work with Lakeview Institute of Technology?",
            ],
        ),
        (  # words said after each name go with each
            "东湖职业技术学院签约仪式和西山职业大学签约仪式上谁发了言？",
            ["东湖职业技术学院签约仪式上谁发了言？", "西山职业大学签约仪式上谁发了言？"],
        ),
    ],
)
def test_two_organisations_are_split_at_the_conjunction_between_them(
    question: str, parts: list[str]
) -> None:
    assert split_parts(question) == parts


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        (
            "丽水和舟山的条例分别对学生实习有什么规定？",
            ["丽水的条例对学生实习有什么规定？", "舟山的条例对学生实习有什么规定？"],
        ),
        (
            "How are Acme Robotics and Riverside Polytechnic each involved in training?",
            [
                "How are Acme Robotics involved in training?",
                "How are Riverside Polytechnic involved in training?",
            ],
        ),
        (
            "The Dongshan and Xishan reports each describe a training base: what was set up in "
            "each place?",
            [
                "The Dongshan reports describe a training base: what was set up?",
                "The Xishan reports describe a training base: what was set up?",
            ],
        ),
        (
            "Which firms work with Riverside Polytechnic and with Lakeview College?",
            [
                "Which firms work with Riverside Polytechnic?",
                "Which firms work with Lakeview College?",
            ],
        ),
        (  # 都 before a question word asks about each
            "吉利汽车和宁波职业技术学院都建了哪些实训基地？",
            ["吉利汽车建了哪些实训基地？", "宁波职业技术学院建了哪些实训基地？"],
        ),
    ],
)
def test_a_question_about_each_thing_is_asked_one_by_one(question: str, parts: list[str]) -> None:
    assert each_part(question) == parts


@pytest.mark.parametrize(
    "question",
    [
        "东湖职业技术学院与西山科技有限公司签了什么协议？",  # the two together
        "What did Acme Robotics and Riverside Polytechnic agree on?",
        "成都的政策有什么规定？",  # 都 of 成都 asks about nothing one by one
        "丽水和舟山的条例都讲到了实习吗？",  # 都: "both", said of the two together
    ],
)
def test_a_question_about_two_together_is_one_question(question: str) -> None:
    assert each_part(question) == []


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


@pytest.mark.parametrize(
    ("message", "questions"),
    [
        (
            "国家政策对学徒制有什么要求？济南职业学院的双元制项目培养了多少人？",
            ["国家政策对学徒制有什么要求？", "济南职业学院的双元制项目培养了多少人？"],
        ),
        (  # words before the first question and after the last stay with them
            "Hi. Where can I do an internship? Who pays the interns? thanks",
            ["Hi. Where can I do an internship?", "Who pays the interns? thanks"],
        ),
        (  # a clause with an asking word of its own is a question of its own
            "Which institutions built the Djibouti workshop, and who is building the Ruili "
            "institute?",
            [
                "Which institutions built the Djibouti workshop?",
                "Who is building the Ruili institute?",
            ],
        ),
        (
            "国际劳工组织学徒制项目的第二期从什么时候开始，到什么时候结束？",
            ["国际劳工组织学徒制项目的第二期从什么时候开始？", "到什么时候结束？"],
        ),
        (  # the noun the second asking word leaves out is the first one's
            "Which college leads the Yichang consortium and which leads the Henan group?",
            ["Which college leads the Yichang consortium?", "Which college leads the Henan group?"],
        ),
    ],
)
def test_each_question_of_a_message_is_a_question_of_its_own(
    message: str, questions: list[str]
) -> None:
    assert split_questions(message) == questions


@pytest.mark.parametrize(
    "message",
    [
        "Where can I do an internship?",
        "where r the internships??",  # one question, typed twice over
        "Geely works with colleges in Hunan. What does it do there?",  # one question
        "实习有工资吗",
        "How many students graduated from its first class, and when?",  # "when" leans on it
        "Which company signed with Yongjia, and for which major?",
        "晋江和兴安盟建设市域产教联合体，分别依托什么园区？",  # one asking word
    ],
)
def test_a_message_of_one_question_is_not_split(message: str) -> None:
    assert split_questions(message) == []


def test_a_message_of_many_questions_keeps_the_rest_in_the_last() -> None:
    message = " ".join(f"Question number {i}?" for i in range(1, MAX_QUESTIONS + 3))
    questions = split_questions(message)
    assert len(questions) == MAX_QUESTIONS
    assert " ".join(questions) == message
