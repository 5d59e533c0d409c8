"""The extractive answerer on hand-made chunks: which sentences it quotes, how it cites
them, and when it refuses."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from assistant.answerers.concepts.evidence import Evidence
from assistant.answerers.concepts.parsing import parse_question
from assistant.answerers.draft import AnswerDraft
from assistant.answerers.extractive.answerer import ExtractiveAnswerer
from assistant.answerers.extractive.selection import _typed
from assistant.answerers.extractive.sentence import Sentence
from assistant.query import Query
from retrieval.hits import SearchHit
from retrieval.lexical import LexicalEntry, LexicalIndex

ALLIANCE = (
    "The Riverside Industry-Education Alliance was founded on 12 March 2023. "
    "Its council has 41 member companies and 9 colleges. "
    "Members share training equipment and teachers."
)
INTERNSHIP = (
    "Placement internships at Lakeside Polytechnic last six months. "
    "Interns are paid at least the local minimum wage."
)
FILLER = [
    "The weather in spring is mild and the campus has a large library.",
    "Teachers attend workshops on curriculum design every summer.",
    "The city hosts a marathon each autumn with many runners.",
]


@dataclass
class Indexes:
    """Stands in for `LexicalIndexes`: the answerer only asks for the current index."""

    index: LexicalIndex

    def current(self) -> LexicalIndex:
        return self.index


def hit(doc: str, text: str, title: str) -> SearchHit:
    meta = {"doc_id": doc, "title": title, "region": "", "date": "", "start": 0, "end": len(text)}
    return SearchHit(f"{doc}::0", text, meta)


def answerer_over(*texts: str, min_support: float = 0.4) -> ExtractiveAnswerer:
    """An answerer over a collection of `texts` and the filler."""
    entries = (LexicalEntry(f"c{i}", t, {}) for i, t in enumerate([*texts, *FILLER]))
    return ExtractiveAnswerer(Indexes(LexicalIndex.build(entries)), min_support)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def answerer() -> ExtractiveAnswerer:
    return answerer_over(ALLIANCE, INTERNSHIP)


HITS = [
    hit("alliance", ALLIANCE, "Riverside alliance founded"),
    hit("internship", INTERNSHIP, "Lakeside Polytechnic internships"),
]


def test_it_quotes_the_sentence_holding_the_count_and_cites_its_document(
    answerer: ExtractiveAnswerer,
) -> None:
    draft = answerer.answer(
        Query("How many member companies does the Riverside alliance have?"), HITS
    )
    assert draft.grounded
    assert "41 member companies" in draft.text and "[1]" in draft.text
    assert [s.id for s in draft.sources] == ["alliance"]


def test_the_answer_follows_the_document_that_answers_not_the_first_hit(
    answerer: ExtractiveAnswerer,
) -> None:
    draft = answerer.answer(Query("Are interns at Lakeside Polytechnic paid?"), HITS)
    assert draft.grounded and "minimum wage" in draft.text
    assert [s.id for s in draft.sources] == ["internship"]


def test_a_question_the_chunks_do_not_cover_is_refused(answerer: ExtractiveAnswerer) -> None:
    draft = answerer.answer(Query("What is the tuition fee at Riverside college?"), HITS)
    assert not draft.grounded and draft.text == "" and draft.support < 0.4


def test_a_number_of_the_question_missing_from_the_documents_lowers_support(
    answerer: ExtractiveAnswerer,
) -> None:
    asked = answerer.support(Query("How many colleges joined the Riverside alliance?"), HITS)
    dated = answerer.support(
        Query("How many colleges joined the Riverside alliance in 2025?"), HITS
    )
    assert dated < asked


def test_no_hits_means_no_answer(answerer: ExtractiveAnswerer) -> None:
    assert not answerer.answer(Query("How many member companies?"), []).grounded


# Enough other documents that the names of the two below are rare words of the collection.
TOWNS = ["Northgate", "Eastbury", "Westmoor", "Southwick", "Hillcrest", "Brookfield"]
OTHERS = [f"{town} college teaches welding and cooking to adult learners." for town in TOWNS * 3]


def test_a_question_naming_two_documents_is_answered_from_both() -> None:
    both = answerer_over(ALLIANCE, INTERNSHIP, *OTHERS, min_support=0.6)
    question = Query(
        "How many member companies has the Riverside alliance, "
        "and how long do Lakeside Polytechnic placements last?"
    )
    draft = both.answer(question, HITS)
    assert draft.grounded, draft.support
    assert "41 member companies" in draft.text and "six months" in draft.text
    assert [s.id for s in draft.sources] == ["alliance", "internship"]


def test_a_near_miss_shows_its_passage_but_an_off_topic_question_does_not() -> None:
    texts = [ALLIANCE, INTERNSHIP, *FILLER, *OTHERS]
    index = LexicalIndex.build(LexicalEntry(f"c{i}", t, {}) for i, t in enumerate(texts))

    def refused(question: str, min_support: float) -> AnswerDraft:
        answerer = ExtractiveAnswerer(Indexes(index), min_support)  # type: ignore[arg-type]
        draft = answerer.answer(Query(question), HITS)
        assert not draft.grounded and draft.support >= 0.5 * min_support  # near enough
        return draft

    near = refused("How many Riverside alliance member companies teach welding?", 0.99)
    assert "41 member companies" in near.closest and near.sources
    # "rain" is a word no document uses: no passage is near the question, however close.
    off = refused(
        "How many member companies does the Riverside alliance council have in the rain?", 0.99
    )
    assert off.closest == "" and off.sources == []


PLAN = (
    "海港市职业教育规划于2021年印发，由市教育局负责实施。"
    "规划共分为五个部分，本文件为摘编本。"
    "力争到2025年，海港市产教融合格局总体形成，具体包括："
    "培育10个产教融合联盟；"
    "建设8个产教融合园区；"
    "建立60个职业体验中心；"
    "探索混合所有制学院。"
    "该规划由市政府办公厅发布。"
)


def test_a_list_announced_by_a_colon_is_quoted_with_its_items() -> None:
    draft = answerer_over(PLAN).answer(
        Query("海港市到2025年的产教融合目标有哪些？"), [hit("plan", PLAN, "海港市职业教育规划")]
    )
    assert draft.grounded
    # Every item, the short last one too, follows the sentence that announces them.
    for item in ("10个产教融合联盟", "8个产教融合园区", "60个职业体验中心", "混合所有制学院"):
        assert item in draft.text
    assert draft.text.index("具体包括") < draft.text.index("混合所有制学院")


MEMBERS = (
    "海港产教联盟于2023年成立，由海港职业学院牵头。\n"
    "截至目前，联盟已汇聚成员单位40家，具体包括：\n"
    "成员类别 | 数量\n"
    "--- | ---\n"
    "中职学校 | 10所\n"
    "高职院校 | 12所\n"
    "上下游企业 | 18家\n"
    "联盟每年举办一次年会。"
)


def test_the_rows_of_a_table_follow_the_sentence_that_announces_them() -> None:
    draft = answerer_over(MEMBERS).answer(
        Query("海港产教联盟有哪些成员单位？"), [hit("members", MEMBERS, "海港产教联盟")]
    )
    assert draft.grounded
    for row in ("中职学校 | 10所", "高职院校 | 12所", "上下游企业 | 18家"):
        assert row in draft.text
    assert "---" not in draft.text  # the header's rule is not quoted


def test_the_date_asked_for_comes_from_the_leading_document() -> None:
    """Another document's signing date, scored higher, does not stand in for the lead's."""
    index = LexicalIndex.build(LexicalEntry(f"c{i}", t, {}) for i, t in enumerate(FILLER))
    question = parse_question(Query("On what date did Lakeside sign the deal?"), index)

    def sentence(text: str, doc: str, score: float) -> Sentence:
        return Sentence(text, 0, 0, score, doc, Evidence.of(text))

    lead = sentence("Lakeside launched an apprenticeship project with Acme.", "lakeside", 1.0)
    other = sentence("On January 6, 2022, Hillview signed a deal.", "hillview", 0.8)
    own = sentence("The parties signed the agreement on March 29.", "lakeside", 0.6)
    ranked = [lead, other, own]
    assert _typed(question, ranked, ranked, 0.5) == [own]
    assert _typed(question, [lead, other], [lead, other], 0.5) == [other]  # none of its own


DEPARTMENTS = (
    "海港市实习细则于2025年3月24日印发，由以下五个部门联合印发：\n"
    "- 海港市教育局\n"
    "- 海港市财政局\n"
    "- 海港市人力资源和社会保障局\n"
    "- 海港市应急管理局\n"
    "- 海港市市场监督管理局\n"
    "（二）实习时间。岗位实习一般为6个月。"
)


def test_the_items_of_a_bulleted_list_follow_one_another() -> None:
    draft = answerer_over(DEPARTMENTS).answer(
        Query("海港市实习细则是哪几个部门联合印发的？"),
        [hit("rules", DEPARTMENTS, "海港市实习细则")],
    )
    assert draft.grounded
    for item in ("海港市教育局", "海港市财政局", "海港市应急管理局", "海港市市场监督管理局"):
        assert item in draft.text
    assert "实习时间" not in draft.text  # an item of another kind of list does not go on


def test_a_table_row_answers_like_a_sentence() -> None:
    """A row of a table ("Students | more than 24,000") ends without a full stop, yet it is
    no heading: it is quoted when it holds what is asked."""
    profile = (
        "Hillside Polytechnic is a public vocational college founded in 2002.\n\n"
        "Item | Figure\n\nStudents | more than 24,000\n\nDepartments | 19\n\n"
        "Programs that follow the industry"
    )
    projects = "Its students earned 8 million yuan in sales for partner companies during 2024."
    answerer = answerer_over(profile, projects, ALLIANCE)
    draft = answerer.answer(
        Query("How many students does Hillside Polytechnic have?"),
        [
            hit("profile", profile, "Hillside Polytechnic profile"),
            hit("projects", projects, "Hillside Polytechnic projects"),
        ],
    )
    assert draft.grounded and "24,000" in draft.text
