"""Slips in a question's English words are read as the word meant, by general data only."""

from __future__ import annotations

import pytest

from assistant.spelling import corrected
from retrieval.lexical import LexicalEntry, LexicalIndex

TEXTS = (
    "Harbor Vocational College and Koester Robotics signed a cooperation agreement in May.",
    "The mechatronics workshop trains 40 apprentices a year.",
)


@pytest.fixture(scope="module")
def index() -> LexicalIndex:
    return LexicalIndex.build(LexicalEntry(f"c{i}", t, {}) for i, t in enumerate(TEXTS))


def test_a_slip_becomes_the_word_the_documents_use(index: LexicalIndex) -> None:
    typed = "when did the colege sign the agrement w koester, how meny apprentices"
    meant = "when did the college sign the agreement w koester, how many apprentices"
    assert corrected(typed, index) == meant


def test_a_long_word_with_two_slips_becomes_the_word_the_documents_use(
    index: LexicalIndex,
) -> None:
    assert corrected("how many aprentises in the mechatronics worksohp", index) == (
        "how many apprentices in the mechatronics workshop"
    )
    assert corrected("koester cooperatoin agreemant", index) == "koester cooperation agreement"
    # Two edits from a word the collection lacks: left as typed.
    assert corrected("zhongguancun", index) == "zhongguancun"


def test_the_first_letter_keeps_its_case(index: LexicalIndex) -> None:
    assert corrected("Colege workshp?", index) == "College workshop?"


@pytest.mark.parametrize(
    "question",
    [
        "Does Koester take interns?",  # a name the collection holds
        "What is the weather in Qinghe tomorrow?",  # common words, an unknown name
        "wen r the exams",  # too short to guess
        "mechatronic apprentices",  # held by its stem
    ],
)
def test_words_that_are_no_slips_are_left_as_typed(index: LexicalIndex, question: str) -> None:
    assert corrected(question, index) == question


def test_a_name_of_the_chinese_documents_in_pinyin_is_no_slip() -> None:
    texts = (*TEXTS, "1月14日，黎明职业大学轻工学院与企业举行校企合作签约仪式，确定了实习时间。")
    index = LexicalIndex.build(LexicalEntry(f"c{i}", t, {}) for i, t in enumerate(texts))
    # "Liming" is one edit from "timing", but it spells 黎明, a word of the collection.
    assert corrected("Where did Liming University sign?", index) == (
        "Where did Liming University sign?"
    )


def test_a_slip_of_a_word_only_the_documents_use_is_read_as_it() -> None:
    texts = (*TEXTS, "Students grow daylilies and sell them to Wantong Foods.")
    index = LexicalIndex.build(LexicalEntry(f"c{i}", t, {}) for i, t in enumerate(texts))
    # "daylilies" is rare in English (not among the candidate words): the documents say it.
    assert corrected("how much did they make off daylillies", index) == (
        "how much did they make off daylilies"
    )
    # A word that spells pinyin is a Chinese name the collection lacks, not a slip.
    assert corrected("Does Nantong take interns?", index) == "Does Nantong take interns?"


def test_one_acronym_is_no_slip_of_another() -> None:
    texts = (*TEXTS, "LVTC and SGMW opened a training centre.")
    index = LexicalIndex.build(LexicalEntry(f"c{i}", t, {}) for i, t in enumerate(texts))
    assert corrected("avtc merged w which schools", index) == "avtc merged w which schools"


def test_a_clipped_word_is_read_as_the_whole_word_the_documents_use() -> None:
    texts = (
        *TEXTS,
        "Harbor Polytechnic runs an agriculture programme with a pharmaceutical company.",
        "Harbor Polytechnic graduates earn 6,000 yuan; the Polytechnic has 9,000 students.",
        "The Expo Group exports machines. Exports grew. Exports fell.",
    )
    index = LexicalIndex.build(LexicalEntry(f"c{i}", t, {}) for i, t in enumerate(texts))
    assert corrected("harbor poly grads wat starting pay", index) == (
        "harbor polytechnic grads wat starting pay"
    )
    assert corrected("agri n pharma at harbor poly", index) == (
        "agriculture n pharmaceutical at harbor polytechnic"
    )
    # a capitalised word inside a question is a name: "Expo" is no clipped "exports"
    assert corrected("Who runs the Qinghe Expo Group?", index) == "Who runs the Qinghe Expo Group?"
    # a whole word ("cost") and a contraction ("dept", whose only completion would be
    # "depths") are left as typed
    assert corrected("wat does the dept cost", index) == "wat does the dept cost"
