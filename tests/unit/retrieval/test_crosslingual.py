"""Query terms in the other language, by dictionary and pinyin, kept to what the collection
holds: hand-made collections, the real CC-CEDICT and pypinyin."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval.crosslingual.dictionary import Dictionary, dictionary_cache_file
from retrieval.crosslingual.pinyin import pinyin, pinyin_readings, spells_pinyin
from retrieval.crosslingual.tables import colloquial, field_glossary
from retrieval.crosslingual.translator import Translator
from retrieval.lexical import LexicalEntry, LexicalIndex

CHINESE_DOC = (
    "梧州市职业院校学生顶岗实习一般为六个月，企业应当支付合理报酬。梧州市校企合作联盟成立。"
)
ENGLISH_DOC = "The Tengxian alliance signed an agreement with 12 companies to train apprentices."


def collection(*texts: str) -> Translator:
    index = LexicalIndex.build(LexicalEntry(f"c{i}", t, {}) for i, t in enumerate(texts))
    return Translator(index)


@pytest.fixture(scope="module")
def both() -> Translator:
    return collection(CHINESE_DOC, ENGLISH_DOC)


def targets(translator: Translator, query: str) -> dict[str, tuple[str, ...]]:
    return dict(translator.pairs(query))


def test_an_english_field_term_reaches_the_chinese_term(both: Translator) -> None:
    found = targets(both, "How long is a placement internship?")
    assert "顶岗实习" in found["placement internship"]


def test_an_english_name_reaches_the_chinese_name_by_pinyin(both: Translator) -> None:
    # Wuzhou is in no glossary: its pinyin is what joins the two spellings.
    assert "梧州" in " ".join(both.translate("Which alliance was founded in Wuzhou?").split())


def test_a_chinese_name_reaches_the_english_name_by_pinyin(both: Translator) -> None:
    found = targets(both, "藤县联盟与多少家企业签约？")
    assert "tengxian" in found["藤县"]
    assert "alliance" in found["联盟"]


def test_dictionary_words_are_translated_both_ways(both: Translator) -> None:
    assert "企业" in targets(both, "How many companies?")["companies"]
    assert "agreement" in targets(both, "签订了什么协议")["协议"]


def test_translations_the_collection_does_not_hold_are_dropped() -> None:
    english_only = collection(ENGLISH_DOC)
    assert english_only.translate("How many companies?") == ""  # no Chinese text to reach
    assert collection(CHINESE_DOC).translate("weather forecast tomorrow") == ""


def test_everyday_chinese_reaches_the_wording_of_regulations() -> None:
    formal = collection("实习学生每日工作时间不得超过八小时。")
    assert "每日" in formal.translate("实习每天最多干几个小时")


def test_pinyin_drops_tones_and_spaces() -> None:
    assert pinyin("梧州") == "wuzhou"


def test_the_data_files_hold_terms_of_the_field_only() -> None:
    from pypinyin import lazy_pinyin

    assert "顶岗实习" in field_glossary() and "每天" in colloquial()
    # No proper names: a glossary entry never spells its own pinyin as its English.
    for zh, english in field_glossary().items():
        assert "".join(lazy_pinyin(zh)).lower() not in {e.lower().replace(" ", "") for e in english}


def test_a_chinese_month_reaches_its_english_name() -> None:
    dated = collection("The alliance was founded in September 2023 by nine colleges.")
    assert targets(dated, "联盟是2023年9月成立的吗？")["9"] == ("september",)
    assert "9" not in targets(dated, "联盟有9所学院吗？")  # a count, not a month


def test_a_possessive_does_not_hide_a_phrase() -> None:
    translator = collection("国务院印发关于深化产教融合的若干意见。")
    found = targets(translator, "What do the State Council's opinions say?")
    assert found["State Council"] == ("国务院",)
    assert "State" not in found


def test_a_word_whose_own_senses_the_collection_lacks_is_read_by_its_stem() -> None:
    # CC-CEDICT renders "robotics" as 机器人学, which this collection does not use.
    translator = collection("梧州市机器人产业学院开设两个班。")
    assert (
        "机器人"
        in targets(translator, "Does the robotics college in Wuzhou have classes?")["robotics"]
    )


def test_question_grammar_and_words_held_only_in_pieces_are_not_renderings() -> None:
    # "how many" is grammar (多个 / 不少 would pull up chunks that merely use them); "work"
    # is 工作, which the collection holds whole, not 做生活 pieced from 做 and 生活.
    translator = collection("梧州市企业工作人员做了不少事，生活补贴多个。")
    found = targets(translator, "How many companies work in Wuzhou?")
    assert "many" not in found
    assert "做生活" not in found.get("work", ())
    assert "工作" in found["work"]


def test_a_name_inside_a_longer_chinese_word_is_found_by_its_pinyin() -> None:
    # jieba reads 天工学院 as 天 / 工学院; the English text spells the name "Tiangong". 斯的
    # spells "side", an English word, not a name.
    translator = collection("The Tiangong College alliance runs a workshop on one side of town.")
    found = targets(translator, "天工学院联盟在布达佩斯的工坊")
    assert found["天工"] == ("tiangong",)
    assert "斯的" not in found
    # 工学院 crosses the name: not "school of engineering"; its 学院 outside it is "college".
    assert "工学院" not in found
    assert "college" in found["学院"]


@pytest.mark.parametrize(
    ("word", "pinyin_like"),
    [("hangzhou", True), ("taihu", True), ("expo", False), ("yum", False), ("siemens", False)],
)
def test_a_chinese_name_is_told_from_a_foreign_one_by_its_pinyin(
    word: str, pinyin_like: bool
) -> None:
    assert spells_pinyin(word) is pinyin_like


def test_a_phrase_is_found_by_its_words_stems() -> None:
    # The glossary says "industry-education integration enterprise"; visitors write it
    # their own way.
    translator = collection("杭州市将培育产教融合型企业100家。")
    found = targets(translator, "How many industry-education integrated enterprises are there?")
    assert "产教融合型企业" in found["industry-education integrated enterprises"]


def test_a_sense_that_fits_the_rest_of_the_question_beats_the_dictionarys_first() -> None:
    # CC-CEDICT gives "provisions" as 食品 (food) before 规定 (rules); in a question about
    # internships the collection's 规定 is meant, since it shares chunks with 实习.
    translator = collection(
        "职业学校学生实习管理规定第十条：实习单位应当按规定支付实习报酬。",
        "实习规定要求岗位实习不得超过六个月。",
        "学生实习期间的权益依照本规定予以保护。",
        "食品产业学院揭牌成立。",
    )
    found = targets(translator, "What do the internship provisions say about pay?")
    assert found["provisions"][0] == "规定"
    assert "食品" not in found["provisions"]


def test_the_dictionarys_first_sense_stays_when_it_fits_the_question() -> None:
    # Where 食品 goes with 实习 as well as 规定 does, the dictionary's order stands.
    translator = collection(
        "食品企业接收学生实习，实习报酬按月发放。",
        "食品专业学生到食品企业实习。",
        "实习规定要求岗位实习不得超过六个月。",
    )
    found = targets(translator, "What do the internship provisions say about pay?")
    assert found["provisions"][0] == "食品"


def test_an_irregular_english_form_is_looked_up_by_its_lemma() -> None:
    # No stemmer turns "held" into "hold" (举行) or "taught" into "teach" (教).
    translator = collection("签约仪式在403会议室举行。", "教师教授学生技能。")
    assert "举行" in targets(translator, "Where was the signing held?")["held"]


def test_a_company_is_found_by_its_name_alone() -> None:
    # CC-CEDICT says "BYD Company" and "Geely, Chinese car make"; a question says "BYD".
    translator = collection("比亚迪与学院共建产业学院。", "吉利集团在台州办学。")
    assert "比亚迪" in targets(translator, "What is BYD doing with the college?")["BYD"]
    assert "吉利" in targets(translator, "Where does Geely run a college?")["Geely"]


def test_a_name_is_found_by_another_reading_of_its_characters() -> None:
    # pypinyin reads 红寺堡 hongsibao; the place is Hongsibu (堡 reads bao, bu or pu).
    assert "hongsibu" in pinyin_readings("红寺堡") and pinyin_readings("宁波")[0] == "ningbo"
    translator = collection("红寺堡职校与企业合作。", "The Hongsibu school trains farmers.")
    assert targets(translator, "红寺堡职校有多少学生")["红寺堡"] == ("hongsibu",)
    assert (
        "红寺堡"
        in targets(translator, "How many students does the Hongsibu school have?")["Hongsibu"]
    )


def test_sino_and_a_nation_is_china_and_that_nation() -> None:
    # CC-CEDICT has no "Sino-German"; jieba cuts 中德 alone as 中 / 德, in the text as one word.
    translator = collection("在全省建设2—3个中德职业学院。", "中外合作办学项目。")
    assert targets(translator, "How many Sino-German colleges?")["Sino-German"] == ("中德",)
    assert targets(translator, "Any Sino-foreign programmes?")["Sino-foreign"] == ("中外",)


def test_a_place_pinyin_does_not_spell_is_found_by_its_dictionary_name() -> None:
    # 喀什 is Kashi in pinyin; CC-CEDICT gives "Kashgar or Qeshqer (Kāshí) city and prefecture".
    translator = collection("喀什职业技术学院举行成立大会。", "乌鲁木齐的企业参加。")
    assert "喀什" in targets(translator, "Which college in Kashgar held it?")["Kashgar"]
    assert "乌鲁木齐" in targets(translator, "Which firms from Urumqi took part?")["Urumqi"]


def test_the_phrasing_that_translates_the_most_words_is_chosen() -> None:
    # "Economic Development | Zone" would leave "Zone" untranslated: 经济 and 开发区 it is.
    translator = collection("经济开发区产教联合体成立。", "经济发展很快。")
    found = targets(translator, "When was the Economic Development Zone consortium founded?")
    assert "开发区" in found["Development Zone"] and "经济" in found["Economic"]


def test_a_phrase_is_looked_up_with_the_small_words_inside_it() -> None:
    # CC-CEDICT has "Ministry of Education"; without its "of" the phrase is not found.
    translator = collection("教育部印发校企合作促进办法。", "部门和教育。")
    found = targets(translator, "What did the Ministry of Education publish?")
    assert found["Ministry of Education"][0] == "教育部"


def test_a_chinese_place_is_rendered_by_its_dictionary_name() -> None:
    # 那曲 is Naqu in pinyin; CC-CEDICT explains it: "Nagchu town and prefecture in central
    # Tibet" (too long for a translation), so the name alone renders it.
    translator = collection("那曲的学校。", "The school in Nagchu trains cooks.")
    assert "Nagchu" in targets(translator, "那曲的学校培养什么人才？")["那曲"]


def test_a_phrasal_verb_is_looked_up_with_its_particle() -> None:
    translator = collection(
        "该公司与学校合作组建了职业技术学院，还设立了实训基地。这一系列举措很有效。"
    )
    found = targets(translator, "Which company helped set up the college?")
    assert "set up" in found and "系列" not in found["set up"]
    assert {"组建", "设立"} & set(found["set up"])
    package = collection("激励政策包括金融、财政和土地。", "The package consists of loans.")
    assert "包括" in targets(package, "What does the package consist of?")["consist of"]


def test_a_british_spelling_finds_the_dictionarys_american_sense() -> None:
    translator = collection("学校与企业共建实训中心。", "The training centre opened in May.")
    assert "中心" in targets(translator, "When did the training centre open?")["centre"]


def test_the_dictionary_cache_is_named_by_where_its_class_lives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = dictionary_cache_file(tmp_path)
    monkeypatch.setattr(Dictionary, "__module__", "retrieval.elsewhere")
    assert dictionary_cache_file(tmp_path) != here
