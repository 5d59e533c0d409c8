"""Bad input: a catalogue of malformed, hostile and odd requests against a real server.

Every case states the status it must get: a clear 4xx JSON `{"error": {"code", "message"}}`
without a stack trace or a path, or a 200 where the input is legitimately valid (emoji in
mixed scripts, right-to-left text, control characters in a question are answered). After
each case the server is alive; after the catalogue it still answers normally and no
document was lost or added.
"""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import psutil
import pytest

from tests.integration.server import ADMIN, RunningServer
from tests.reliability.helpers import assert_error, assert_no_leak

pytestmark = [pytest.mark.reliability, pytest.mark.integration]

NINGBO = "How long is an internship in Ningbo?"
OAI = "/v1/chat/completions"
JSON_CT = {"Content-Type": "application/json"}
UPLOAD_LIMIT = 200_000  # main_server(): VCA_SERVER__MAX_UPLOAD_BYTES
ZIP_BOMB_MB = 80


# -- request builders --------------------------------------------------------------------------


def multipart(*files: tuple[str | bytes, bytes], field_name: str = "files") -> dict[str, Any]:
    """A hand-made multipart body, so that file names can carry any bytes (NUL, ..)."""
    boundary = f"reliability-{uuid.uuid4().hex}"
    body = b""
    for name, data in files:
        raw_name = name.encode() if isinstance(name, str) else name
        body += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field_name}"; filename="'
        ).encode()
        body += raw_name + b'"\r\nContent-Type: application/octet-stream\r\n\r\n' + data + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return {
        "content": body,
        "headers": {**ADMIN, "Content-Type": f"multipart/form-data; boundary={boundary}"},
    }


PROBE = b"---\ntitle: Upload name probe\nlanguage: en\n---\n\nA probe of upload names.\n"
CORRUPT_PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage"
CORRUPT_ZIP = b"PK\x03\x04" + b"\x00garbage" * 50


def docx_bytes(paragraphs: list[str], replace_body: bytes | None = None) -> bytes:
    """A real .docx (python-docx); `replace_body` swaps word/document.xml for those bytes."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    if replace_body is None:
        return buffer.getvalue()
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = replace_body if info.filename == "word/document.xml" else source.read(info)
            target.writestr(info.filename, data)
    return out.getvalue()


def zip_bomb(megabytes: int = ZIP_BOMB_MB) -> bytes:
    """A valid-looking .docx whose document.xml inflates to `megabytes` MB (~1000:1)."""
    paragraph = b"<w:p><w:r><w:t>" + b"A" * 8000 + b"</w:t></w:r></w:p>"
    count = megabytes * 1_000_000 // len(paragraph)
    xml = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body>" + paragraph * count + b"</w:body></w:document>"
    )
    bomb = docx_bytes(["cover"], replace_body=xml)
    assert len(bomb) < UPLOAD_LIMIT, len(bomb)
    return bomb


def plain_zip() -> bytes:
    """A zip archive that is not a Word document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    return buffer.getvalue()


def pdf_bytes(text: str) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return buffer.getvalue()


def chunked(data: bytes, size: int = 16_384) -> Iterator[bytes]:
    """A body without Content-Length (chunked transfer encoding)."""
    for start in range(0, len(data), size):
        yield data[start : start + size]


# -- the catalogue -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One request and the answer it must get."""

    method: str
    path: str
    status: int
    code: str | None = None
    admin: bool = False
    grounded: bool | None = None  # for a 200 chat answer: must it be grounded?
    request: dict[str, Any] = field(default_factory=dict)
    build: Callable[[], dict[str, Any]] | None = None  # for costly bodies, built when run


def case(
    case_id: str, method: str, path: str, status: int, code: str | None = None, **kw: Any
) -> Any:
    fields = {k: kw.pop(k) for k in ("admin", "grounded", "build") if k in kw}
    return pytest.param(Case(method, path, status, code, request=kw, **fields), id=case_id)


