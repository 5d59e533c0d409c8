"""Loading every supported format, front matter, language detection and the loud failures."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest

from corpus.chunking import Chunker
from corpus.loaders import LoaderError, document_id, load_bytes, load_file, split_front_matter
from tests.documents import pdf_bytes
from tests.support import CORPUS_DIR

SHIPPED = sorted(CORPUS_DIR.glob("*.md"))


def make_pdf(path: Path, pages: list[list[str]], title: str = "") -> Path:
    """A PDF with one page per list of lines (reportlab)."""
    path.write_bytes(pdf_bytes(pages, title))
    return path


def make_docx(path: Path, title: str, paragraphs: list[str], table: list[list[str]]) -> Path:
    """A DOCX with a core-properties title, paragraphs and one table (python-docx)."""
    from docx import Document

    doc = Document()
    doc.core_properties.title = title
    for text in paragraphs:
        doc.add_paragraph(text)
    grid = doc.add_table(rows=len(table), cols=len(table[0]))
    for r, row in enumerate(table):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value
    doc.save(str(path))
    return path


# -- the shipped collection -------------------------------------------------------------------


def test_shipped_collection_has_the_fourteen_documents() -> None:
    assert len(SHIPPED) == 14


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_document_loads_with_front_matter(path: Path) -> None:
    doc = load_file(path, CORPUS_DIR)
    assert doc.id == path.stem
    meta = doc.metadata
    assert meta["title"] and not meta["title"].startswith("---")
    assert meta["language"] in ("en", "zh")
    assert meta["language"] == ("zh" if path.stem.endswith("-zh") else "en")
    assert meta["type"] in ("news", "policy", "law", "regulation")
    assert meta["type"] == path.stem.split("-")[0] or meta["type"] == "law"
    assert meta["region"]
    # The front matter is metadata, not text.
    assert "title:" not in doc.text[:300]
    assert not doc.text.startswith("---")
    assert len(doc.text) > 500


def test_shipped_dates_are_kept_as_strings() -> None:
    docs = {p.stem: load_file(p, CORPUS_DIR) for p in SHIPPED}
    assert docs["policy-2022-vocational-education-law-zh"].metadata["date"] == "2022-04-20"
    assert docs["news-nanhai-industry-education-alliance"].metadata["date"] == ""


def test_document_id_is_the_relative_path_without_extension(tmp_path: Path) -> None:
    nested = tmp_path / "news" / "2024" / "forum report.md"
    assert document_id(nested, tmp_path) == "news/2024/forum-report"
    assert document_id(tmp_path / "a.md", None) == "a"
    assert document_id(tmp_path / "宁波条例.md", tmp_path) == "宁波条例"


# -- front matter and language ---------------------------------------------------------------


def test_front_matter_becomes_metadata_and_a_later_rule_stays_in_the_body(tmp_path: Path) -> None:
    path = tmp_path / "alliance.md"
    path.write_text(
        "---\n"
        "title: Alliance founded\n"
        "date: 2023-06-01\n"
        "type: News\n"
        "region: Guangdong; Foshan\n"
        "source: a newspaper\n"
        "---\n"
        "The alliance was founded with 30 member companies.\n"
        "\n"
        "---\n"
        "\n"
        "After the rule: the second part of the article keeps its text.\n"
        "title: not metadata\n",
        encoding="utf-8",
    )
    doc = load_file(path, tmp_path)
    assert doc.metadata["title"] == "Alliance founded"
    assert doc.metadata["date"] == "2023-06-01"  # YAML dates come back as text
    assert doc.metadata["type"] == "news"
    assert doc.metadata["region"] == "Guangdong; Foshan"
    assert doc.metadata["source"] == "a newspaper"
    assert doc.metadata["language"] == "en"
    assert "30 member companies" in doc.text
    assert "---" in doc.text
    assert "After the rule: the second part" in doc.text
    assert "title: not metadata" in doc.text


def test_split_front_matter_only_at_the_very_top() -> None:
    meta, body = split_front_matter("Intro line\n---\ntitle: x\n---\nrest\n")
    assert meta == {}
    assert body.startswith("Intro line")
    meta, body = split_front_matter("---\n- just\n- a list\n---\nbody\n")
    assert meta == {}  # not a mapping: treated as text
    meta, body = split_front_matter("---\ntitle: [unclosed\n---\nbody\n")
    assert meta == {}  # invalid YAML: treated as text


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Students in Ningbo do placement internships of up to six months.\n" * 3, "en"),
        ("学生顶岗实习一般为六个月，企业应当按照规定支付实习报酬。\n" * 3, "zh"),
        ("宁波市 (Ningbo) 职业院校与企业开展校企合作，共建实训基地。\n" * 3, "zh"),
    ],
)
def test_language_is_detected_when_front_matter_lacks_it(
    tmp_path: Path, text: str, language: str
) -> None:
    path = tmp_path / "doc.md"
    path.write_text("---\ntitle: Untitled note\n---\n" + text, encoding="utf-8")
    assert load_file(path, tmp_path).metadata["language"] == language
    plain = tmp_path / "plain.txt"
    plain.write_text(text, encoding="utf-8")
    assert load_file(plain, tmp_path).metadata["language"] == language


def test_title_falls_back_to_the_first_line(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Ningbo internship rules\n\nInterns work at most eight hours a day.\n")
    doc = load_file(path, tmp_path)
    assert doc.metadata["title"] == "Ningbo internship rules"
    assert doc.metadata["type"] == "document"


def test_a_title_taken_from_the_first_line_keeps_that_line_in_the_text(tmp_path: Path) -> None:
    first = (
        "Ningbo colleges and enterprises signed agreements on placement internships, training "
        "bases and joint curricula for students of mechatronics and logistics this spring."
    )
    path = tmp_path / "notes.txt"
    path.write_text(first + "\n\nSecond paragraph about pay.\n", encoding="utf-8")
    doc = load_file(path, tmp_path)
    assert first.startswith(doc.metadata["title"])
    assert doc.text == first + "\n\nSecond paragraph about pay."


def test_utf8_bom_and_utf16_are_accepted() -> None:
    text = "---\ntitle: 校企合作\n---\n职业院校与企业开展合作，共建实训基地。"
    for data in (b"\xef\xbb\xbf" + text.encode("utf-8"), text.encode("utf-16")):
        doc = load_bytes(data, "coop.md", "coop")
        assert doc.metadata["title"] == "校企合作"
        assert doc.text == "职业院校与企业开展合作，共建实训基地。"


# -- PDF, DOCX, HTML -----------------------------------------------------------------------


def test_pdf_pages_land_in_chunk_metadata(tmp_path: Path) -> None:
    pages = [
        [f"Page {n} line {i}: the training base hosts interns from partner colleges."
         for i in range(14)]
        for n in (1, 2, 3)
    ]  # fmt: skip
    path = make_pdf(tmp_path / "handbook.pdf", pages, title="Training Base Handbook")
    doc = load_file(path, tmp_path)
    assert doc.id == "handbook"
    assert doc.metadata["title"] == "Training Base Handbook"
    assert [number for number, _, _ in doc.pages] == [1, 2, 3]
    for number, start, end in doc.pages:
        assert f"Page {number} line 0:" in doc.text[start:end]
    chunks = Chunker(300, 50).split(doc)
    assert len(chunks) >= 6
    seen = set()
    for chunk in chunks:
        page = chunk.metadata["page"]
        seen.add(page)
        assert chunk.text.startswith(f"Page {page} line")
        assert chunk.text == doc.text[chunk.metadata["start"] : chunk.metadata["end"]]
    assert seen == {1, 2, 3}


def test_docx_title_paragraphs_and_table(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "agreement.docx",
        "Internship Agreement Template",
        ["The enterprise provides a mentor for each intern.",
         "Interns receive a monthly allowance of 2000 yuan."],
        [["Partner", "Ningbo Port Group"], ["Duration", "Six months"]],
    )  # fmt: skip
    doc = load_file(path, tmp_path)
    assert doc.id == "agreement"
    assert doc.metadata["title"] == "Internship Agreement Template"
    assert "The enterprise provides a mentor for each intern." in doc.text
    assert "monthly allowance of 2000 yuan" in doc.text
    assert "Partner | Ningbo Port Group" in doc.text
    assert "Duration | Six months" in doc.text


def test_html_keeps_only_the_main_text(tmp_path: Path) -> None:
    path = tmp_path / "forum.html"
    path.write_text(
        """<!doctype html><html><head><title>Forum report</title>
