"""Organisation-name rules of both languages, each on made-up sentences."""

from __future__ import annotations

from corpus.mentions import find_mentions


def names(sentence: str) -> list[str]:
    return [m.name for m in find_mentions(sentence)]


def bylines(sentence: str) -> list[str]:
    return [m.name for m in find_mentions(sentence) if m.byline]


def test_a_word_holding_deng_does_not_end_an_enumeration() -> None:
    # 高等学校 is a kind of school: nothing before it is a listed organisation.
    assert names("支持职业学校、高等学校共同开发课程。") == []
    assert "青禾精工" in names("学院与青禾精工、远帆物流等企业开展合作。")


def test_a_count_of_exactly_the_items_closes_an_enumeration() -> None:
    found = names("该集团旗下拥有蓝湾港务、蓝湾能源两家上市公司。")
    assert {"蓝湾港务", "蓝湾能源"} <= set(found)
    # a count that does not match the items is no enumeration of names
    assert "蓝湾港务" not in names("该集团旗下拥有蓝湾港务、蓝湾能源三家上市公司。")


def test_news_outlets_in_bylines() -> None:
    assert bylines("青禾网·晨报新闻3月2日讯 近年来，学院持续深化改革。") == ["青禾网·晨报新闻"]
    assert bylines("远帆网青禾3月2日电 学院举行签约仪式。") == ["远帆网"]
    assert bylines("据青禾社2020年4月3日报道，办法自发布之日起施行。") == ["青禾社"]
    assert bylines("Harbour Times, 2015-06-01") == ["Harbour Times"]
    assert bylines("By Li Lan | Lumen Daily | 2016-02-03") == ["Lumen Daily"]
    assert bylines("Qinghe Network News on May 4 (Reporter Li Lan) The forum opened.") == [
        "Qinghe Network"
    ]


def test_an_enumeration_starts_after_its_verb_and_skips_a_schools_faculties() -> None:
    found = names("学院携手青禾精工有限公司、远帆物流有限公司等企业共建基地。")
    assert found == ["青禾精工有限公司", "远帆物流有限公司"]
    # faculties named with common words only are parts of the school, not partners
    assert names("学校机械工程学院、智能制造学院等部门负责人出席。") == []


def test_a_quoted_slogan_of_common_words_is_not_a_name() -> None:
    assert names("学校与企业共建人才培养“命运共同体”。") == []
    assert names("双方共建“青禾远帆产业学院”。") == ["青禾远帆产业学院"]


def test_a_suffix_glued_to_a_title_still_ends_a_name() -> None:
    # jieba cuts 协会会长 as one word; the association's name ends before the title
    assert "青禾市物流协会" in names("青禾市物流协会会长李兰出席。")


def test_a_party_committee_opens_a_government_department() -> None:
    assert "市委宣传部" in names("市委宣传部副部长王海出席会议。")


def test_a_state_body_jieba_tags_as_an_organisation() -> None:
    assert "国务院" in names("经国务院同意，现将有关事项通知如下。")


def test_a_verb_ending_like_a_suffix_ends_no_name() -> None:
    assert names("完成上级交办的其他事项。") == []


def test_a_verb_before_a_proper_name_is_not_part_of_it() -> None:
    found = names("撤销原有机构，其职能并入临江市人民政府。")
    assert "临江市人民政府" in found
    assert not any("并入" in n for n in found)


def test_a_newspaper_in_a_title_is_a_byline_not_a_party() -> None:
    assert bylines("Lumen Daily: how a college trains technicians") == ["Lumen Daily"]


def test_of_the_joins_an_english_name() -> None:
    assert "Youth Office of the Qinghe District Committee" in names(
        "The forum was hosted by the Youth Office of the Qinghe District Committee."
    )
    # "and the" still separates two names
    found = names("Guests came from Lumen Robotics Co. and the Qinghe Logistics Association.")
    assert "Qinghe Logistics Association" in found