def chat(case_id: str, status: int, code: str | None = None, **kw: Any) -> Any:
    return case(case_id, "POST", "/api/chat", status, code, **kw)


def upload(
    case_id: str,
    status: int,
    code: str | None,
    files: Callable[[], list[tuple[str | bytes, bytes]]],
    field_name: str = "files",
) -> Any:
    def build() -> dict[str, Any]:
        return multipart(*files(), field_name=field_name)

    return case(case_id, "POST", "/api/documents", status, code, build=build)


def delete(case_id: str, doc_id: str) -> Any:
    return case(
        case_id, "DELETE", f"/api/documents/{doc_id}", 404, "document_not_found", admin=True
    )


def oai(case_id: str, status: int, code: str | None = None, **body: Any) -> Any:
    return case(case_id, "POST", OAI, status, code, json=body)


def user(content: Any) -> list[dict[str, Any]]:
    return [{"role": "user", "content": content}]


CASES = [
    # -- /api/chat: the message ----------------------------------------------------------------
    chat("empty-message", 422, "empty_message", json={"message": ""}),
    chat("whitespace-message", 422, "empty_message", json={"message": " \n\t\u3000 "}),
    chat("message-2001-chars", 422, "message_too_long", json={"message": "实习" * 1001}),
    chat("word-10k-chars", 422, "message_too_long", json={"message": "x" * 10_000}),
    chat("word-1999-chars", 200, json={"message": "vocational" * 199 + "abcdefghi"}),
    chat("body-100kb", 413, "payload_too_large", json={"message": "a " * 50_000}),
    chat(
        "body-chunked-100kb",
        413,
        "payload_too_large",
        build=lambda: {
            "content": chunked(b'{"message": "' + b"a" * 100_000 + b'"}'),
            "headers": JSON_CT,
        },
    ),
    chat(
        "control-characters",
        200,
        json={"message": "\x01\x02How long\x7f is an\x1b[31m internship in Ningbo?\x08"},
    ),
    chat(
        "nul-character",
        200,
        grounded=True,
        json={"message": "How long is an\x00 internship in Ningbo?"},
    ),
    chat(
        "mixed-scripts-and-emoji",
        200,
        grounded=True,
        json={"message": "宁波 internship 实习 how long? 🎓🏭"},
    ),
    # No letter or digit of any script: as empty as no message (issue #13).
    chat("emoji-only", 422, "empty_message", json={"message": "🎓🏭🤖❓"}),
    chat("rtl-arabic", 200, grounded=False, json={"message": "كم مدة التدريب في نينغبو؟"}),
    chat("rtl-override", 200, grounded=True, json={"message": f"\u202e{NINGBO}\u202c"}),
    chat("zero-width-and-combining", 200, json={"message": "Ni\u200bngbo in\u0301ternship?"}),
    chat(
        "lone-surrogate",
        422,
        "invalid_request",
        content=b'{"message": "Ningbo \\ud800 internship"}',
        headers=JSON_CT,
    ),
    # -- /api/chat: the body -------------------------------------------------------------------
    chat("invalid-json", 400, "invalid_json", content=b'{"message": ', headers=JSON_CT),
    chat("invalid-utf8", 400, content=b'{"message": "Ningbo \xff\xfe"}', headers=JSON_CT),
    chat("json-array", 422, "invalid_request", json=["How long is an internship?"]),
    chat("json-number", 422, "invalid_request", json=42),
    chat("json-string", 422, "invalid_request", json=NINGBO),
    chat("json-null", 422, "invalid_request", content=b"null", headers=JSON_CT),
    chat("no-message-field", 422, "invalid_request", json={}),
    chat("unknown-field", 422, "invalid_request", json={"message": NINGBO, "admin": True}),
    chat("message-number", 422, "invalid_request", json={"message": 42}),
    chat("message-null", 422, "invalid_request", json={"message": None}),
    chat("message-list", 422, "invalid_request", json={"message": [NINGBO]}),
    chat("message-object", 422, "invalid_request", json={"message": {"text": NINGBO}}),
    chat("session-id-number", 422, "invalid_request", json={"message": NINGBO, "session_id": 7}),
    chat("history-string", 422, "invalid_request", json={"message": NINGBO, "history": "hi"}),
    chat(
        "history-bad-role",
        422,
        "invalid_request",
        json={"message": NINGBO, "history": [{"role": "wizard", "content": "hi"}]},
    ),
    chat(
        "history-content-number",
        422,
        "invalid_request",
        json={"message": NINGBO, "history": [{"role": "user", "content": 5}]},
    ),
    chat(
        "history-51-turns",
        422,
        "invalid_request",
        json={"message": NINGBO, "history": [{"role": "user", "content": "hi"}] * 51},
    ),
    chat("filters-string", 422, "invalid_request", json={"message": NINGBO, "filters": "zh"}),
    chat(
        "filters-unknown-key",
        422,
        "invalid_request",
        json={"message": NINGBO, "filters": {"where": {"$ne": 1}}},
    ),
    chat(
        "filters-language-number",
        422,
        "invalid_request",
        json={"message": NINGBO, "filters": {"language": 5}},
    ),
    chat("stream-not-bool", 422, "invalid_request", json={"message": NINGBO, "stream": "maybe"}),
    chat("stream-list", 422, "invalid_request", json={"message": NINGBO, "stream": [True]}),
    # -- /api/chat: content types --------------------------------------------------------------
    chat(
        "text-plain-body",
        422,
        "invalid_request",
        content=b'{"message": "hi"}',
        headers={"Content-Type": "text/plain"},
    ),
    chat("form-body", 422, "invalid_request", data={"message": NINGBO}),
    chat("multipart-body", 422, "invalid_request", files={"message": ("q.txt", b"hi")}),
    chat("no-content-type", 422, "invalid_request", content=b'{"message": "hi"}'),
    # -- /api/chat: session ids ----------------------------------------------------------------
    chat("session-too-short", 422, "invalid_request", json={"message": NINGBO, "session_id": "ab"}),
    chat(
        "session-slashes",
        422,
        "invalid_request",
        json={"message": NINGBO, "session_id": "../../etc/passwd"},
    ),
    chat(
        "session-sql",
        422,
        "invalid_request",
        json={"message": NINGBO, "session_id": "x' OR '1'='1'; DROP TABLE turns; --"},
    ),
    chat(
        "session-1000-chars",
        422,
        "invalid_request",
        json={"message": NINGBO, "session_id": "s" * 1000},
    ),
    chat(
        "session-cjk",
        422,
        "invalid_request",
        json={"message": NINGBO, "session_id": "会话会话会话会话会话"},
    ),
    # -- uploads (admin token given) -----------------------------------------------------------
    upload("upload-name-traversal", 200, None, lambda: [("../../../etc/passwd-probe.md", PROBE)]),
    upload("upload-name-backslashes", 200, None, lambda: [("..\\..\\win\\win-probe.md", PROBE)]),
    upload("upload-name-nul", 200, None, lambda: [(b"nul\x00probe.md", PROBE)]),
    upload("upload-name-300-chars", 200, None, lambda: [("n" * 300 + ".md", PROBE)]),
    upload("upload-name-5000-chars", 400, "bad_request", lambda: [("n" * 5000 + ".md", PROBE)]),
    upload("upload-name-only-dots", 415, "unsupported_type", lambda: [("....md", PROBE)]),
    upload("upload-name-no-extension", 415, "unsupported_type", lambda: [("README", b"text")]),
    upload("upload-executable", 415, "unsupported_type", lambda: [("setup.exe", b"MZ\x90\x00")]),
    upload("upload-corrupt-pdf", 422, "ingest_failed", lambda: [("corrupt.pdf", CORRUPT_PDF)]),
    upload(
        "upload-truncated-pdf",
        422,
        "ingest_failed",
        lambda: [("truncated.pdf", pdf_bytes("Truncated probe.")[:600])],
    ),
    upload("upload-corrupt-docx", 422, "ingest_failed", lambda: [("corrupt.docx", CORRUPT_ZIP)]),
    upload("upload-zip-not-docx", 422, "ingest_failed", lambda: [("zip.docx", plain_zip())]),
    upload(
        "upload-docx-broken-xml",
        422,
        "ingest_failed",
        lambda: [("broken.docx", docx_bytes(["x"], replace_body=b"<w:document><unclosed"))],
    ),
    upload("upload-binary-as-md", 422, "ingest_failed", lambda: [("bin.md", bytes(range(256)))]),
    upload("upload-empty-file", 422, "ingest_failed", lambda: [("empty.md", b"")]),
    upload(
        "upload-too-large",
        413,
        "payload_too_large",
        lambda: [("big.md", b"a " * (UPLOAD_LIMIT // 2 + 10))],
    ),
    upload(
        "upload-body-too-large", 413, "payload_too_large", lambda: [("huge.md", b"a" * 600_000)]
    ),
    upload(
        "upload-too-many-files",
        413,
        "too_many_files",
        lambda: [(f"many-{i}.md", PROBE) for i in range(4)],
    ),
    upload("upload-wrong-field", 422, "no_files", lambda: [("doc.md", PROBE)], field_name="file"),
    case(
        "upload-json-body",
        "POST",
        "/api/documents",
        422,
        "no_files",
        admin=True,
        json={"files": ["doc.md"]},
    ),
    case(
        "upload-text-body",
        "POST",
        "/api/documents",
        422,
        "no_files",
        admin=True,
        content=b"just text",
        headers={"Content-Type": "text/plain"},
    ),
    # -- deletes of unknown documents ----------------------------------------------------------
    delete("delete-unknown", "no-such-document"),
    delete("delete-traversal", "..%2F..%2Fetc%2Fpasswd"),
    delete("delete-nul", "news%00probe"),
    delete("delete-1000-chars", "d" * 1000),
    delete("delete-invalid-utf8", "%FF%FE"),
    # -- OpenAI-compatible requests ------------------------------------------------------------
    oai("oai-no-messages", 422, "invalid_request", model="vca-assistant"),
    oai("oai-empty-messages", 422, "invalid_request", messages=[]),
    oai("oai-messages-object", 422, "invalid_request", messages={"role": "user"}),
    oai("oai-role-invalid", 422, "invalid_request", messages=[{"role": "wizard", "content": "x"}]),
    oai("oai-content-number", 422, "invalid_request", messages=user(7)),
    oai(
        "oai-content-image-only",
        422,
        "empty_message",
        messages=user([{"type": "image_url", "image_url": {"url": "http://127.0.0.1/x.png"}}]),
    ),
    oai(
        "oai-only-system",
        400,
        "no_user_message",
        messages=[{"role": "system", "content": "You are evil."}],
    ),
    oai("oai-stream-not-bool", 422, "invalid_request", messages=user(NINGBO), stream="maybe"),
    oai("oai-n-5-ignored", 200, messages=user(NINGBO), n=5),
    case(
        "oai-lone-surrogate",
        "POST",
        OAI,
        422,
        "invalid_request",
        headers=JSON_CT,
        content=b'{"messages": [{"role": "user", "content": "Ningbo \\udc00"}]}',
    ),
    # -- other routes --------------------------------------------------------------------------
    case(
        "feedback-bad-rating",
        "POST",
        "/api/feedback",
        422,
        "invalid_request",
        json={"message_id": "abcdefgh12345678", "rating": "sideways"},
    ),
    case("feedback-array", "POST", "/api/feedback", 422, "invalid_request", json=[1, 2]),
    case("get-on-chat", "GET", "/api/chat", 405, "method_not_allowed"),
    case("put-on-documents", "PUT", "/api/documents", 405, "method_not_allowed", admin=True),
    case("unknown-route", "GET", "/api/../../etc/passwd", 404, "not_found"),
    case("unknown-model", "GET", "/v1/models/gpt-7", 404, "model_not_found"),
]


# -- the tests ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(public_server: RunningServer) -> Iterator[httpx.Client]:
    with public_server.client(timeout=120) as c:
        yield c


@pytest.fixture(scope="module")
def documents_before(client: httpx.Client) -> dict[str, int]:
    """Document ids and chunk counts before the catalogue runs."""
    response = client.get("/api/documents")
    assert response.status_code == 200
    return {d["id"]: d["chunks"] for d in response.json()["documents"]}


def send(client: httpx.Client, item: Case) -> httpx.Response:
    request = dict(item.request)
    if item.build is not None:
        request.update(item.build())
    if item.admin:
        request["headers"] = {**ADMIN, **request.get("headers", {})}
    return client.request(item.method, item.path, **request)


def check_valid(client: httpx.Client, item: Case, response: httpx.Response) -> None:
    """A legitimately valid input: answered (chat) or accepted under a safe name (upload)."""
    assert_no_leak(response.text)
    body = response.json()
    if item.path == "/api/chat":
        assert body["answer"].strip() and body["session_id"], body
        if item.grounded is not None:
            assert body["grounded"] is item.grounded, body
    elif item.path == OAI:
        assert len(body["choices"]) == 1 and body["choices"][0]["message"]["content"]
    elif item.path == "/api/documents":
        for result in body["files"]:
            assert result["status"] == "added", result
            doc_id = result["id"]
            assert ".." not in doc_id and "/" not in doc_id and "\\" not in doc_id, doc_id
            assert "\x00" not in doc_id and len(doc_id) <= 120, doc_id
            assert client.delete(f"/api/documents/{doc_id}", headers=ADMIN).status_code == 200


@pytest.mark.parametrize("item", CASES)
def test_bad_input(client: httpx.Client, documents_before: dict[str, int], item: Case) -> None:
    response = send(client, item)
    if item.status == 200:
        assert response.status_code == 200, response.text[:500]
        check_valid(client, item, response)
    else:
        assert_error(response, item.status, item.code)
    assert client.get("/healthz").status_code == 200


def test_zip_bomb_refused_without_blowing_memory(
    public_server: RunningServer, client: httpx.Client, figures: dict[str, list[str]]
) -> None:
    bomb = zip_bomb()
    process = psutil.Process(public_server.process.pid)
    rss_before = process.memory_info().rss
    response = client.post("/api/documents", **multipart(("report.docx", bomb)))
    grown_mb = (process.memory_info().rss - rss_before) / 1e6
    assert_error(response, 422, "ingest_failed")
    assert "expands to" in response.json()["error"]["message"]
    assert grown_mb < 50, f"server memory grew by {grown_mb:.0f} MB"
    figures.setdefault("bad input", []).append(
        f"zip bomb ({len(bomb) // 1000} KB -> {ZIP_BOMB_MB} MB .docx): 422, "
        f"server memory +{max(grown_mb, 0):.0f} MB"
    )


def test_gradio_api_refuses_a_huge_message(public_server: RunningServer) -> None:
    """The Gradio app (`/ui`) applies the JSON API's message cap too."""
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    client = Client(f"{public_server.base_url}/ui/", verbose=False)
    with pytest.raises(AppError, match="too long"):
        client.predict("internship Ningbo " * 5_000, api_name="/chat")  # 90,000 chars


def test_server_healthy_and_nothing_lost(
    client: httpx.Client, documents_before: dict[str, int], figures: dict[str, list[str]]
) -> None:
    response = client.get("/api/documents")
    after = {d["id"]: d["chunks"] for d in response.json()["documents"]}
    assert after == documents_before
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").json()["documents"] == len(documents_before)
    answer = client.post("/api/chat", json={"message": NINGBO})
    assert answer.status_code == 200 and answer.json()["grounded"], answer.text
    figures.setdefault("bad input", []).append(
        f"{len(CASES)} catalogue cases (+ the zip bomb); documents before/after: "
        f"{len(documents_before)}/{len(after)}, 0 lost"
    )
