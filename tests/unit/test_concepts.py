"""Question concepts: cross-lingual coverage, answer types, focus, carried words, penalties."""

from __future__ import annotations

import pytest

from assistant.answerers.concepts.concept import Concept
from assistant.answerers.concepts.evidence import Evidence
from assistant.answerers.concepts.parsing import (
    FOCUS_PENALTY,
    NUMBER_PENALTY,
    TYPED_VALUE_PENALTY,
    parse_question,
)
from assistant.answerers.concepts.question import (
    JOINT_ACT_NAME_PENALTY,
    NAMING_PENALTY,
    SAME_SCRIPT_NAME_PENALTY,
    Question,
)
from assistant.query import Query
from assistant.rewrite import rewrite_by_rule
from assistant.schemas import Turn
from corpus.chunking import Chunker
from corpus.loaders import load_file
from retrieval.lexical import LexicalEntry, LexicalIndex
from tests.support import CORPUS_DIR

NINGBO_TITLE = Evidence.of("宁波市职业教育校企合作促进条例 Zhejiang; Ningbo")
NINGBO_RULE = Evidence.of(
    "其中顶岗实习一般为六个月，且工作时间每日不得超过八小时、每周不得超过四十小时。"
)


@pytest.fixture(scope="module")
def index() -> LexicalIndex:
    chunker = Chunker()
    entries = [
        LexicalEntry(chunk.id, chunk.embed_text, {"doc_id": chunk.doc_id})
        for path in sorted(CORPUS_DIR.glob("*.md"))
        for chunk in chunker.split(load_file(path, CORPUS_DIR))
    ]
    return LexicalIndex.build(entries)


def test_an_english_question_is_covered_by_a_chinese_sentence(index: LexicalIndex) -> None:
    question = parse_question(Query("How long is a placement internship in Ningbo?"), index)
    unrelated = Evidence.of("第七条 市和区县人民政府应当制定专项学科专业建设规划。")
    assert question.coverage(NINGBO_RULE, question.covered_in(NINGBO_TITLE)) > 0.8
    assert question.coverage(unrelated, question.covered_in(NINGBO_TITLE)) < 0.4


def test_a_chinese_question_is_covered_by_an_english_sentence(index: LexicalIndex) -> None:
    question = parse_question(Query("南海区产教融合联盟有多少家企业？"), index)
    names = {c.name for c in question.concepts}
    assert "南海区" in names and "海区" not in names  # the sub-word folds into its word
    english = Evidence.of("The Nanhai District alliance council includes 76 enterprises.")
    assert question.coverage(english) > 0.6


def test_a_count_question_wants_a_number_in_the_answer(index: LexicalIndex) -> None:
    question = parse_question(Query("How many colleges joined the Nanhai alliance?"), index)
    assert question.answer_type is not None
    with_number = Evidence.of("22 colleges joined the Nanhai alliance.")
    without = Evidence.of("Colleges joined the Nanhai alliance.")
    gap = question.support(with_number) - question.support(without)
    assert gap == pytest.approx(FOCUS_PENALTY, abs=0.01)


def test_a_year_question_without_a_year_is_not_supported(index: LexicalIndex) -> None:
    question = parse_question(Query("In what year was the Nanhai alliance established?"), index)
    undated = Evidence.of("The Nanhai alliance was established on the 26th.")
    dated = Evidence.of("The Nanhai alliance was established on 26 May 2019.")
    assert question.support(dated) - question.support(undated) >= TYPED_VALUE_PENALTY


def test_a_document_number_question_wants_a_number_like_the_ones_notices_carry(
    index: LexicalIndex,
) -> None:
    question = parse_question(Query("《职业学校校企合作促进办法》是以什么文号印发的？"), index)
    assert "文号" not in {c.name for c in question.concepts}  # what is asked, not a word
    numbered = Evidence.of(
        "教育部等六部门以教职成〔2018〕1号文件印发《职业学校校企合作促进办法》。"
    )
    plain = Evidence.of("教育部等六部门印发《职业学校校企合作促进办法》。")
    assert question.support(numbered) - question.support(plain) >= FOCUS_PENALTY