def test_an_office_without_a_jurisdiction_is_an_internal_unit() -> None:
    assert names("Staff of the Student Employment Office met the guests.") == []
    assert names("The Qinghe District Talent Office sent two officials.") == [
        "Qinghe District Talent Office"
    ]


def test_a_ministrys_department_keeps_its_ministry_and_its_own_conjunction() -> None:
    assert "教育部职业教育与成人教育司" in names("会议由教育部职业教育与成人教育司主持。")
    # two bodies joined by 与 stay two
    assert names("青禾省教育厅与青禾省人社厅联合发文。") == ["青禾省教育厅", "青禾省人社厅"]


def test_an_organisation_word_holding_a_subsidiary_ending_is_a_name() -> None:
    # jieba tags 西门子公司 as one organisation word: its 子公司 is no word of its own
    assert "西门子公司" in names("学院与西门子公司共建实训中心。")
    assert names("集团下属子公司参加了活动。") == []


def test_a_reporters_bracket_is_not_part_of_the_next_name() -> None:
    assert "青禾省教育厅" in names("晨报讯（记者 李兰）青禾省教育厅日前公布了名单。")


def test_a_verb_inside_a_name_before_an_unknown_word_stays() -> None:
    assert "青禾智能制造产教联盟" in names("青禾智能制造产教联盟成立。")


def test_a_class_of_bodies_is_not_a_name() -> None:
    assert names("各省、自治区、直辖市人民政府：") == []
    assert names("同为普通本科大学，两校各有特色。") == []
    assert "宁夏回族自治区教育厅" in names("宁夏回族自治区教育厅发布通知。")


def test_a_rare_dictionary_word_before_a_suffix_is_a_name() -> None:
    # 晨光 and 长风 are dictionary nouns, but rare ones: in front of a suffix they are names
    assert names("晨光职业技术学院与长风汽车集团签订合作协议。") == [
        "晨光职业技术学院",
        "长风汽车集团",
    ]
    # a school level and a rare compound of common words name no one
    assert names("推动中职学校与高职院校贯通培养。") == []
    assert names("引导骨干企业联合职业学校开发课程。") == []


def test_quan_guo_opens_a_national_alliance_name() -> None:
    assert "全国智慧物流产教联盟" in names("该校加入了全国智慧物流产教联盟。")
    assert "全国" not in "".join(names("全国职业学校应当开展校企合作。"))


def test_words_glued_before_a_verb_open_no_name() -> None:
    # jieba glues 需 and 提交 into one rare word: a verb phrase, not a body's name
    assert names("整理会议纪要和需提交联席会议审定的材料。") == []


def test_a_loose_name_never_spans_two_names_joined_by_and() -> None:
    found = names("On May 2, Ridgeway Polytechnic and Tamsin Marine Co., Ltd. signed a deal.")
    assert found == ["Ridgeway Polytechnic", "Tamsin Marine Co., Ltd"]


def test_bare_names_where_only_a_party_can_stand() -> None:
    # beside a recognised name, several words long, after its abbreviation
    assert "Orbit Fluid Systems" in names("Ridgeway Polytechnic and Orbit Fluid Systems met.")
    assert "Orbit Fluid" in names("Ridgeway Polytechnic (RP) and Orbit Fluid signed an MoU.")
    # after "partnered / an agreement … with", and as the subject of such a verb
    assert "Orbit Fluid" in names("Ridgeway Polytechnic signed an agreement with Orbit Fluid.")
    assert "Orbit Fluid" in names(
        "Orbit Fluid, a maker of industrial pumps, has partnered with Ridgeway Polytechnic."
    )
    # a place or a sentence opener is no party
    assert names("Ridgeway Polytechnic works with Guangzhou on skills.") == ["Ridgeway Polytechnic"]
    assert "On Tuesday" not in " ".join(names("On Tuesday Ridgeway College signed an MoU."))


