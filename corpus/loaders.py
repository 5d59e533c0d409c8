"""Turn files (.md, .txt, .html, .pdf, .docx) into cleaned `SourceDocument`s."""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from corpus.cleaning import clean_text, normalize_text
from corpus.language import detect_language
from corpus.reflow import full_width, reflow
from corpus.types import Metadata, SourceDocument

SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".docx")
METADATA_FIELDS = ("title", "date", "language", "type", "region", "source", "url")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_ID_UNSAFE = re.compile(r"[^\w.\-/\u3400-\u9fff]+")
# A .docx is a zip: refuse one whose parts inflate past this (a "zip bomb").
MAX_DOCX_EXPANDED_BYTES = 50_000_000
MIN_ARTICLE_CHARS = 40  # shorter extractions are not an article: the whole page is kept


class LoaderError(ValueError):
    """A file that cannot be read as a document; the message says why."""


def document_id(path: Path, root: Path | None) -> str:
    """A document's id: its path relative to `root` (or its name), without the extension."""
    rel = path.relative_to(root) if root and path.is_relative_to(root) else Path(path.name)
    return _ID_UNSAFE.sub("-", rel.with_suffix("").as_posix()).strip("-/") or "document"


def content_hash(data: bytes) -> str:
    """A stable hash of a file's bytes."""
    return hashlib.sha256(data).hexdigest()


def decode_text(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is an error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoaderError(
            f"{name}: not UTF-8 text (byte {exc.start}); save it as UTF-8 and try again"
        ) from None


def split_front_matter(text: str) -> tuple[Metadata, str]:
    """Split YAML front matter from the body; only a block at the very top counts."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, text
    if not isinstance(data, dict):
        return {}, text
    return {str(k): v for k, v in data.items()}, text[match.end() :]


def _load_text(data: bytes, name: str) -> tuple[Metadata, str, list[tuple[int, int, int]]]:
    meta, body = split_front_matter(decode_text(data, name))
    return meta, body, []


_NOT_CONTENT = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form"]
_NOT_CONTENT += ["iframe", "svg", "template", "button"]


def _load_html(data: bytes, name: str) -> tuple[Metadata, str, list[tuple[int, int, int]]]:
    """The article of a web page: elements that are never content are dropped, then
    trafilatura finds the article among the rest (no share bars, related links or site
    furniture in plain `<div>`s), with the title and date the page gives; the remaining
    page's text when it finds no article."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode_text(data, name), "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup(_NOT_CONTENT):
        tag.decompose()
    main = soup.find("main") or soup.find("article") or soup.body or soup
    if not title and (h1 := main.find("h1")):
        title = h1.get_text(" ", strip=True)
    meta: Metadata = {"title": title} if title else {}
    article = _article(str(soup))
    if article is None:
        return meta, main.get_text("\n", strip=True), []
    found, text = article
    return {**meta, **found}, text, []


def _article(html: str) -> tuple[Metadata, str] | None:
    """trafilatura's article text with its title and date, or None when it finds none."""
    import trafilatura

    try:
        found = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=True, with_metadata=True
        )
    except Exception:  # noqa: BLE001 - untrusted markup: any extractor failure falls back
        return None
    if found is None:
        return None
    fields = found.as_dict() if hasattr(found, "as_dict") else dict(found)
    text = str(fields.get("text") or "")
    if len(text.strip()) < MIN_ARTICLE_CHARS:
        return None
    meta: Metadata = {"title": str(fields["title"])} if fields.get("title") else {}
    date = str(fields.get("date") or "")
    if date in _stated_dates(html):  # not a date the extractor guessed from a bare year
        meta["date"] = date
    return meta, text