def test_a_missing_number_of_the_question_costs_more_than_its_weight(
    index: LexicalIndex,
) -> None:
    question = parse_question(Query("宁波2025年有哪些校企合作？"), index)
    year = next(c for c in question.concepts if c.name == "2025")
    assert year.penalty == NUMBER_PENALTY
    answer = Evidence.of("宁波鼓励企业与职业院校开展校企合作。")
    assert question.support(answer) < 1 - NUMBER_PENALTY


def test_the_thing_asked_for_weighs_double_and_is_required(index: LexicalIndex) -> None:
    question = parse_question(Query("厦门软件职业技术学院的跨境电商专业每年学费是多少？"), index)
    fee = next(c for c in question.concepts if c.name == "学费")
    assert fee.penalty == FOCUS_PENALTY
    assert fee.weight == pytest.approx(2 * index.idf("学费"))
    about_the_college = Evidence.of("厦门软件职业技术学院共建跨境电商基地，200多人参加。")
    assert question.support(about_the_college) < 0.4


def test_the_thing_counted_is_the_noun_after_how_many(index: LexicalIndex) -> None:
    def focus(asked: str) -> set[str]:
        question = parse_question(Query(asked), index)
        return {c.name for c in question.concepts if c.penalty == FOCUS_PENALTY and not c.pattern}

    assert focus("How many leading companies belong to the alliance?") == {"compani"}
    # Not the last noun before a far-off preposition ("… efficiency center at …").
    assert focus("How many students a year will the training center at the college train?") == {
        "student"
    }
    assert focus("How many Lakeside Vocational and Technical College students will go?") == {
        "student"
    }
    assert focus("How many people took part in the meeting?") == {"peopl"}  # not "part"
    assert focus("How many colleges from the coast are in it?") == {"colleg"}  # not "coast"


def test_the_thing_asked_is_the_noun_after_what(index: LexicalIndex) -> None:
    question = parse_question(Query("What starting salary do the graduates get?"), index)
    focus = {c.name for c in question.concepts if c.penalty == FOCUS_PENALTY and not c.pattern}
    assert focus == {"salari"}


def test_what_was_done_is_the_thing_asked_by_when(index: LexicalIndex) -> None:
    question = parse_question(Query("In what year was the Nanhai alliance founded?"), index)
    founded = next(c for c in question.concepts if c.name == "found")
    assert founded.penalty == FOCUS_PENALTY
    another_event = Evidence.of("In 2022 the Nanhai alliance held its annual meeting.")
    assert question.support(another_event) < 1 - FOCUS_PENALTY


def test_a_name_no_document_of_the_answer_holds_costs_the_naming_penalty(
    index: LexicalIndex,
) -> None:
    question = parse_question(Query("What did the Nanhai alliance sign with Siemens?"), index)
    siemens = next(c for c in question.concepts if c.name == "siemen")
    assert siemens.proper
    nanhai_only = Evidence.of("The Nanhai alliance signed an agreement with 76 companies.")
    penalised = question.support(nanhai_only)
    spared = question.support(nanhai_only, named_elsewhere=frozenset({"siemen"}))
    # In the question's own language the name cannot have been missed by a translation.
    assert spared - penalised == pytest.approx(SAME_SCRIPT_NAME_PENALTY)
    assert SAME_SCRIPT_NAME_PENALTY > NAMING_PENALTY


def test_a_document_lacking_one_of_two_partners_does_not_answer_what_they_did_together(
    index: LexicalIndex,
) -> None:
    question = parse_question(Query("What did the Nanhai alliance sign with Siemens?"), index)
    nanhai_only = Evidence.of("The Nanhai alliance signed an agreement with 76 companies.")
    spared = question.support(nanhai_only, named_elsewhere=frozenset({"siemen"}))
    assert spared - question.support(nanhai_only, joint=True) == pytest.approx(
        JOINT_ACT_NAME_PENALTY
    )
    assert JOINT_ACT_NAME_PENALTY > SAME_SCRIPT_NAME_PENALTY


