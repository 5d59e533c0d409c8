"""Uploaded files: safe names, limits, in-memory reading, and the per-file outcome."""

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

from starlette.datastructures import UploadFile

from assistant.api.errors import ApiError
from assistant.settings import ServerSettings
from corpus.ingest import IngestReport, PendingFile
from corpus.loaders import SUPPORTED_SUFFIXES, document_id

MAX_NAME_CHARS = 120
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

    @property
    def sha256(self) -> str:
        """The content hash (also the catalog's hash)."""
        return hashlib.sha256(self.data).hexdigest()

    def pending(self) -> PendingFile:
        """The indexer's input for this file."""
        return PendingFile(self.doc_id, self.name, self.data, UPLOAD_SOURCE_PREFIX + self.name)


async def read_uploads(files: list[Any], limits: ServerSettings) -> list[Upload]:
    """Check count, types and total size (413/415/422) and read the files into memory."""
    uploads = [f for f in files if isinstance(f, UploadFile)]
    if not uploads:
        raise ApiError(
            422, "no_files", "send one or more files as multipart/form-data in the 'files' field"
        )
    if len(uploads) > limits.max_upload_files:
        raise ApiError(
            413,
            "too_many_files",
            f"too many files: {len(uploads)} (limit {limits.max_upload_files})",
        )
    names = [sanitize_filename(f.filename) for f in uploads]
    bad = [n for n in names if Path(n).suffix.lower() not in SUPPORTED_SUFFIXES]
    if bad:
        raise ApiError(
            415,
            "unsupported_type",
            f"unsupported file type: {', '.join(bad[:5])}; "
            f"supported: {' '.join(SUPPORTED_SUFFIXES)}",
        )
    out: list[Upload] = []
    total = 0
    for upload, name in zip(uploads, names, strict=True):
        data = await upload.read(limits.max_upload_bytes + 1 - total)
        total += len(data)
        if total > limits.max_upload_bytes:
            raise ApiError(
                413,
                "payload_too_large",
                f"upload too large (limit {limits.max_upload_bytes} bytes)",
            )
        out.append(Upload(name, document_id(Path(name), None), Path(name).suffix.lower(), data))
    return out


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


def save_copy(upload: Upload, data_dir: Path) -> None:
    """Keep an ingested upload under `data_dir/uploads/` (see `UploadArchive.keep`)."""
    UploadArchive(data_dir).keep(upload)


def forget_copy(doc_id: str, data_dir: Path) -> None:
    """Drop a deleted document's kept upload (see `UploadArchive.forget`)."""
    UploadArchive(data_dir).forget(doc_id)
