"""Boilerplate removal on the shipped documents: page furniture goes, the article stays."""

from __future__ import annotations

import re

import pytest

from corpus.cleaning import clean_text, normalize_text
from corpus.loaders import load_file
from corpus.types import SourceDocument
from tests.support import CORPUS_DIR


@pytest.fixture(scope="module")
def docs() -> dict[str, SourceDocument]:
    return {p.stem: load_file(p, CORPUS_DIR) for p in sorted(CORPUS_DIR.glob("*.md"))}


def raw(doc_id: str) -> str:
    return (CORPUS_DIR / f"{doc_id}.md").read_text(encoding="utf-8")


def lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines()]


JIMEI = "news-2024-05-xiamen-jimei-forum"
HANGZHOU = "news-2020-11-hangzhou-electromechanical-forum"
HUAYUN = "news-2022-07-huayun-data-anhui-polytechnic"
ZHONGQIAO = "news-2024-03-zhongqiao-zhejiang-chamber-visit"
WUST = "news-2014-wust-applied-talent-zh"
XIAMEN_ZH = "news-2018-xiamen-software-college-ecommerce-base-zh"
LAWS = [
    "policy-2022-vocational-education-law-zh",
    "regulation-2015-qingdao-vocational-education-zh",
    "regulation-2018-shanghai-vocational-education-zh",
    "regulation-2020-ningbo-school-enterprise-cooperation-zh",
]

# (document, boilerplate present in the raw file, gone after loading)
BOILERPLATE = [
    (JIMEI, "Share to:"),
    (JIMEI, "Your location"),
    (JIMEI, "Related pictures"),
    (JIMEI, "Editor in Charge: Liu Xuejia Let me say something"),
    (HANGZHOU, "Copyright © 2011 JIN SHI"),
    (HANGZHOU, "• Detail"),
    (HUAYUN, "< /p>"),
    (HUAYUN, "Press release Overseas media release advertorials"),
    (ZHONGQIAO, "Release Time:2024-03-21Views:17"),
    (WUST, "发布时间"),
    (XIAMEN_ZH, "浏览：189"),
    *[(law, "<!-- INFO END -->") for law in LAWS],
]


@pytest.mark.parametrize(("doc_id", "junk"), BOILERPLATE, ids=lambda v: str(v)[:32])
def test_boilerplate_is_removed(docs: dict[str, SourceDocument], doc_id: str, junk: str) -> None:
    assert junk in raw(doc_id), "the fixture text should be in the shipped file"
    assert junk not in docs[doc_id].text


def test_jimei_pager_line_is_removed(docs: dict[str, SourceDocument]) -> None:
    # The shipped file pads the pager with spaces and no-break spaces.
    assert re.search(r"^one\s+two\s+three\s+four\s*$", raw(JIMEI), re.MULTILINE)
    text = docs[JIMEI].text
    assert "one two three four" not in text
    assert "one    two    three    four" not in text


def test_hangzhou_truncated_title_echo_is_removed(docs: dict[str, SourceDocument]) -> None:
    echo = "The third industry education integration collabora"
    assert echo in lines(raw(HANGZHOU))
    cleaned = lines(docs[HANGZHOU].text)
    assert echo not in cleaned
    # ... while the article's own first sentence, which starts the same way, stays.
    assert docs[HANGZHOU].text.startswith("The third industry education integration collaborative")


def test_huayun_press_keyword_line_is_removed(docs: dict[str, SourceDocument]) -> None:
    text = docs[HUAYUN].text
    assert "advertorials" not in text
    assert "/p>" not in text
    assert "Huayun Data" in text


def test_date_and_view_counter_lines_are_removed(docs: dict[str, SourceDocument]) -> None:
    assert "作者：杨宁" not in docs[WUST].text
    assert "2018-12-25 16:21:43" not in docs[XIAMEN_ZH].text


@pytest.mark.parametrize(
    ("doc_id", "sentence"),
    [
        ("news-nanhai-industry-education-alliance", "76 companies"),
        ("news-nanhai-industry-education-alliance", "22 colleges"),
        (HANGZHOU, "28653"),
        (HANGZHOU, "jointly sponsored by Zhejiang Electromechanical industry association"),
        ("regulation-2020-ningbo-school-enterprise-cooperation-zh", "顶岗实习一般为六个月"),
        (WUST, "企业每年向该校本科毕业生提供的岗位数和毕业生数的比例达到6∶1"),
        (XIAMEN_ZH, "福建省最大的软件实训基地——厦门软件职业技术学院"),
        (JIMEI, "On the morning of May 14"),
        (ZHONGQIAO, "representatives from 28 enterprises"),
        ("policy-2022-vocational-education-law-zh", "第一条 为了推动职业教育高质量发展"),
    ],
)
def test_real_sentences_survive(
    docs: dict[str, SourceDocument], doc_id: str, sentence: str
) -> None:
    assert sentence in docs[doc_id].text


def test_markdown_heading_marks_are_dropped_but_headings_kept(
    docs: dict[str, SourceDocument],
) -> None:
    law = docs["policy-2022-vocational-education-law-zh"].text
    assert "## " not in law and "\n# " not in law
    assert "第一章 总 则" in law


@pytest.mark.parametrize("doc_id", sorted(p.stem for p in CORPUS_DIR.glob("*.md")))
def test_cleaned_text_is_tidy(docs: dict[str, SourceDocument], doc_id: str) -> None:
    text = docs[doc_id].text
    assert text == text.strip()
    assert "\n\n\n" not in text
    assert "\r" not in text
    assert "  " not in text  # runs of spaces collapsed
    assert "<!--" not in text


def test_clean_text_keeps_paragraph_breaks_and_drops_title_echo_only_near_the_top() -> None:
    title = "Alliance of colleges founded in Foshan"
    body = "\n".join([
        "Alliance of colleges founded in Foshan - City News",
        "Share to: WeChat Weibo",
        "",
        "",
        "The alliance has 40 members.",
        "",
        "It meets every year.",
        "a", "b", "c", "d", "e", "f",
        "Alliance of colleges founded in Foshan",  # a late repeat is article text
    ])  # fmt: skip
    cleaned = clean_text(body, title)
    assert cleaned.splitlines()[:3] == ["The alliance has 40 members.", "", "It meets every year."]
    assert cleaned.endswith("Alliance of colleges founded in Foshan")
    assert "Share to" not in cleaned


def test_clean_text_keeps_a_line_that_merely_mentions_copyright_inside_a_sentence() -> None:
    text = "Enterprises keep the copyright of software built by interns, the rules say."
    assert clean_text(text) == text


def test_normalize_text_unifies_line_ends_and_drops_control_characters() -> None:
    assert normalize_text("a\r\nb\rc\x00d\x07e\tf") == "a\nb\ncde\tf"
    # NFC: a decomposed é becomes one code point
    assert normalize_text("e\u0301") == "\u00e9"