def test_people_named_before_of_are_not_part_of_the_name() -> None:
    found = names("Representatives of Tamsin Marine Co., Ltd. attended the ceremony.")
    assert found == ["Tamsin Marine Co., Ltd"]


def test_members_listed_after_a_verb_of_gathering() -> None:
    found = names("The Ridgeway Skills Alliance brings together Orbit Fluid, Kestrel and Tamsin.")
    assert found == ["Ridgeway Skills Alliance", "Orbit Fluid", "Kestrel", "Tamsin"]


def test_a_brand_and_its_trade_words_name_a_company_in_a_sentence_of_cooperation() -> None:
    found = names("晨光职院与恒远科技、华星电子签订订单培养协议。")
    assert found == ["晨光职院", "恒远科技", "华星电子"]
    # without a cue of cooperation a brand and a trade word are no party
    assert names("恒远科技的产品销往各地。") == []
    # a trade word followed by a noun is a sector, not a short name (恒远科技园区)
    assert names("晨光职院与恒远科技园区签订合作协议。") == ["晨光职院"]


def test_a_schools_short_form_is_the_same_organisation() -> None:
    from corpus.orgnames import keys

    assert keys("晨光职院") & keys("晨光职业技术学院")
    assert keys("晨光职院") & keys("晨光职业学院")
    assert not keys("晨光职院") & keys("晨光学院")


def test_a_he_inside_a_company_name_with_no_distinctive_word_after_it() -> None:
    # nothing after 和 can name a company by itself: the 和 belongs to the name
    assert names("来自青禾和记服务贸易有限公司的代表出席。") == ["青禾和记服务贸易有限公司"]
    # a distinctive word after 和 starts a name of its own
    assert names("学院和恒远智能装备有限公司签订协议。") == ["恒远智能装备有限公司"]


def test_a_particle_glued_to_a_listed_name_is_not_part_of_it() -> None:
    found = names("活动吸引了鸿翔数控科技有限公司、榕城电气集团等50余家企业参加。")
    assert found[0] == "鸿翔数控科技有限公司"


def test_a_head_and_its_of_part_end_a_name_before_and() -> None:
    found = names("Eastvale University of Technology and Corvan Motors Group opened a lab.")
    assert found == ["Eastvale University of Technology", "Corvan Motors Group"]
    # "and" inside a name whose right part has no head word of its own
    assert names("The Ministry of Industry and Information Technology issued it.") == [
        "Ministry of Industry and Information Technology"
    ]


def test_a_ministry_named_by_its_field_is_a_name() -> None:
    found = names("The Ministry of Education and the Ministry of Finance jointly issued the plan.")
    assert found == ["Ministry of Education", "Ministry of Finance"]
    assert names("The Party Committee met.") == []


def test_an_associations_branch_is_one_name_with_it() -> None:
    assert names("青禾市物流协会冷链分会成立。") == ["青禾市物流协会冷链分会"]
    assert names("青禾物流学会产教融合专业委员会公布名单。") == ["青禾物流学会产教融合专业委员会"]


def test_an_office_named_before_its_school_is_not_the_school() -> None:
    found = names("Li Ming, head of the Employment Department of Eastvale Polytechnic, spoke.")
    assert found == ["Eastvale Polytechnic"]
    # a government department of a province stays whole
    assert "Education Department of Eastvale Province" in " ".join(
        names("The Education Department of Eastvale Province Government issued a notice.")
    )


def test_a_loose_name_inside_a_longer_loose_match() -> None:
    found = names("Schools and colleges represented by Eastvale Ningjiang technician college, etc.")
    assert found == ["Eastvale Ningjiang technician college"]


def test_a_loose_name_after_of_at_or_from() -> None:
    found = names("Li Ming, professor of Eastvale Ningjiang technician college, spoke.")
    assert found == ["Eastvale Ningjiang technician college"]
    assert names("Teachers from Eastvale Ningjiang technician college came.") == [
        "Eastvale Ningjiang technician college"
    ]