def test_an_a_not_a_question_word_is_grammar() -> None:
    names = {c.name for c in parse_question(Query("实习有没有报酬？能不能请假"), SMALL).concepts}
    assert not names & {"有没有", "能不能"}


def test_colloquial_asking_words_are_grammar() -> None:
    names = {c.name for c in parse_question(Query("实习补贴咋样，干嘛要交押金"), SMALL).concepts}
    assert not names & {"咋样", "干嘛"}


def test_segmentation_debris_is_no_concept() -> None:
    # jieba keeps 建了 ("built" and its particle) as one word: no document holds it and no
    # dictionary knows it, so no answer could cover it.
    names = {c.name for c in parse_question(Query("两家企业合作建了什么项目"), SMALL).concepts}
    assert "建了" not in names
    assert "项目" in names


def test_a_word_naming_another_document_is_required(index: LexicalIndex) -> None:
    question = parse_question(Query("宁波的企业有多少家参加了校企合作？"), index)
    nanhai = Evidence.of("Nanhai: 76 enterprises joined the industry-education cooperation.")
    spared = frozenset({"宁波"})  # as if another document held the name (see the name rule)
    assert question.support(nanhai, named_elsewhere=spared) - question.support(
        nanhai, naming=frozenset({"宁波"}), named_elsewhere=spared
    ) == pytest.approx(NAMING_PENALTY)


def test_words_carried_from_earlier_turns_weigh_half_and_cost_nothing(
    index: LexicalIndex,
) -> None:
    history = [Turn(role="user", content="宁波的校企合作条例对顶岗实习有什么规定？")]
    query = rewrite_by_rule("那每天最多可以工作几个小时？", history)
    asked, carried = query.asked, query.carried
    assert asked == "那每天最多可以工作几个小时？" and "宁波" in carried
    question = parse_question(query, index)
    ningbo = next(c for c in question.concepts if c.name == "宁波")
    assert ningbo.weight == pytest.approx(0.5 * index.idf("宁波"))
    assert ningbo.penalty == 0
    assert question.support(NINGBO_RULE) > 0.5


def test_a_follow_up_keeps_its_own_words_apart_from_the_carried_ones() -> None:
    for question in ("What is 1+X (the certificate system)?", "What is 1+X (the certificate)"):
        assert rewrite_by_rule(question, []) == Query(question)
    earlier = [Turn(role="user", content="What is the Qingdao regulation (2015)?")]
    query = rewrite_by_rule("When did it take effect?", earlier)
    assert (query.asked, query.carried) == (
        "When did it take effect?",
        "What is the Qingdao regulation (2015)?",
    )


# A small collection: 国务院办公厅 and "altogether" are in no document.
SMALL = LexicalIndex.build(
    LexicalEntry(f"c{i}", text, {})
    for i, text in enumerate(
        [
            "国务院发布了关于深化产教融合的若干意见。",
            "The alliance has 41 member companies and 9 colleges.",
            *(f"第{i}条 学校应当与企业签订实习协议。" for i in range(20)),
        ]
    )
)


def test_a_sub_word_across_two_words_of_the_question_is_no_concept() -> None:
    names = {c.name for c in parse_question(Query("国务院办公厅印发了什么意见？"), SMALL).concepts}
    assert {"国务院", "办公厅", "意见"} <= names and "院办" not in names


def test_everyday_words_no_document_uses_are_no_concepts() -> None:
    concepts = parse_question(Query("这些年联盟一共有多少家成员企业"), SMALL).concepts
    weights = {c.name: c.weight for c in concepts}
    assert "这些" not in weights  # everyday: nothing
    assert "一共" not in weights  # question grammar ("altogether")
    assert weights["联盟"] == pytest.approx(SMALL.idf("联盟"))


# "How many embroidery workers did the Hunan group train?" against a Chinese answer: the
# dictionary's 刺绣 for "embroidery" is not the document's 湘绣.
EMBROIDERY = Question(
    "How many embroidery workers did the Hunan group train?",
    (
        Concept("hunan", 2.0, ("湖南",)),
        Concept("group", 1.0, ("集团",)),
        Concept("train", 1.0, ("培养",)),
        Concept("embroidery", 2.0, (), penalty=0.4, unknown=True),
    ),
)


