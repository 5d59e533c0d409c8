"""Document administration: uploads (kept as copies), deletions and the document list.

One service for every caller (the HTTP API and the Gradio admin tab), so both serialise
their writes on the same lock and keep uploads the same way.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.loaders import document_id
from retrieval.catalog import Catalog, DocumentRecord
from retrieval.indexing import Indexer, IngestReport, PendingFile

MAX_NAME_CHARS = 120  # longest file name kept (the extension is kept whole)
UPLOAD_SOURCE_PREFIX = "upload:"
_ARCHIVE_LOCK = threading.Lock()  # the manifest is read-modify-written (API and UI both write)


def sanitize_filename(raw: str | None) -> str:
    """A safe basename: no directories, `..`, NUL or control characters; never empty.

    The result is only used for the document id, format detection and messages,
    never as a filesystem path.
    """
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C"))
    name = re.sub(r"\s+", " ", name).strip().lstrip(". ")
    if len(name) > MAX_NAME_CHARS:
        suffix = Path(name).suffix[:12]
        name = name[: MAX_NAME_CHARS - len(suffix)] + suffix
    return name or "upload"


@dataclass
class Upload:
    """One accepted file, held in memory."""

    name: str
    doc_id: str
    suffix: str
    data: bytes

    @classmethod
    def named(cls, raw_name: str | None, data: bytes) -> Upload:
        """An upload under a sanitized name, with the id and format that name gives."""
        name = sanitize_filename(raw_name)
        return cls(name, document_id(Path(name), None), Path(name).suffix.lower(), data)

    @property
    def sha256(self) -> str:
        """The content hash (also the catalog's hash)."""
        return hashlib.sha256(self.data).hexdigest()

    def pending(self) -> PendingFile:
        """The indexer's input for this file."""
        return PendingFile(self.doc_id, self.name, self.data, UPLOAD_SOURCE_PREFIX + self.name)


def file_results(
    uploads: list[Upload], before: dict[str, str], after: dict[str, str], report: IngestReport
) -> list[dict[str, Any]]:
    """Per-file outcome `{"file", "id", "status", "error"}`; status added/updated/unchanged
    (from the catalog before and after the run) or error (with the loader's message)."""
    done = set(report.ids)
    results: list[dict[str, Any]] = []
    claimed: set[str] = set()
    for upload in uploads:
        doc_id, error = upload.doc_id, None
        if doc_id in done and doc_id not in claimed and doc_id in after:
            claimed.add(doc_id)
            status = _status(doc_id, before, after)
        else:
            status = "error"
            prefix = f"{upload.name}:"
            error = next(
                (e for e in report.errors if e.startswith(prefix)),
                f"{upload.name}: could not be ingested",
            )
        results.append({"file": upload.name, "id": doc_id, "status": status, "error": error})
    return results


def _status(doc_id: str, before: dict[str, str], after: dict[str, str]) -> str:
    if doc_id not in before:
        return "added"
    return "unchanged" if before[doc_id] == after[doc_id] else "updated"


class UploadArchive:
    """Copies of uploaded files as `uploads/<sha256><suffix>`, with a manifest of which
    document uses which copy (so deleting a document deletes its copy)."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = data_dir / "uploads"
        self.manifest = self.folder / "manifest.json"

    def _entries(self) -> dict[str, str]:
        try:
            data = json.loads(self.manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _write(self, path: Path, data: bytes) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".part-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _save(self, entries: dict[str, str], dropped: str | None) -> None:
        self._write(self.manifest, json.dumps(entries, indent=1, sort_keys=True).encode())
        if dropped and dropped not in entries.values():
            (self.folder / dropped).unlink(missing_ok=True)

    def keep(self, upload: Upload) -> None:
        """Store the bytes (once per content) and record them as the document's copy."""
        name = f"{upload.sha256}{upload.suffix}"
        with _ARCHIVE_LOCK:
            self.folder.mkdir(parents=True, exist_ok=True)
            if not (self.folder / name).exists():
                self._write(self.folder / name, upload.data)
            entries = self._entries()
            previous = entries.get(upload.doc_id)
            entries[upload.doc_id] = name
            self._save(entries, previous if previous != name else None)

    def forget(self, doc_id: str) -> None:
        """Drop a deleted document's copy (kept while another document has the same bytes)."""
        with _ARCHIVE_LOCK:
            entries = self._entries()
            if doc_id in entries:
                dropped = entries.pop(doc_id)
                self._save(entries, dropped)


class DocumentService:
    """Lists, ingests (uploads) and deletes documents; writes are serialised on `lock`."""

    def __init__(
        self, indexer: Indexer, catalog: Catalog, data_dir: Path, lock: threading.Lock
    ) -> None:
        self.indexer = indexer
        self.catalog = catalog
        self.archive = UploadArchive(data_dir)
        self.lock = lock

    def documents(self) -> list[DocumentRecord]:
        """Every ingested document, by id."""
        return self.catalog.documents()

    def upload(self, uploads: list[Upload]) -> tuple[IngestReport, list[dict[str, Any]]]:
        """Ingest uploaded files (answerable when this returns) and keep a copy of each;
        returns the ingest report and the per-file outcome."""
        with self.lock:
            before = self.catalog.hashes()
            report = self.indexer.ingest_files([u.pending() for u in uploads])
            results = file_results(uploads, before, self.catalog.hashes(), report)
            for upload, result in zip(uploads, results, strict=True):
                if result["status"] != "error":
                    self.archive.keep(upload)
        return report, results

    def delete(self, doc_id: str) -> bool:
        """Remove a document from every index and drop its kept copy; False when unknown."""
        with self.lock:
            if not self.indexer.delete(doc_id):
                return False
            self.archive.forget(doc_id)
            return True
