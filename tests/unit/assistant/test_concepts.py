"""Support of an answer for a question's concepts, on hand-made concepts and evidence."""

from __future__ import annotations

import pytest

from assistant.answerers.concepts import Concept, Evidence, Question

# "How many Xiang embroidery workers did the Hunan group train?" against a Chinese answer:
# the dictionary's 刺绣 for "embroidery" is not the document's 湘绣.
QUESTION = Question(
    "How many embroidery workers did the Hunan group train?",
    (
        Concept("hunan", 2.0, ("湖南",)),
        Concept("group", 1.0, ("集团",)),
        Concept("train", 1.0, ("培养",)),
        Concept("embroidery", 2.0, (), penalty=0.4, unknown=True),
    ),
)
CHINESE_ANSWER = Evidence.of("湖南工艺美术职业学院为湘绣城集团培养了120名湘绣技艺人才。")
ENGLISH_ANSWER = Evidence.of("The Hunan group trained 120 workers in 2019.")


def test_a_word_the_collection_lacks_costs_a_penalty_in_the_same_language() -> None:
    covered = (2.0 + 1.0 + 1.0) / 6.0
    assert QUESTION.support(ENGLISH_ANSWER) == pytest.approx(covered - 0.4)


def test_in_the_other_language_it_counts_uncovered_but_costs_nothing() -> None:
    # A dictionary does not give every rendering a document uses.
    support = QUESTION.support(CHINESE_ANSWER, other_language=True)
    assert support == pytest.approx((2.0 + 1.0 + 1.0) / 6.0)