def test_a_word_the_collection_lacks_costs_a_penalty_in_the_same_language() -> None:
    answer = Evidence.of("The Hunan group trained 120 workers in 2019.")
    assert EMBROIDERY.support(answer) == pytest.approx(4.0 / 6.0 - 0.4)


def test_a_latin_name_the_collection_holds_in_neither_language_is_unknown() -> None:
    concepts = parse_question(Query("When did Nantong College sign with the alliance?"), SMALL)
    by_name = {c.name: c for c in concepts.concepts}
    assert by_name["nantong"].unknown and by_name["nantong"].penalty > 0
    assert not by_name["allianc"].unknown  # a word the collection holds
    # A lower-case word no dictionary knows is a slip or slang: it says nothing.
    lower = parse_question(Query("when did the allianse sign"), SMALL).concepts
    assert not any(c.unknown for c in lower)


def test_in_the_other_language_it_counts_uncovered_but_costs_nothing() -> None:
    # A dictionary does not give every rendering a document uses.
    answer = Evidence.of("湖南工艺美术职业学院为湘绣城集团培养了120名湘绣技艺人才。")
    assert EMBROIDERY.support(answer, other_language=True) == pytest.approx(4.0 / 6.0)


def test_a_count_is_not_a_year_nor_a_day_of_a_date() -> None:
    wanted = parse_question(Query("How many interns did the alliance train?"), SMALL).answer_type
    assert wanted is not None
    assert wanted.covered_by(Evidence.of("It trained 2,000 interns."))
    assert not wanted.covered_by(Evidence.of("On August 16, 2022, the alliance was founded."))
    assert not wanted.covered_by(Evidence.of("2011年，联盟成立。11月21日召开大会。"))
    assert not wanted.covered_by(Evidence.of("On the 5th, the 55th anniversary was held."))
    assert not wanted.covered_by(Evidence.of("为贯彻省第十二次党代表大会精神。"))  # ordinals
    assert wanted.covered_by(Evidence.of("山西省发展和改革委员会等七部门印发方案。"))
    assert not wanted.covered_by(Evidence.of("一方面鼓励院校对接企业。"))


@pytest.mark.parametrize("asked", ["How long is the training?", "实习要多久？", "实习期有多长？"])
def test_how_long_wants_a_length_of_time_not_any_number(asked: str) -> None:
    wanted = parse_question(Query(asked), SMALL).answer_type
    assert wanted is not None
    for said in ("It is a four-year course.", "Students train for 18 months.", "实习期为六个月。"):
        assert wanted.covered_by(Evidence.of(said))
    for said in (
        "It works with several Fortune Global 500 companies.",
        "培训从2006年开始。",
        "共有35所院校参加。",
    ):
        assert not wanted.covered_by(Evidence.of(said))


@pytest.mark.parametrize(
    "asked", ["乳品专业一年学费多少钱？", "How much does the training cost?", "培训要多少费用"]
)
def test_how_much_money_wants_a_sum_of_money_not_any_number(asked: str) -> None:
    wanted = parse_question(Query(asked), SMALL).answer_type
    assert wanted is not None
    paid = ("每年学费5000元。", "投资1.5亿元", "It costs RMB 500.", "about 100 million US dollars")
    for said in paid:
        assert wanted.covered_by(Evidence.of(said)), said
    for said in ("共计划招收高职生240名。", "It trained 2,000 interns.", "2019年开始合作。"):
        assert not wanted.covered_by(Evidence.of(said)), said


def test_the_value_asked_counts_only_beside_the_thing_it_is_asked_of() -> None:
    question = parse_question(Query("每月能拿多少补贴？"), SMALL)
    assert question.answer_type is not None
    beside = Evidence.of("学生每月补贴800元。")
    apart = Evidence.of("学生每月可领取补贴。项目已与45家企业合作。")
    lead_without_it = Evidence.of("项目已与45家企业合作。")
    assert question.support(beside) > question.support(apart, main=lead_without_it)
    # The count of companies says nothing about the subsidy: the type is missing too.
    assert question.support(apart, main=lead_without_it) == pytest.approx(
        question.support(apart, main=Evidence.of("学生每月可领取补贴。"))
    )


