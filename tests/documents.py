"""Valid PDF and Word files made in the test, and what the API says about them.

`report_pdf` writes a three-page PDF (English on pages 1-2, Chinese on page 3) with a CJK
TrueType font; `agreement_docx` a Word file with a table. Each carries facts that exist in
no other document (`Facts`), so a question about them is answered from that file or
refused. `lexical_hits` reads the BM25 index a server saved to its data folder.
"""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

# Where Debian's fonts-wqy-microhei puts its TrueType collection (fc-list finds others).
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def cjk_font() -> Path:
    """A TrueType font with Chinese glyphs; skip (or fail under `CI=true`) without one."""
    if CJK_FONT.exists():
        return CJK_FONT
    try:
        listed = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        listed = ""
    for line in listed.splitlines():
        path = Path(line.split(":")[0].strip())
        if path.suffix.lower() in (".ttf", ".ttc") and path.exists():
            return path
    message = "no CJK TrueType font installed (apt-get install fonts-wqy-microhei)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


# Page text around the facts: real pages are long, so a page holds several chunks and the
# chunk with a fact starts on that fact's page.
EN_FILLER = [
    "Apprentices spend one semester at the base and the rest of the year at the college.",
    "The programme combines classroom lessons with practice on real workpieces.",
    "Teachers from the college and engineers from partner shipyards share the teaching.",
    "Safety training comes first: no apprentice welds before passing the safety test.",
    "Workpieces are inspected by ultrasonic testing before they count towards a grade.",
    "The base also offers evening courses for workers of the shipyards in the district.",
    "Graduates of the programme receive a national welding certificate at level three.",
    "Most graduates are employed by the partner shipyards within three months.",
    "The college publishes the employment figures of each cohort every autumn.",
    "Questions about admission are answered by the college's admissions office.",
    "Visitors must register at the gate and wear protective glasses in the workshop.",
    "The workshop is closed on public holidays and during the winter maintenance week.",
]
ZH_FILLER = [
    "学徒在实训基地完成为期一个学期的焊接实训，其余时间在学院学习理论课程。",
    "实训课程把课堂教学与真实工件的操作练习结合起来，由学院教师和船厂工程师共同授课。",
    "所有学徒必须先通过安全考试，才能进入车间进行焊接操作。",
    "每件实训工件都要经过超声波检测，合格后才计入成绩。",
    "实训基地还为区内船厂的在职工人开设夜间培训课程。",
    "完成实训的学徒可以获得国家三级焊工职业资格证书。",
    "大多数毕业生在三个月内被合作船厂录用，学院每年秋季公布各届学生的就业情况。",
    "参观人员须在门口登记，并在车间内佩戴防护眼镜。",
    "实训基地在法定节假日和冬季设备维护周期间关闭。",
    "学院与合作船厂每学期召开一次联席会议，讨论实训计划和学徒的考核办法。",
    "车间配备通风除尘设备，每个工位旁都有灭火器和急救箱。",
    "学徒每天的实训时间不超过六小时，中午有一小时的休息时间。",
    "实训期间学徒由企业导师和学院教师共同指导，每周提交一次实训日志。",
    "实训成绩由工件质量、安全表现和实训日志三部分组成。",
    "学院为家庭经济困难的学徒提供交通补贴和伙食补助。",
    "实训基地的设备每年由第三方机构检查一次，检查报告在学院网站公布。",
    "学徒如对成绩有异议，可以在成绩公布后一周内向教务处提出复核申请。",
    "实训基地欢迎中学生在开放日参观，了解焊接专业的学习内容。",
    "开放日每年举办两次，分别在春季和秋季，具体时间提前一个月公布。",
]