<style>.banner { color: red } STYLE-RULE</style>
<script>var tracking = "SCRIPT-SECRET";</script></head>
<body>
<nav><a href="/">Home</a> NAV-MENU-TEXT</nav>
<header>HEADER-BANNER</header>
<main><h1>Forum report</h1>
<p>Forty colleges signed cooperation agreements at the forum.</p>
<p>The new training base opens in September.</p></main>
<aside>ASIDE-LINKS</aside>
<footer>FOOTER-COPYRIGHT 2024</footer>
<script>console.log("SCRIPT-TWO")</script>
</body></html>""",
        encoding="utf-8",
    )
    doc = load_file(path, tmp_path)
    assert doc.metadata["title"] == "Forum report"
    assert doc.text == (
        "Forty colleges signed cooperation agreements at the forum.\n"
        "The new training base opens in September."
    )
    for junk in ("SCRIPT", "STYLE-RULE", "NAV-MENU", "HEADER-BANNER", "ASIDE", "FOOTER"):
        assert junk not in doc.text


def test_html_without_main_uses_the_body_and_h1_title(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(
        "<html><body><nav>MENU</nav><h1>Base opened</h1><div><p>A joint training base "
        "opened in Xiamen.</p></div><footer>FOOT</footer></body></html>",
        encoding="utf-8",
    )
    doc = load_file(path, tmp_path)
    assert doc.metadata["title"] == "Base opened"
    assert "A joint training base opened in Xiamen." in doc.text
    assert "MENU" not in doc.text and "FOOT" not in doc.text


# -- loud failures ---------------------------------------------------------------------------


def test_corrupt_pdf_is_a_loader_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken-report.pdf"
    path.write_bytes(b"%PDF-1.7\n" + random.Random(7).randbytes(4000))
    with pytest.raises(LoaderError, match=r"broken-report\.pdf"):
        load_file(path, tmp_path)


def test_truncated_pdf_is_a_loader_error(tmp_path: Path) -> None:
    good = make_pdf(tmp_path / "good.pdf", [["hello world"]]).read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(LoaderError, match=r"truncated\.pdf"):
        load_file(path, tmp_path)


def test_corrupt_docx_is_a_loader_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is not a zip archive")
    with pytest.raises(LoaderError, match=r"broken\.docx"):
        load_file(path, tmp_path)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("gbk.txt", "宁波市职业教育校企合作促进条例".encode("gbk")),
        ("latin1.md", "Café de la coopération école-entreprise".encode("latin-1")),
        ("gbk.html", "<p>校企合作</p>".encode("gbk")),
    ],
)
def test_non_utf8_text_is_a_loader_error(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(LoaderError, match=rf"{name}: not UTF-8"):
        load_file(path, tmp_path)


@pytest.mark.parametrize("name", ["empty.md", "empty.pdf", "blank.txt"])
def test_empty_file_is_a_loader_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"" if name != "blank.txt" else b"  \n\n\t ")
    with pytest.raises(LoaderError, match=rf"{name}: the file is empty"):
        load_file(path, tmp_path)


def test_front_matter_only_is_a_loader_error(tmp_path: Path) -> None:
    path = tmp_path / "meta-only.md"
    path.write_text("---\ntitle: Nothing else\n---\n", encoding="utf-8")
    with pytest.raises(LoaderError, match="no text"):
        load_file(path, tmp_path)


@pytest.mark.parametrize("name", ["sheet.xlsx", "slides.pptx", "README"])
def test_unsupported_extension_is_a_loader_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"some content")
    with pytest.raises(LoaderError, match="unsupported file type"):
        load_file(path, tmp_path)


def test_unreadable_path_is_a_loader_error(tmp_path: Path) -> None:
    with pytest.raises(LoaderError, match=r"missing\.md"):
        load_file(tmp_path / "missing.md", tmp_path)


def test_loader_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        load_bytes(io.BytesIO(b"x").getvalue(), "x.bin", "x")


def test_a_docx_table_stays_where_it_is_written(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("The school runs five training bases, listed in the table below.")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, [["1", "Machining"], ["2", "Elderly care"]], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_paragraph("Working with enterprises")
    path = tmp_path / "bases.docx"
    document.save(str(path))
    text = load_file(path, tmp_path).text
    assert text.index("table below") < text.index("1 | Machining") < text.index("Working with")