def test_a_groups_legal_form_is_part_of_its_name() -> None:
    assert names("学院与中国鸿翔重工集团有限公司签约。") == ["中国鸿翔重工集团有限公司"]


def test_a_branch_campus_and_a_numbered_school_are_named_whole() -> None:
    # 分校 / 校区 make a school of their own; "No.1" is part of an English school's name.
    assert names("7月21日，青禾师范大学梧桐分校举行揭牌仪式。") == ["青禾师范大学梧桐分校"]
    found = names("Ridgeway No.1 Vocational School and Kestrel Jewelry Company set up a base.")
    assert "Ridgeway No.1 Vocational School" in found


def test_a_governments_general_office_is_one_name_with_it() -> None:
    # 办公厅 after a government's name is that government's general office
    assert names("青禾省人民政府办公厅关于深化合作的意见") == ["青禾省人民政府办公厅"]
    assert names("远帆市教育局和远帆市财政局联合发文。") == ["远帆市教育局", "远帆市财政局"]


def test_jing_before_a_body_that_approves_is_no_part_of_its_name() -> None:
    # 经 X 批准 / 同意: "approved by X"
    assert names("青禾职教集团成立于2012年，经青禾省商务厅批准组建。") == [
        "青禾职教集团",
        "青禾省商务厅",
    ]
    assert names("经远帆市人民政府同意，现提出如下意见。") == ["远帆市人民政府"]


def test_a_class_of_organisations_in_one_word_is_no_name() -> None:
    # 上市公司 (a listed company) and 大中专 (colleges and secondary schools) are classes
    assert "上市公司" not in names("该集团拥有青禾港务等多家上市公司。")
    assert names("企业、大中专院校和科研机构共同参与。") == []


def test_bodies_addressed_to_each_province_are_a_class() -> None:
    # 各 opening the enumeration: every province's department, not one body
    assert names("通知发往各省、自治区教育厅、财政厅（局）、应急管理厅。") == []
    assert names("通知发往各市县教育局、财政局。") == []
    # a body named with its place stays
    assert names("青禾省教育厅、省财政厅联合发文，要求各地遵照执行。") == [
        "青禾省教育厅",
        "省财政厅",
    ]


def test_offices_after_a_possessive_are_parts_of_the_organisation() -> None:
    sentence = (
        "Heads of the college's office, Department of Human Resources and International "
        "Office, and of its School of Management also attended."
    )
    found = find_mentions(sentence)
    # offices are no organisations; a faculty is one, but marked as a part (no party)
    assert [(m.name, m.part) for m in found] == [("School of Management", True)]
    # a named partner after "its partner" is a party
    assert names("The college signed an agreement with its partner Lumen Robotics Co., Ltd.") == [
        "Lumen Robotics Co., Ltd"
    ]


def test_a_bodys_party_organs_are_parts_of_it() -> None:
    # 党支部 / 党工委 / 党委 of a body are parts of it; the body is the organisation
    assert names("青禾会展集团董事长、会展集团党支部书记王某代表企业签约。") == ["青禾会展集团"]
    assert "党工委" not in names("远帆经开区管委会党工委书记李某出席。")
    assert names("Li Lan, Secretary of the Party Committee of Harbor Vocational College;") == [
        "Harbor Vocational College"
    ]


def test_a_school_word_jieba_tags_as_an_organisation_keeps_its_place() -> None:
    # jieba: 重庆 / 文理学院 (nt); the 国务院 rule for a bare nt word ending in 院 is not for it
    assert [(m.name, m.kind) for m in find_mentions("重庆文理学院与企业合作。")] == [
        ("重庆文理学院", "school")
    ]
    assert [(m.name, m.kind) for m in find_mentions("国务院印发通知。")] == [
        ("国务院", "government")
    ]