@dataclass(frozen=True)
class Facts:
    """Numbers that make this run's copies of the documents unique."""

    booths: int
    trainees: int
    stipend: int

    @classmethod
    def fresh(cls) -> Facts:
        """New numbers (from a random id), so runs and tests do not see each other's files."""
        n = uuid.uuid4().int
        return cls(booths=100 + n % 800, trainees=1000 + n // 1000 % 8000, stipend=2000 + n % 997)

    @property
    def pdf_question_en(self) -> str:
        return "How many welding booths does the Qingshi Harbour welding training base have?"

    @property
    def pdf_question_zh(self) -> str:
        return "青石港焊接实训基地每年培训多少名学徒？"

    @property
    def docx_question(self) -> str:
        return "What monthly stipend does a Mapleford cold-chain logistics apprentice receive?"

    def questions(self, pdf_id: str, docx_id: str) -> list[tuple[str, str, int, int | None]]:
        """(question, document that answers it, fact in the answer, page of the source)."""
        return [
            (self.pdf_question_en, pdf_id, self.booths, 2),
            (self.pdf_question_zh, pdf_id, self.trainees, 3),
            (self.docx_question, docx_id, self.stipend, None),
        ]


def report_pdf(facts: Facts) -> bytes:
    """A three-page PDF: an English cover, the English facts (page 2), the Chinese (page 3)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    font = cjk_font()
    pdfmetrics.registerFont(TTFont("TestCJK", str(font), subfontIndex=0))
    pages = [
        [
            "Qingshi Harbour Vocational College",
            "Annual report of the welding training base",
            *EN_FILLER,
        ],
        [
            *EN_FILLER[:4],
            f"The Qingshi Harbour welding training base has {facts.booths} welding booths.",
            "Each booth has fume extraction and a certified welding instructor nearby.",
            *EN_FILLER[4:],
        ],
        [
            *ZH_FILLER[:14],
            f"青石港焊接实训基地每年培训{facts.trainees}名学徒。",
            "青石港焊接实训基地由青石港职业学院与当地船厂共同建设。",
            *ZH_FILLER[14:],
        ],
    ]
    return pdf_bytes(pages, "Qingshi Harbour welding training base annual report", "TestCJK")


def pdf_bytes(pages: list[list[str]], title: str = "", font: str = "") -> bytes:
    """A PDF with one page per list of lines (reportlab), in `font` when given."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    if title:
        pdf.setTitle(title)
    for lines in pages:
        if font:
            pdf.setFont(font, 11)
        y = 800
        for line in lines:
            pdf.drawString(50, y, line)
            y -= 18
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def agreement_docx(facts: Facts) -> bytes:
    """A Word file: a title, the facts as paragraphs and a table."""
    from docx import Document

    doc = Document()
    doc.core_properties.title = "Mapleford cold-chain logistics apprenticeship agreement"
    for text in (
        "Mapleford Cold-Chain Logistics and Mapleford Vocational College agree on an "
        "apprenticeship in cold-chain logistics.",
        f"Each Mapleford cold-chain logistics apprentice receives a monthly stipend of "
        f"{facts.stipend} yuan.",
        "Apprentices work in the refrigerated warehouse under a company mentor.",
    ):
        doc.add_paragraph(text)
    table = doc.add_table(rows=2, cols=2)
    for r, row in enumerate((["Item", "Value"], ["Monthly stipend", f"{facts.stipend} yuan"])):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# Queries whose words only these documents contain (English PDF page, Chinese page, Word).
BM25_QUERIES = ("Qingshi Harbour welding booths", "青石港焊接实训基地学徒", "Mapleford stipend")


def ask(client: httpx.Client, question: str) -> dict[str, Any]:
    response = client.post("/api/chat", json={"message": question})
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def from_doc(data: dict[str, Any], doc_id: str) -> list[dict[str, Any]]:
    """The sources of an answer that come from `doc_id`."""
    return [s for s in data["sources"] if s["id"] == doc_id]


def assert_answered(data: dict[str, Any], doc_id: str, fact: int, page: int | None) -> None:
    """Grounded in `doc_id`, the fact in the answer, the cited source on `page` (PDF)."""
    assert data["grounded"] is True, data
    assert str(fact) in data["answer"], data["answer"]
    sources = from_doc(data, doc_id)
    assert sources, data["sources"]
    if page is not None:
        assert any(s["page"] == page for s in sources), sources


def assert_refused(data: dict[str, Any], doc_id: str, fact: int) -> None:
    """Refused: not grounded, the fact nowhere, no source from the deleted document."""
    assert data["grounded"] is False, data
    assert str(fact) not in data["answer"], data["answer"]
    assert from_doc(data, doc_id) == [], data["sources"]


def catalog_generation(data_dir: Path) -> int:
    """The catalog's generation, read from outside the server."""
    uri = f"file:{data_dir / 'catalog.sqlite3'}?mode=ro"
    with sqlite3.connect(uri, uri=True, timeout=5) as conn:
        row = conn.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
    return int(row[0]) if row else 0


def lexical_hits(data_dir: Path, query: str, k: int = 20) -> list[str]:
    """Chunk ids the BM25 index a server saved (at its catalog's generation) finds for `query`.

    The hybrid retriever drops BM25 hits that are missing from the catalog, so a stale BM25
    index cannot be seen through the API; this reads the index itself.
    """
    from retrieval.lexical import LexicalIndex

    index = LexicalIndex.load(data_dir / "lexical")
    assert index is not None, "no BM25 index saved"
    assert index.generation == catalog_generation(data_dir), "BM25 index behind the catalog"
    return [chunk_id for chunk_id, _ in index.search(query, k)]
