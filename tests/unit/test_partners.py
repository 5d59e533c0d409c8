"""Partnership extraction by rules, the directory store and view, and directory answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.directory_answer import DirectoryAnswerer
from assistant.partners import PartnerService
from corpus.partners import extract
from corpus.types import SourceDocument
from retrieval.catalog import Catalog
from retrieval.directory import Directory
from retrieval.directory_view import Filters

ZH = (
    "9月3日，青禾职业技术学院与远帆精密机械有限公司、蓝湾物流集团签订校企合作协议。"
    "双方将在学院共建实训基地。"
    "青禾产教融合共同体由青禾职业技术学院、远帆精密机械有限公司和青禾市教育局共同牵头组建。"
    "各类职业学校应当与企业合作。"
)
EN = (
    "On March 5, 2024, Harbor Vocational College and Lumen Robotics Co., Ltd. signed an "
    "agreement. The college has run an order class with Lumen Robotics Co., Ltd. since 2022. "
    "It will open a training base with Lumen Robotics Co., Ltd. next year."
)


def doc(doc_id: str, text: str, **meta: str) -> SourceDocument:
    base = {"title": doc_id, "date": "2024-09-03", "region": "Zhejiang; Qinghe"}
    return SourceDocument(doc_id, text, {**base, **meta})


def test_chinese_organisations_and_cooperations_with_exact_evidence() -> None:
    found = extract(doc("zh-doc", ZH))
    kinds = {o.name: o.kind for o in found.organizations}
    assert kinds == {
        "青禾职业技术学院": "school",
        "远帆精密机械有限公司": "enterprise",
        "蓝湾物流集团": "enterprise",
        "青禾产教融合共同体": "alliance",
        "青禾市教育局": "government",
    }
    pairs = {(frozenset((c.a, c.b)), c.kind) for c in found.cooperations}
    assert (frozenset(("青禾职业技术学院", "远帆精密机械有限公司")), "agreement") in pairs
    assert (frozenset(("青禾职业技术学院", "蓝湾物流集团")), "agreement") in pairs
    assert (frozenset(("青禾市教育局", "青禾产教融合共同体")), "membership") in pairs
    for c in found.cooperations:
        assert ZH[c.start : c.end] == c.evidence
        assert "应当" not in c.evidence  # policy duties are not cooperations
    signing = next(c for c in found.cooperations if c.kind == "agreement")
    assert signing.date == "2024-09-03"


def test_english_names_dates_and_self_reference() -> None:
    found = extract(doc("en-doc", EN, date="2024-03-05"))
    names = {o.name for o in found.organizations}
    assert {"Harbor Vocational College", "Lumen Robotics Co., Ltd"} <= names
    agreement = next(c for c in found.cooperations if c.kind == "agreement")
    assert {agreement.a, agreement.b} == {"Harbor Vocational College", "Lumen Robotics Co., Ltd"}
    assert agreement.date == "2024-03-05"
    order = [c for c in found.cooperations if c.kind == "order_class"]
    assert [{c.a, c.b} for c in order] == [{"Harbor Vocational College", "Lumen Robotics Co., Ltd"}]
    assert not [c for c in found.cooperations if c.kind == "training_base"]  # only planned


@pytest.fixture
def directory(tmp_path: Path) -> tuple[Catalog, Directory]:
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    return catalog, Directory(catalog.path, lambda: catalog.generation)


def _put(catalog: Catalog, d: SourceDocument) -> None:
    with catalog.transaction() as conn:
        Directory.put(conn, extract(d), str(d.metadata["title"]), str(d.metadata["region"]))
        catalog.set_meta("generation", str(catalog.generation + 1), conn)


def test_directory_merges_documents_and_forgets_a_deleted_one(
    directory: tuple[Catalog, Directory],
) -> None:
    catalog, store = directory
    _put(catalog, doc("a", ZH))
    again = "2025年1月8日，青禾职业技术学院与海川电子有限公司签订合作协议。"
    _put(catalog, doc("b", again))
    view = store.view()
    college = view.find("青禾职业技术学院")
    assert college is not None
    partners = {
        (c.b if c.a is college else c.a).name for c in view.of(college.id) if c.kind == "agreement"
    }
    assert partners == {"远帆精密机械有限公司", "蓝湾物流集团", "海川电子有限公司"}
    before = store.dump()
    _put(catalog, doc("b", again))
    assert store.dump() == before  # re-ingest changes nothing
    with catalog.transaction() as conn:
        Directory.delete(conn, "b")
        catalog.set_meta("generation", str(catalog.generation + 1), conn)
    assert store.view().find("海川电子有限公司") is None
    assert store.view().find("青禾职业技术学院") is not None


def test_filters_and_bad_values(directory: tuple[Catalog, Directory]) -> None:
    catalog, store = directory
    _put(catalog, doc("a", ZH))
    service = PartnerService(store)
    schools = service.organizations(Filters(kind="school"))
    assert [i["name"] for i in schools["items"]] == ["青禾职业技术学院"]
    assert service.organizations(Filters(q="远帆"))["total"] == 1
    assert service.organizations(Filters(cooperation="membership"))["total"] == 4  # 3 + alliance
    assert service.cooperations(Filters(since="2024-09", until="2024-09-30"))["total"] >= 2
    assert service.cooperations(Filters(since="2025"))["total"] == 0
    assert service.organizations_csv(Filters(kind="school")).splitlines()[0].startswith("id,")
    for bad in ({"kind": "factory"}, {"cooperation": "x"}, {"since": "May"}, {"until": "2024-13"}):
        with pytest.raises(ValueError):
            Filters(**bad)
    with pytest.raises(ValueError):
        service.organizations(Filters(), limit=0)


def test_set_questions_are_answered_from_the_directory(
    directory: tuple[Catalog, Directory],
) -> None:
    catalog, store = directory
    _put(catalog, doc("a", ZH))
    answerer = DirectoryAnswerer(PartnerService(store))
    outcome = answerer.answer("哪些企业与青禾职业技术学院签约？", "zh")
    assert outcome is not None and outcome.draft is not None
    text = outcome.draft.text
    assert "2" in text and "远帆精密机械有限公司" in text and "蓝湾物流集团" in text
    assert "[1]" in text and outcome.draft.sources[0].id == "a"
    count = answerer.answer("How many enterprises signed agreements with 青禾职业技术学院?", "en")
    assert count is not None and count.draft is not None
    assert "lists 2 enterprises" in count.draft.text
    nothing = answerer.answer("Which enterprises signed with 青禾市教育局?", "en")
    assert nothing is not None and nothing.draft is None and "directory" in nothing.note
    assert answerer.answer("How long is a placement internship in Ningbo?", "en") is None
    dated = answerer.answer("2024年哪些企业与青禾职业技术学院签约？", "zh")
    assert dated is not None and dated.draft is not None  # signed 2024-09-03
    later = answerer.answer("2026年哪些企业与青禾职业技术学院签约？", "zh")
    assert later is not None and later.draft is None and later.note  # nothing of that year


def test_vca_partners_prints_the_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from service.cli import main

    catalog = Catalog(tmp_path / "catalog.sqlite3")
    Directory(catalog.path, lambda: catalog.generation)
    _put(catalog, doc("a", ZH))
    monkeypatch.setenv("VCA_DATA_DIR", str(tmp_path))
    assert main(["partners", "青禾", "--kind", "school", "--json"]) == 0
    page = json.loads(capsys.readouterr().out)
    assert page["total"] == 1 and page["items"][0]["name"] == "青禾职业技术学院"
    assert main(["partners", "--csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].startswith("id,name") and len(rows) == 6
    assert main(["partners"]) == 0
    assert "5 organisations" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("question", "kind", "cooperation", "count"),
    [
        ("哪些企业与青禾职业技术学院签约？", "enterprise", "agreement", False),
        ("Which colleges are members of 青禾产教融合共同体?", "school", "membership", False),
        ("有多少家单位是青禾产教融合共同体的成员？", "", "membership", True),
        ("How many enterprises built training bases with 青禾职业技术学院?", "enterprise",
         "training_base", True),
    ],
)  # fmt: skip
def test_set_questions_are_read(
    directory: tuple[Catalog, Directory], question: str, kind: str, cooperation: str, count: bool
) -> None:
    from assistant.set_questions import parse

    catalog, store = directory
    _put(catalog, doc("a", ZH))
    asked = parse(question, store.view())
    assert asked is not None and asked.anchor is not None
    assert (asked.kind, asked.cooperation, asked.count) == (kind, cooperation, count)


@pytest.mark.parametrize(
    "question",
    [
        "What kind of training rooms has 青禾职业技术学院 set up?",
        "Who from 青禾职业技术学院 visited the company?",
        "青禾职业技术学院的学费是多少？",
        "Which enterprises signed agreements at the forum?",  # names no organisation or place
    ],
)
def test_other_questions_go_to_retrieval(
    directory: tuple[Catalog, Directory], question: str
) -> None:
    from assistant.set_questions import parse

    catalog, store = directory
    _put(catalog, doc("a", ZH))
    assert parse(question, store.view()) is None


def test_guests_named_by_their_posts_are_the_hosts_partners_not_each_others() -> None:
    text = (
        "青禾职业技术学院举行校企合作签约仪式。"
        "青禾市物流协会会长李兰，青禾市教育局局长王海，远帆精密机械有限公司总经理赵林"
        "参加签约仪式。"
    )
    assert extract(doc("guests", text)).cooperations == []
    found = extract(doc("guests", text.replace("参加", "与我校师生参加")))
    pairs = {frozenset((c.a, c.b)) for c in found.cooperations}
    school = "青禾职业技术学院"
    assert frozenset((school, "远帆精密机械有限公司")) in pairs
    assert all(school in p for p in pairs)


def test_a_bilingual_title_gives_an_organisations_two_names() -> None:
    title = "青禾职业技术学院举办开放日 / Qinghe Vocational and Technical College holds an open day"
    found = extract(doc("title", "青禾职业技术学院与远帆精密机械有限公司签订协议。", title=title))
    school = next(o for o in found.organizations if o.name == "青禾职业技术学院")
    assert "Qinghe Vocational and Technical College" in school.names
    assert len([o for o in found.organizations if o.kind == "school"]) == 1


def test_its_partners_are_the_schools() -> None:
    text = (
        "Harbor Vocational College runs a dual programme. Its partners are Lumen Robotics "
        "Co., Ltd. and the Qinghe Logistics Association, which signed the agreement in May."
    )
    found = extract(doc("its", text, title="Harbor Vocational College"))
    pairs = {frozenset((c.a, c.b)) for c in found.cooperations}
    assert frozenset(("Harbor Vocational College", "Qinghe Logistics Association")) in pairs


def test_a_long_list_of_an_alliances_members_is_kept() -> None:
    brands = "远帆 蓝湾 金桥 银河 海川 山岚 云杉 松涛 星野".split()
    brands += "晨曦 雪峰 霞光 明湖 翠谷 枫林 竹溪 梅岭".split()
    members = [f"{b}科技有限公司" for b in brands]
    text = f"青禾智能制造产教联盟成立，首批成员包括{'、'.join(members)}。"
    found = extract(doc("long", text))
    joined = {c.a for c in found.cooperations if c.b == "青禾智能制造产教联盟"} | {
        c.b for c in found.cooperations if c.a == "青禾智能制造产教联盟"
    }
    assert set(members) <= joined
    assert all(c.kind == "membership" for c in found.cooperations)


def test_the_documents_school_is_the_one_named_in_most_sentences() -> None:
    text = (
        "Harbor Vocational College opened a new campus. "
        "Harbor Vocational College welcomed guests from abroad. "
        "Li Lan, Dean of Qinghe Design School, Wang Hai, Secretary of Qinghe Design School, "
        "and Zhao Lin, President of Qinghe Design School, visited Lumen Robotics Co., Ltd. "
        "The college signed an agreement with Lumen Robotics Co., Ltd. in June."
    )
    found = extract(doc("main", text))
    agreement = next(c for c in found.cooperations if c.kind == "agreement")
    assert {agreement.a, agreement.b} == {"Harbor Vocational College", "Lumen Robotics Co., Ltd"}


def test_an_alliances_post_after_its_name_gathers_no_members() -> None:
    # 理事长 right after the alliance's name is a person's title, not its members joining
    text = "松涛职业技术学院院长李明、全国智慧物流产教联盟理事长王华、青禾市局长赵敏出席会议。"
    found = extract(doc("post-doc", text))
    assert found.cooperations
    assert all(c.kind == "event" for c in found.cooperations)


def test_english_partners_named_bare_and_by_gathering_or_working_with() -> None:
    text = (
        "Orbit Fluid, a maker of industrial pumps, has partnered with Ridgeway Polytechnic. "
        "The Ridgeway Skills Alliance brings together Orbit Fluid, Kestrel and Tamsin. "
        "Ridgeway Polytechnic works with Lumen Robotics Co., Ltd. on welding."
    )
    pairs = {frozenset((c.a, c.b)): c.kind for c in extract(doc("en-bare", text)).cooperations}
    assert pairs[frozenset(("Orbit Fluid", "Ridgeway Polytechnic"))] == "other"
    assert pairs[frozenset(("Kestrel", "Ridgeway Skills Alliance"))] == "membership"
    assert frozenset(("Ridgeway Polytechnic", "Lumen Robotics Co., Ltd")) in pairs


def test_two_guests_named_by_their_posts_are_not_partners_of_each_other() -> None:
    text = "晨光市教育局副局长张华、远帆物流集团副总裁刘伟出席签约仪式。"
    assert extract(doc("guests", text)).cooperations == []
    # joined by 与 they act together: the two sign on behalf of their organisations
    text = "晨光市教育局副局长张华与蓝鲸物流集团副总裁刘伟代表双方签约。"
    assert len(extract(doc("signers", text)).cooperations) == 1


def test_xueyuan_as_subject_or_object_is_the_documents_school() -> None:
    text = (
        "松涛职业技术学院举行开学典礼。学院与蓝鲸物流集团签订校企合作协议。"
        "蓝鲸物流集团总经理王强一行到学院座谈交流。"
    )
    found = extract(doc("xueyuan", text))
    pairs = [(frozenset((c.a, c.b)), c.kind) for c in found.cooperations]
    pair = frozenset(("松涛职业技术学院", "蓝鲸物流集团"))
    assert (pair, "agreement") in pairs
    assert (pair, "other") in pairs  # 座谈交流 is a meeting of the two


def test_english_internships_and_named_classes_are_cues() -> None:
    text = (
        "Students of Ridgeway College did internships at Tamsin Marine Group last summer. "
        "Kestrel Aviation Co., Ltd. has sponsored the Kestrel Class at Ridgeway College."
    )
    kinds = {frozenset((c.a, c.b)): c.kind for c in extract(doc("en-cues", text)).cooperations}
    assert kinds[frozenset(("Ridgeway College", "Tamsin Marine Group"))] == "training_base"
    assert kinds[frozenset(("Ridgeway College", "Kestrel Aviation Co., Ltd"))] == "order_class"


def test_listed_partners_of_a_school_never_named_are_not_partners_of_each_other() -> None:
    text = "Our school signed agreements with Lumen Robotics Co., Ltd and Tamsin Marine Co., Ltd."
    assert extract(doc("unnamed", text)).cooperations == []
    # a school word inside a name is no reference to the document's school
    text = "青禾职业学校和蓝鲸物流集团签订合作协议。"
    assert len(extract(doc("named", text)).cooperations) == 1


def test_a_company_referred_to_is_the_one_named_last() -> None:
    text = (
        "蓝鲸物流集团是一家大型物流企业。松涛职业技术学院与该集团共建物流实训基地。"
        "Tamsin Marine Co., Ltd. builds ferries. "
        "Ridgeway College signed an agreement with the company."
    )
    pairs = {frozenset((c.a, c.b)) for c in extract(doc("anaphora", text)).cooperations}
    assert frozenset(("松涛职业技术学院", "蓝鲸物流集团")) in pairs
    assert frozenset(("Ridgeway College", "Tamsin Marine Co., Ltd")) in pairs


def test_a_sample_of_a_larger_set_acts_as_no_party() -> None:
    text = "活动吸引了鸿翔数控科技有限公司、蓝鲸物流集团等50余家企业参加。"
    assert extract(doc("sample", text)).cooperations == []
    text = "鸿翔数控科技有限公司、蓝鲸物流集团等12家企业与松涛职业技术学院签订合作协议。"
    pairs = {frozenset((c.a, c.b)) for c in extract(doc("sample2", text)).cooperations}
    assert frozenset(("鸿翔数控科技有限公司", "蓝鲸物流集团")) not in pairs
    assert len(pairs) == 2


def test_couples_listed_in_one_sentence() -> None:
    text = "会上，松涛职业技术学院与鸿翔数控科技有限公司、青禾大学与蓝鲸物流集团分别签约。"
    pairs = {frozenset((c.a, c.b)) for c in extract(doc("couples", text)).cooperations}
    assert pairs == {
        frozenset(("松涛职业技术学院", "鸿翔数控科技有限公司")),
        frozenset(("青禾大学", "蓝鲸物流集团")),
    }


def test_scholarships_lead_units_and_unveilings_are_cues() -> None:
    from corpus.cues import cue

    assert cue("鸿翔公司在学院设立奖学金。") == "donation"
    assert cue("Tamsin Marine set up a scholarship at the college.") == "donation"
    assert cue("学院是该联盟的牵头单位。") == "membership"
    assert cue("双方共同为产业学院揭牌。") == "other"


def test_a_unit_the_parties_built_or_unveiled_is_no_party() -> None:
    text = "松涛职业技术学院与蓝鲸物流集团共建的“蓝鲸物流产业学院”揭牌成立。"
    pairs = {frozenset((c.a, c.b)) for c in extract(doc("built", text)).cooperations}
    assert pairs == {frozenset(("松涛职业技术学院", "蓝鲸物流集团"))}
    # a committee the school led the founding of has the school as a member
    text = "松涛职业技术学院牵头成立了青禾市产教融合专家委员会。"
    assert extract(doc("founded", text)).cooperations


def test_bases_of_any_training_and_joint_labs_are_cues() -> None:
    from corpus.cues import cue

    assert cue("学院被授予该公司人才培养基地。") == "training_base"
    assert cue("They set up a joint laboratory for battery research.") == "other"


def test_speeches_and_the_topic_of_a_document_state_no_cooperation() -> None:
    from corpus.cues import cue

    assert cue("学院院长林华作交流发言，大学教授陈明作主旨报告。") is None
    assert cue("The ministries issued a notice on school-enterprise cooperation.") is None
    assert cue("The two sides agreed to deepen cooperation.") == "other"


def test_support_received_deals_inked_and_alliances_jointly_founded() -> None:
    from corpus.cues import cue, hypothetical

    assert not hypothetical("在青禾市教育局的支持下，学院引进蓝鲸物流集团共建实训基地。")
    assert hypothetical("学校支持教师到企业实践。")
    assert cue("Ridgeway College inked a deal with Tamsin Marine Group.") == "agreement"
    assert cue("With support from Tamsin Marine Group, the college opened a workshop.") == "other"
    text = (
        "Ridgeway College, Eastvale Polytechnic and Tamsin Marine Group jointly founded "
        "the Eastvale Marine Education Alliance."
    )
    kinds = {c.kind for c in extract(doc("founded-en", text)).cooperations}
    assert kinds == {"membership"}


def test_both_sides_are_the_two_parties_named_just_before() -> None:
    text = "松涛职业技术学院院长李明陪同蓝鲸物流集团总经理王强。双方就共建实训基地达成共识。"
    found = extract(doc("both", text))
    assert [(frozenset((c.a, c.b)), c.kind) for c in found.cooperations] == [
        (frozenset(("松涛职业技术学院", "蓝鲸物流集团")), "training_base")
    ]
    assert found.cooperations[0].evidence == "双方就共建实训基地达成共识。"
    from corpus.cues import cue

    assert cue("学院院长会见了公司总经理一行。") == "visit"


def test_samples_of_two_sets_act_with_no_one() -> None:
    text = (
        "The forum invited companies represented by Lumen Robotics Co., Ltd, Tamsin Marine "
        "Group, etc., and colleges represented by Ridgeway College, Eastvale Polytechnic, etc."
    )
    assert extract(doc("samples", text)).cooperations == []


def test_a_name_may_open_with_a_bound_morpheme_but_not_with_a_person_doing_something() -> None:
    # jieba cuts 石拐区 into 石 (a bound noun morpheme) and 拐区; the district is whole.
    founded = extract(
        doc(
            "bodies",
            "联合体由包头钢铁职业技术学院、石拐区人民政府、中科星图智慧科技有限公司三方联合发起。",
        )
    )
    names = {o.name for o in founded.organizations}
    assert "石拐区人民政府" in names and "拐区人民政府" not in names
    # A person who chairs a meeting of the group is no part of the group's name.
    chaired = extract(doc("chair", "河南职业技术学院副院长王皓主持集团成立大会。"))
    assert not any("王皓" in o.name for o in chaired.organizations)


def test_a_zones_management_committee_leads_an_alliance_as_a_member() -> None:
    # a development zone's 管理委员会 governs it: no body with members of its own
    text = (
        "青禾开发区产教联合体成立。该联合体由青禾开发区管理委员会、青禾保税区管理委员会、"
        "青禾职业技术学院和青禾汽车研究院四家单位联合牵头组建。"
    )
    found = extract(doc("zone", text))
    kinds = {o.name: o.kind for o in found.organizations}
    assert kinds["青禾开发区管理委员会"] == "government"
    pairs = {frozenset((c.a, c.b)) for c in found.cooperations if c.kind == "membership"}
    members = ["青禾开发区管理委员会", "青禾保税区管理委员会", "青禾职业技术学院", "青禾汽车研究院"]
    assert pairs == {frozenset((m, "青禾开发区产教联合体")) for m in members}


def test_a_bare_jituan_is_the_documents_vocational_group() -> None:
    group = "青禾装备制造职业教育集团"
    members = "青禾职业技术学院担任集团的理事长单位，远帆精密机械有限公司为集团成员单位。"
    found = extract(doc("group", f"{group}成立大会召开。{members}"))
    assert {frozenset((c.a, c.b)) for c in found.cooperations} == {
        frozenset(("青禾职业技术学院", group)),
        frozenset(("远帆精密机械有限公司", group)),
    }


def test_the_issuer_of_a_cited_document_is_no_party() -> None:
    text = (
        "青禾市教育局依据《远帆省人民政府办公厅关于深化产教融合的实施意见》，"
        "与蓝湾物流集团开展合作。"
    )
    found = extract(doc("cited", text))
    pairs = {frozenset((c.a, c.b)) for c in found.cooperations}
    assert pairs == {frozenset(("青禾市教育局", "蓝湾物流集团"))}


def test_posts_of_guests_are_no_membership_and_no_partnership() -> None:
    # 党组成员 is a post (a member of a body's leading group), not an alliance's membership;
    # a post may be held in an office of the body (某某厅职成教处副处长)
    text = (
        "出席大会的有：青禾省教育厅党组成员王某，青禾省教育厅职成教处副处长李某，"
        "远帆市人民政府党组成员赵某。"
    )
    found = extract(doc("guests", text))
    assert found.cooperations == []


def test_a_faculty_after_a_possessive_is_no_party() -> None:
    text = (
        "Harbor Vocational College and Lumen Robotics Co., Ltd. signed an agreement. "
        "Heads of the college's Student Affairs Department and of its School of Management "
        "attended the signing."
    )
    found = extract(doc("parts", text))
    assert "School of Management" in {o.name for o in found.organizations}
    assert all("School of Management" not in (c.a, c.b) for c in found.cooperations)


def test_the_chair_unit_of_an_alliance_is_a_member() -> None:
    text = (
        "青禾装备职业教育集团成立大会在青禾举行。"
        "青禾职业技术学院担任集团的理事长单位，远帆职业学院担任副理事长单位。"
    )
    found = extract(doc("chair", text))
    pairs = {(frozenset((c.a, c.b)), c.kind) for c in found.cooperations}
    assert (frozenset(("青禾职业技术学院", "青禾装备职业教育集团")), "membership") in pairs
    assert (frozenset(("远帆职业学院", "青禾装备职业教育集团")), "membership") in pairs


def test_the_founders_who_jointly_initiate_an_alliance_are_members() -> None:
    text = "青禾市域产教联合体由青禾职业技术学院、远帆精密机械有限公司两方联合发起。"
    found = extract(doc("initiated", text))
    pairs = {(frozenset((c.a, c.b)), c.kind) for c in found.cooperations}
    assert (frozenset(("青禾职业技术学院", "青禾市域产教联合体")), "membership") in pairs
    assert (frozenset(("远帆精密机械有限公司", "青禾市域产教联合体")), "membership") in pairs


def test_an_enumeration_after_with_is_the_partners_of_the_documents_school() -> None:
    text = (
        "Harbor Vocational College held a ceremony. Harbor Vocational College is in Qinghe. "
        "On June 13, principal Li Lan signed agreements with three enterprises: Lumen "
        "Robotics Co., Ltd., Qinghe Valve Co., Ltd. and Bay Chemicals Co., Ltd."
    )
    pairs = {frozenset((c.a, c.b)) for c in extract(doc("with", text)).cooperations}
    school = "Harbor Vocational College"
    companies = ["Lumen Robotics Co., Ltd", "Qinghe Valve Co., Ltd", "Bay Chemicals Co., Ltd"]
    assert pairs == {frozenset((school, c)) for c in companies}


def test_units_listed_after_a_built_one_and_venues_are_no_parties() -> None:
    text = "青禾职业技术学院与远帆精密机械有限公司共建青禾市智造实训中心、蓝湾赛事中心。"
    pairs = {frozenset((c.a, c.b)) for c in extract(doc("built", text)).cooperations}
    assert pairs == {frozenset(("青禾职业技术学院", "远帆精密机械有限公司"))}
    en = (
        "Harbor Vocational College signed an agreement with Lumen Robotics Co., Ltd. "
        "at the Bay Education Park."
    )
    pairs = {frozenset((c.a, c.b)) for c in extract(doc("venue", en)).cooperations}
    assert pairs == {frozenset(("Harbor Vocational College", "Lumen Robotics Co., Ltd"))}


def test_two_schools_named_as_often_leave_no_main_school() -> None:
    text = (
        "青禾职业技术学院举办展览。蓝湾职业技术学院举办论坛。"
        "青禾职业技术学院、蓝湾职业技术学院等30所院校参加了活动。"
    )
    assert extract(doc("tie", text)).cooperations == []


def test_an_event_the_parties_hold_is_no_party() -> None:
    text = (
        "Harbor Vocational College and Lumen Robotics Co., Ltd. hosted the Bay Skills "
        "Center Forum in cooperation."
    )
    pairs = {frozenset((c.a, c.b)) for c in extract(doc("held", text)).cooperations}
    assert pairs == {frozenset(("Harbor Vocational College", "Lumen Robotics Co., Ltd"))}


def test_the_items_of_a_list_a_sentence_introduces_are_its_subjects_partners() -> None:
    text = (
        "青禾职业技术学院举行揭牌仪式。青禾职业技术学院成立于1990年。"
        "仪式上，学校同时共建了两个产业学院，分别是：\n一、远帆智能制造产业学院；\n"
        "二、蓝湾物流产业学院。\n学校将继续努力。"
    )
    pairs = {frozenset((c.a, c.b)) for c in extract(doc("items", text)).cooperations}
    assert pairs == {
        frozenset(("青禾职业技术学院", "远帆智能制造产业学院")),
        frozenset(("青禾职业技术学院", "蓝湾物流产业学院")),
    }


def test_a_faculty_named_more_often_than_its_school_acts_for_it() -> None:
    text = (
        "青禾职业技术学院汽车学院召开校企合作大会。"
        "出席大会的有：青禾市汽车产业协会秘书长张三，青禾职业技术学院副校长李四。"
        "青禾职业技术学院汽车学院与远帆精密机械有限公司签订合作协议。"
        "李四代表学校与蓝湾物流有限公司签订合作协议。"
    )
    pairs = {frozenset((c.a, c.b)) for c in extract(doc("faculty", text)).cooperations}
    faculty, school = "青禾职业技术学院汽车学院", "青禾职业技术学院"
    assert pairs == {
        frozenset((faculty, "青禾市汽车产业协会")),
        frozenset((faculty, "远帆精密机械有限公司")),
        frozenset((school, "蓝湾物流有限公司")),
    }


def test_a_cue_word_inside_a_name_states_no_cooperation() -> None:
    text = "青禾市教育厅公示了青禾市智能制造产教融合共同体名单。"
    assert extract(doc("inside", text)).cooperations == []
    en = "Harbor Vocational College received the Bay Economic Cooperation Organization."
    assert extract(doc("inside-en", en)).cooperations == []


def test_a_body_whose_approval_is_mentioned_is_no_party() -> None:
    text = "青禾物流职业教育集团成立于2012年，经青禾省商务厅批准，由青禾职业技术学院牵头组建。"
    pairs = {frozenset((c.a, c.b)) for c in extract(doc("approved", text)).cooperations}
    assert pairs == {frozenset(("青禾物流职业教育集团", "青禾职业技术学院"))}


def test_joint_creations_programmes_with_guests_and_invitations_are_cues() -> None:
    from corpus.cues import cue

    assert cue("The academy is a joint creation of A, B and C.") == "other"
    assert cue("Since 2014 the college has run a programme with Harbor University.") == "other"
    assert cue("The school keeps close contact with companies such as A.") == "other"
    assert cue("Guests included X, deputy director of the Y.") == "event"
    assert cue("They were received by X, General Manager of Y.") == "visit"
    assert cue("某某中专特邀某某局副局长某某就建设产业园进行会商。") == "visit"
    assert cue("某某学院与某某公司共同注资成立实验区。") == "other"


def test_bare_brands_listed_after_a_known_name_are_companies() -> None:
    text = (
        "Harbor Vocational College (HVC) opened a new academy. "
        "The academy is a joint creation of HVC, Lumen Auto and Inwix."
    )
    pairs = {frozenset((c.a, c.b)) for c in extract(doc("listed", text)).cooperations}
    school = "Harbor Vocational College"
    assert pairs == {
        frozenset((school, "Lumen Auto")),
        frozenset((school, "Inwix")),
        frozenset(("Lumen Auto", "Inwix")),
    }


def test_countries_and_described_people_listed_after_a_name_are_no_companies() -> None:
    text = (
        "The forum was attended by representatives of the Harbor Development Bank, "
        "Bangladesh, Indonesia and other countries. "
        "Guests included Li Lan, director of the Bay Education Commission, and Tom Reed, "
        "a specialist of the Harbor Embassy."
    )
    names = {o.name for o in extract(doc("countries", text)).organizations}
    assert not names & {"Bangladesh", "Indonesia", "Tom Reed"}


def test_a_bare_brand_listed_before_a_known_name_is_a_company() -> None:
    text = (
        "Harbor Vocational College (HVC) opened a new academy. "
        "The academy is a joint creation of Lumen Auto, HVC and the Bay Robotics Co., Ltd."
    )
    names = {o.name for o in extract(doc("before", text)).organizations}
    assert "Lumen Auto" in names


def test_a_unit_named_after_a_school_is_no_partner_of_it() -> None:
    text = (
        "On November 9th, Harbor Vocational College (HAVC) announced the founding of the "
        "HAVC-Lumen Industry Academy."
    )
    assert extract(doc("unit", text)).cooperations == []


def test_a_body_a_person_once_served_is_no_party() -> None:
    text = (
        "青禾职业技术学院举办论坛。青禾职业技术学院党委书记张某，青禾省政协原副主席王某，"
        "远帆精密机械有限公司董事长李某出席会议。"
    )
    pairs = {frozenset((c.a, c.b)) for c in extract(doc("former", text)).cooperations}
    assert pairs == {frozenset(("青禾职业技术学院", "远帆精密机械有限公司"))}


def test_the_objects_of_with_are_no_partners_of_each_other_and_descriptions_join_a_list() -> None:
    zh = "日前，与远帆精密机械有限公司、蓝湾物流集团签订校企合作协议。"
    assert extract(doc("objects", zh)).cooperations == []
    en = (
        "Harbor Vocational College opened. The school works with companies such as Lumen "
        "Robotics Co., Ltd., the carmaker Bay Motors Co., Ltd. (BMC) and the online shop "
        "Tide Trade Co., Ltd."
    )
    pairs = {frozenset((c.a, c.b)) for c in extract(doc("described", en)).cooperations}
    assert not any("Harbor Vocational College" not in p for p in pairs)


def test_a_list_of_people_by_their_posts_names_no_organisations() -> None:
    text = (
        "青禾职业技术学院与远帆精密机械有限公司签订合作协议。"
        "学校党委副书记张明华、学院院长王立新等校方代表出席。"
    )
    names = {o.name for o in extract(doc("people", text)).organizations}
    assert names == {"青禾职业技术学院", "远帆精密机械有限公司"}


def test_a_listed_name_starts_after_its_mark_and_untaken_items_keep_the_list_whole() -> None:
    text = (
        "青禾职业技术学院举行校企合作签约仪式。签约企业有远帆精密机械有限公司、新道科技股份有限公司、"
        "北京蓝湾联盟教育投资有限公司、白石物流集团。"
    )
    found = extract(doc("items", text))
    names = {o.name for o in found.organizations}
    assert "新道科技股份有限公司" in names
    pairs = {frozenset((c.a, c.b)) for c in found.cooperations}
    assert all("青禾职业技术学院" in p for p in pairs)
    assert frozenset(("青禾职业技术学院", "白石物流集团")) in pairs