def test_the_thing_priced_is_the_noun_before_how_much_money() -> None:
    question = parse_question(Query("乳品专业一年学费多少钱？"), SMALL)
    fee = next(c for c in question.concepts if c.name == "学费")
    assert fee.penalty == FOCUS_PENALTY  # an answer without the fee does not answer


def test_a_chinese_count_is_counted_in_the_unit_asked_for() -> None:
    wanted = parse_question(Query("这个项目给企业输送了多少人"), SMALL).answer_type
    assert wanted is not None
    assert wanted.covered_by(Evidence.of("项目累计输送了700余名高技能人才。"))
    assert not wanted.covered_by(Evidence.of("构建了“14322”人才培养体系。"))  # no people in it
    assert wanted.covered_by(Evidence.of("It sent 700 graduates to the companies."))  # English
    in_houses = parse_question(Query("联合体有多少家成员单位"), SMALL).answer_type
    assert in_houses is not None and in_houses.covered_by(Evidence.of("共有115家成员单位。"))
    assert not in_houses.covered_by(Evidence.of("这是湖北省第一家市域产教联合体。"))  # ordinal


def test_the_thing_whose_name_is_asked_is_required(index: LexicalIndex) -> None:
    question = parse_question(Query("南海区产教融合联盟的理事长叫什么名字？"), index)
    focus = {c.name for c in question.concepts if c.focus}
    assert focus == {"理事长"} and "名字" not in {c.name for c in question.concepts}


def test_a_chinese_abbreviation_is_covered_by_the_name_it_shortens(index: LexicalIndex) -> None:
    question = parse_question(Query("黎明职大跟百胜签的协议主要合作啥"), index)
    short = next(c for c in question.concepts if c.name == "职大")
    assert short.proper  # jieba's part of speech for abbreviations
    assert short.covered_by(Evidence.of("黎明职业大学轻工学院与百胜餐饮签订校企合作协议。"))
    assert not short.covered_by(Evidence.of("职业教育活动周在大礼堂开幕。"))


def test_a_small_number_reaches_its_chinese_numeral(index: LexicalIndex) -> None:
    question = parse_question(
        Query("Which company runs the order class at Wuzhou No. 2 School?"), index
    )
    assert "no" not in {c.name for c in question.concepts}  # "No." only marks the number
    two = next(c for c in question.concepts if c.name == "2")
    assert two.covered_by(Evidence.of("梧州市第二职业学校与海尔合作开设了订单班。"))


def test_an_unrendered_word_of_a_name_costs_nothing_in_the_other_language(
    index: LexicalIndex,
) -> None:
    question = parse_question(Query("Who signed with the Wuzhou Zorblax Group?"), index)
    zorblax = next(c for c in question.concepts if c.name == "zorblax")
    assert zorblax.proper and not zorblax.translations
    chinese = Evidence.of("梧州集团董事长签署了协议。")
    with_name = question.support(chinese, other_language=True)
    assert with_name == pytest.approx(
        question.support(chinese, other_language=True, named_elsewhere=frozenset({"zorblax"}))
    )


def test_a_single_character_noun_no_word_of_the_collection_holds_is_asked_about(
    index: LexicalIndex,
) -> None:
    # jieba leaves 醋 and 鱼 of 西湖醋鱼 apart; no document has either character.
    question = parse_question(Query("宁波西湖醋鱼怎么做？"), index)
    vinegar = next(c for c in question.concepts if c.name == "醋")
    assert vinegar.unknown and vinegar.penalty > 0
    ningbo = Evidence.of("宁波市职业教育校企合作促进条例")
    assert question.support(ningbo) < 0.5
    # 班 is a character of the collection's words (订单班): no concept of its own.
    assert "班" not in {c.name for c in parse_question(Query("宁波的班多大？"), index).concepts}