def test_limited_ends_a_company_name_and_an_and_after_it_starts_another() -> None:
    text = "It signed with Lumen Optics (Qinghe) Limited and Harbor Valve Corporation Limited."
    assert [m.name for m in find_mentions(text)] == [
        "Lumen Optics (Qinghe) Limited",
        "Harbor Valve Corporation Limited",
    ]


def test_a_grade_of_school_is_a_class_not_a_name() -> None:
    # 示范性 / 区级 / 骨干 grade a class of bodies; a place makes one of them a name
    assert names("努力创建国家示范性职业教育集团。") == []
    assert names("学院获批区级重点实验室。") == []
    assert names("National Model Higher Vocational College status was granted.") == []


def test_a_post_or_unit_before_of_is_no_part_of_the_name() -> None:
    found = names("Li Ming, Chief Supervisor of the Harbour Municipal Bureau of Education, spoke.")
    assert found == ["Harbour Municipal Bureau of Education"]
    assert names("He joined the Teaching Practice Base of Lumen University in May.") == [
        "Lumen University"
    ]


def test_offices_without_a_jurisdiction_are_units_a_pinyin_place_makes_one_a_body() -> None:
    assert "Student Affairs Department" not in names(
        "Heads of the Student Affairs Department and Lumen Robotics Co., Ltd. attended."
    )
    assert "Liuzhou Foreign Affairs Office" in names(
        "Wu Qi, deputy director of the Liuzhou Foreign Affairs Office, spoke."
    )


def test_centres_and_zones_are_named_bodies() -> None:
    found = names("学院与青禾经济开发区管理委员会、永川职教中心签订合作协议。")
    assert {"青禾经济开发区管理委员会", "永川职教中心"} <= set(found)


def test_a_department_of_a_company_and_a_hall_are_no_bodies() -> None:
    assert names("远帆精密机械有限公司人事行政部负责招聘。") == ["远帆精密机械有限公司"]
    assert names("仪式在勤学楼卓雅厅举行。") == []


def test_an_issuers_code_before_a_document_number_is_no_mention() -> None:
    assert names("根据教职成厅函〔2023〕12号文件要求开展工作。") == []


def test_international_bodies_by_their_head_words() -> None:
    sentence = (
        "The Harbor Labour Organization and the Bay Enterprise Confederation met the "
        "Qinghe Embassy."
    )
    assert names(sentence) == [
        "Harbor Labour Organization",
        "Bay Enterprise Confederation",
        "Qinghe Embassy",
    ]


def test_a_workshop_on_a_topic_and_a_hyphenated_class_word_are_no_names() -> None:
    assert names("They held the Harbor Training Workshop on Quality Apprenticeship.") == []
    assert names("It organized Workshops for In-company Trainers in Qinghe.") == []
    assert names("They opened the Harbor Luban Workshop.") == ["Harbor Luban Workshop"]
    assert names("It was held with the Second Working Group Conference on Bay Training.") == []


def test_a_faculty_named_after_its_school_is_the_faculty() -> None:
    found = find_mentions("青禾职业大学轻工学院与远帆精密机械有限公司签约。")
    assert [(m.name, m.alias) for m in found] == [
        ("青禾职业大学轻工学院", "轻工学院"),
        ("远帆精密机械有限公司", ""),
    ]
    assert [m.alias for m in find_mentions("青禾职业技术学院汽车学院召开大会。")] == ["汽车学院"]
    assert names("青禾职业技术学院与蓝湾学院签约。") == ["青禾职业技术学院", "蓝湾学院"]


def test_a_counted_class_is_no_name_and_an_ordinal_names_one() -> None:
    assert names("来自全国的百余家地方物流职教集团加入。") == []
    assert names("学校共建了3个产业研究院。") == []
    assert names("成立了第一个青禾远帆产业学院。") == ["青禾远帆产业学院"]