_PAGE_DATE = re.compile(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def _stated_dates(html: str) -> set[str]:
    """Every full date written in a page, as YYYY-MM-DD."""
    return {f"{y}-{int(m):02d}-{int(d):02d}" for y, m, d in _PAGE_DATE.findall(html)}


def _load_pdf(data: bytes, name: str) -> tuple[Metadata, str, list[tuple[int, int, int]]]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        raw = [page.extract_text() or "" for page in reader.pages]
        full = full_width(raw)
        texts = [reflow(page, full) for page in raw]
        info = reader.metadata
    except Exception as exc:  # noqa: BLE001 - untrusted file: any parse failure of pypdf
        raise LoaderError(f"{name}: not a readable PDF ({type(exc).__name__})") from None
    meta: Metadata = {}
    if info and info.title:
        meta["title"] = str(info.title)
    return meta, "\n\n".join(texts), _page_spans(texts)


def _page_spans(texts: list[str]) -> list[tuple[int, int, int]]:
    spans, offset = [], 0
    for number, text in enumerate(texts, start=1):
        spans.append((number, offset, offset + len(text)))
        offset += len(text) + 2
    return spans


def _load_docx(data: bytes, name: str) -> tuple[Metadata, str, list[tuple[int, int, int]]]:
    import zipfile

    from docx import Document as DocxDocument
    from docx.table import Table

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # Declared sizes bound what zipfile will inflate (it stops at `file_size`).
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise LoaderError(f"{name}: not a readable DOCX ({type(exc).__name__})") from None
    if expanded > MAX_DOCX_EXPANDED_BYTES:
        raise LoaderError(
            f"{name}: refused, it expands to {expanded // 1_000_000} MB "
            f"(limit {MAX_DOCX_EXPANDED_BYTES // 1_000_000} MB)"
        )
    try:
        doc = DocxDocument(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - untrusted file: any parse failure (lxml, opc)
        raise LoaderError(f"{name}: not a readable DOCX ({type(exc).__name__})") from None
    # Paragraphs and tables in the order they are written: a table stays beside the
    # sentence that introduces it ("listed in the table below").
    paragraphs: list[str] = []
    for block in doc.iter_inner_content():
        if isinstance(block, Table):
            paragraphs += [" | ".join(cell.text for cell in row.cells) for row in block.rows]
        else:
            paragraphs.append(block.text)
    meta: Metadata = {}
    if doc.core_properties.title:
        meta["title"] = doc.core_properties.title
    return meta, "\n\n".join(paragraphs), []


_LOADERS: dict[str, Callable[[bytes, str], tuple[Metadata, str, list[tuple[int, int, int]]]]] = {
    ".md": _load_text,
    ".markdown": _load_text,
    ".txt": _load_text,
    ".html": _load_html,
    ".htm": _load_html,
    ".pdf": _load_pdf,
    ".docx": _load_docx,
}


def _normalize_metadata(raw: Metadata, body: str, name: str) -> Metadata:
    meta: dict[str, Any] = {k: raw.get(k) for k in METADATA_FIELDS}
    title = str(meta.get("title") or "").strip()
    if not title:
        first = next((ln.strip() for ln in body.splitlines() if ln.strip()), "")
        title = first[:120] if first else Path(name).stem
    meta["title"] = title
    meta["date"] = str(meta.get("date") or "").strip()
    language = str(meta.get("language") or "").strip().lower()
    meta["language"] = language if language in ("en", "zh") else detect_language(body)
    meta["type"] = str(meta.get("type") or "document").strip().lower()
    for key in ("region", "source", "url"):
        meta[key] = str(meta.get(key) or "").strip()
    return meta


def load_bytes(data: bytes, name: str, doc_id: str) -> SourceDocument:
    """Load one document from its bytes; `name` gives the format by its extension."""
    suffix = Path(name).suffix.lower()
    loader = _LOADERS.get(suffix)
    if loader is None:
        raise LoaderError(f"{name}: unsupported file type '{suffix or '(none)'}'")
    if not data.strip():
        raise LoaderError(f"{name}: the file is empty")
    raw_meta, body, pages = loader(data, name)
    body = normalize_text(body)
    meta = _normalize_metadata(raw_meta, body, name)
    # Only a title given by the file (front matter, <title>, core properties) can be echoed
    # in the body; a title taken from the first line must not remove that line.
    given_title = meta["title"] if str(raw_meta.get("title") or "").strip() else ""
    text = body if pages else clean_text(body, given_title)
    if not text.strip():
        raise LoaderError(f"{name}: no text could be extracted")
    return SourceDocument(id=doc_id, text=text, metadata=meta, pages=pages)


def load_file(path: Path, root: Path | None = None) -> SourceDocument:
    """Load one document from disk; its id comes from its path relative to `root`."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoaderError(f"{path.name}: cannot be read ({exc.strerror})") from None
    return load_bytes(data, path.name, document_id(path, root))