@pytest.mark.parametrize(
    ("question", "deputy", "principal"),
    [
        ("Who is the president of the Wuzhou college?", "Vice President Li spoke.", "President Li"),
        ("梧州职院的校长是谁？", "副校长李明出席。", "校长李明出席。"),
    ],
)
def test_a_deputy_does_not_answer_who_holds_the_title(
    index: LexicalIndex, question: str, deputy: str, principal: str
) -> None:
    title = next(c for c in parse_question(Query(question), index).concepts if c.principal)
    assert not title.covered_by(Evidence.of(deputy))
    assert title.covered_by(Evidence.of(principal))


def test_a_question_about_the_deputy_is_answered_by_the_deputy(index: LexicalIndex) -> None:
    question = parse_question(Query("Who is the vice president of the Wuzhou college?"), index)
    president = next(c for c in question.concepts if c.name == "presid")
    assert not president.principal
    assert president.covered_by(Evidence.of("Vice President Li spoke."))


def test_a_chinese_name_is_not_covered_by_the_dictionary_senses_of_its_parts() -> None:
    # 师范大学 is "normal university" to the dictionary; a name holding it is still one
    # university, not any university an English text mentions. Its place name still counts.
    collection = LexicalIndex.build(
        LexicalEntry(f"c{i}", text, {})
        for i, text in enumerate(
            [
                "北京师范大学举行揭牌仪式。",
                "The president of Ridgeway Normal University attended.",
                "Beijing colleges train teachers.",
            ]
        )
    )
    question = parse_question(Query("北京师范大学的校长是谁？"), collection)
    name = next(c for c in question.concepts if c.name == "北京师范大学")
    assert name.proper
    assert not name.covered_by(Evidence.of("The president of Ridgeway Normal University spoke."))
    assert name.covered_by(Evidence.of("A delegation from Beijing visited."))


def test_an_english_word_is_also_said_by_the_english_of_its_chinese_renderings() -> None:
    # 成立 renders "established" and is also "set up": an English text that says the one
    # says the other.
    established = Concept("establish", 1.0, ("成立",))
    assert established.covered_by(
        Evidence.of("In 2013 the school and Wanfu jointly set up a base.")
    )
    assert not established.covered_by(Evidence.of("In 2013 the school visited Wanfu."))


def test_grammar_words_are_no_concepts_even_when_documents_hold_them() -> None:
    collection = LexicalIndex.build(
        LexicalEntry(f"c{i}", text, {})
        for i, text in enumerate(
            [
                "这些年，项目累计为企业输送了700余名技术人才。",
                "已经有十五家企业通过审核。",
                *(f"第{i}条 学校应当与企业签订实习协议。" for i in range(20)),
            ]
        )
    )
    question = parse_question(Query("这些年已经给企业送了多少人"), collection)
    names = {c.name for c in question.concepts}
    assert "这些" not in names and "已经" not in names  # a pronoun and an adverb
    assert "企业" in names


def test_a_school_name_said_short_is_covered_by_its_full_form(index: LexicalIndex) -> None:
    question = parse_question(Query("东方职院从哪年开始跟台资企业合作的"), index)
    short = next(c for c in question.concepts if c.name == "职院")
    assert short.covered_by(Evidence.of("签约仪式在浙江东方职业技术学院举行。"))
    assert not short.covered_by(Evidence.of("签约仪式在东方大酒店举行。"))


def test_an_acronym_is_covered_by_the_name_it_shortens() -> None:
    acronym = Concept("vtc", 1.0)
    assert acronym.covered_by(Evidence.of("Yangling Vocational and Technical College signed."))
    assert not acronym.covered_by(Evidence.of("A very tall cat."))  # words too short
    assert not Concept("deal", 1.0).covered_by(Evidence.of("Department of Education And Labour"))


def test_which_place_in_a_row_wants_an_ordinal() -> None:
    wanted = parse_question(Query("宜昌那个产教联合体是湖北第几个"), SMALL).answer_type
    assert wanted is not None
    assert wanted.covered_by(Evidence.of("这是湖北省成立的第一家市域产教联合体。"))
    assert not wanted.covered_by(Evidence.of("联合体有115家成员单位。"))