def test_nationwide_opens_a_national_group_and_two_verbs_open_a_clause() -> None:
    assert names("全国电商职业教育集团由青禾职业技术学院牵头发起。") == [
        "全国电商职业教育集团",
        "青禾职业技术学院",
    ]
    assert names("院长张建文受聘担任集团副理事长。") == []


def test_a_phrase_ending_in_a_verb_leads_a_list_and_an_ordinal_after_a_place_names() -> None:
    sentence = "院长到青禾市调研，先后实地考察青禾职业教育中心、远帆精密机械有限公司等单位。"
    assert names(sentence)[0] == "青禾职业教育中心"
    assert names("青禾县第二职业学校与远帆精密机械有限公司签约。") == [
        "青禾县第二职业学校",
        "远帆精密机械有限公司",
    ]


def test_a_word_of_vowels_without_initials_is_no_pinyin() -> None:
    assert names("Its collaboration with Ideal Robotics has brought jobs.") == ["Ideal Robotics"]
    assert names("Its collaboration with Anhui has brought jobs.") == []


def test_a_bare_brand_listed_with_a_recognised_name_is_a_name() -> None:
    sentence = "青禾职业技术学院分别与科大晨飞、远帆精密机械有限公司合作共建实训基地。"
    assert "科大晨飞" in names(sentence)
    assert names("青禾市副市长程某某、远帆精密机械有限公司出席。") == ["远帆精密机械有限公司"]


def test_another_name_given_right_after_a_name_is_its_alias() -> None:
    found = find_mentions(
        'Lumen Robotics Co., Ltd. ("Lumen Tech") and Harbor Vocational College signed it.'
    )
    assert [(m.name, m.alias) for m in found] == [
        ("Lumen Robotics Co., Ltd", "Lumen Tech"),
        ("Harbor Vocational College", ""),
    ]
    found = find_mentions(
        "Harbor Vocational College, whose website now uses the name Harbor Polytechnic "
        "University, works with Lumen Robotics Co., Ltd."
    )
    assert (found[0].name, found[0].alias) == (
        "Harbor Vocational College",
        "Harbor Polytechnic University",
    )


def test_a_brand_or_acronym_after_a_class_noun_is_a_company() -> None:
    sentence = "The school works with the e-commerce platform QX and the carmaker Lumen Auto."
    assert names(sentence) == ["QX", "Lumen Auto"]


def test_outlets_credited_in_source_lines_and_reports() -> None:
    credit = (
        "*Compiled from Harbor Daily reports (28 March 2019), Bay News Online (15 May 2023), "
        "the Coast and Sea Portal and Qxlo (23 April 2023).*"
    )
    assert bylines(credit) == [
        "Harbor Daily",
        "Bay News Online",
        "Coast and Sea Portal",
        "Qxlo",
    ]
    assert bylines('*Based on a Harbor Daily report by Li Lan and Wang Wu ("A title").*') == [
        "Harbor Daily"
    ]
    assert bylines("December 19, 2021 (after a Bay News Service video report)") == [
        "Bay News Service"
    ]
    assert bylines("联合体在校生众多（青禾经济报 2024-07-30）。") == ["青禾经济报"]
    assert bylines("青禾网记者 王某") == ["青禾网"]


def test_an_office_opened_by_an_english_word_spelt_like_pinyin_is_internal() -> None:
    assert names("He met Luo Lan, Deputy Chief of the Finance Department, in Qinghe.") == []
    assert names("Staff of the Human Resources Department attended.") == []
    assert names("Wu Qi of the Liuzhou Foreign Affairs Office attended.") == [
        "Liuzhou Foreign Affairs Office"
    ]


def test_two_bare_brands_opening_the_partners_after_yu_are_companies() -> None:
    assert names("学院与禾丰、润澜，以及其他企业签署了合作协议。") == ["禾丰", "润澜"]
    assert names("学院与禾丰签署了合作协议。") == []
    assert names("学院与王某某、李某某签署了合作协议。") == []