def test_how_much_funding_wants_a_sum_of_money() -> None:
    wanted = parse_question(Query("How much funding did the province set aside?"), SMALL)
    assert wanted.answer_type is not None
    assert wanted.answer_type.covered_by(Evidence.of("It set aside 20 million yuan."))
    assert not wanted.answer_type.covered_by(Evidence.of("It set up 15 groups."))


@pytest.mark.parametrize(
    "asked", ["What share of teachers should be double-qualified?", "双师型教师要占多少比例"]
)
def test_a_share_question_wants_a_share_not_any_number(asked: str) -> None:
    question = parse_question(Query(asked), SMALL)
    wanted = question.answer_type
    assert wanted is not None
    # the word that asks ("share", 比例) is what is asked, not a word the answer holds
    assert not {"share", "比例"} & {c.name for c in question.concepts}
    for said in (
        "双师型教师占专业课教师总数超过一半。",
        "About 40% of teachers.",
        "占三成以上",
        "two thirds of the staff",
        "Half of the teachers are double-qualified.",
    ):
        assert wanted.covered_by(Evidence.of(said)), said
    for said in ("共有35所院校参加。", "It trained 2,000 interns.", "2019年成立。"):
        assert not wanted.covered_by(Evidence.of(said)), said


def test_a_missing_sum_of_money_costs_what_a_missing_year_costs() -> None:
    question = parse_question(Query("How much does the company pay its interns?"), SMALL)
    paid = Evidence.of("The company pays its interns 3,000 yuan a month.")
    unpaid = Evidence.of("The company takes interns every summer and pays attention to them.")
    assert question.support(paid) - question.support(unpaid) >= TYPED_VALUE_PENALTY


def test_a_pinyin_name_no_translation_renders_is_looked_for_in_the_pinyin_of_the_answer() -> None:
    # "Qinghe" has no translation the collection holds: a Chinese answer that spells it (青禾)
    # answers for it; one that spells no name of the question is about something else
    question = parse_question(Query("Who is the principal of Qinghe College?"), SMALL)
    assert any(c.spelled for c in question.concepts)
    about = Evidence.of("青禾学院校长李明出席。")
    other = Evidence.of("远帆学院校长王华出席。")
    assert question.support(about, other_language=True) > question.support(
        other, other_language=True
    )
    assert question.support(other, other_language=True) < 0.51


def test_an_everyday_word_no_document_uses_weighs_by_how_specific_it_is(
    index: LexicalIndex,
) -> None:
    """ "Roughly" and "supposed" are phrasing: absent from every document, yet no sign that
    the documents cannot answer; a thing they lack ("weather", "canteen") still weighs as the
    rarest word."""
    asked = parse_question(
        Query("Roughly how many vocational schools was Ningbo supposed to have?"), index
    )
    weights = {c.name: c.weight for c in asked.concepts}
    assert weights["rough"] < weights["ningbo"] and weights["suppos"] < 1.0
    things = parse_question(Query("What is the weather like at the canteen in Ningbo?"), index)
    thing_weights = {c.name: c.weight for c in things.concepts}
    assert thing_weights["weather"] > thing_weights["ningbo"]
    assert thing_weights["weather"] > 5 * weights["suppos"]


def test_across_languages_the_count_stands_without_the_dictionarys_word_for_the_thing() -> None:
    """ "workers" is 工人 to the dictionary, 人才 to the document: the count it gives answers."""
    index = LexicalIndex.build(
        LexicalEntry(f"c{i}", text, {})
        for i, text in enumerate(
            [
                "学院为集团培养技能人才120名，工人都很满意。",
                "The college trains workers for the group.",
                *(f"第{i}条 学校应当与企业签订实习协议。" for i in range(10)),
            ]
        )
    )
    question = parse_question(Query("How many workers did the college train for the group?"), index)
    with_count = Evidence.of("学院为集团培养技能人才120名。")
    without = Evidence.of("学院为集团培养技能人才。")
    assert question.support(with_count, other_language=True) > question.support(
        without, other_language=True
    )
