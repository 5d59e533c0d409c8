"""Uploaded files: safe names, limits, in-memory reading, and the per-file outcome."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.datastructures import UploadFile

from assistant.api.errors import ApiError
from assistant.settings import ServerSettings
from corpus.catalog import Catalog
from corpus.ingest import IngestReport, PendingFile
from corpus.loaders import SUPPORTED_SUFFIXES, document_id

MAX_NAME_CHARS = 120
UPLOAD_SOURCE_PREFIX = "upload:"


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


def expected_status(uploads: list[Upload], catalog: Catalog) -> dict[str, str]:
    """What ingesting each file will do, judged before the run: added/updated/unchanged."""
    known = catalog.hashes()
    return {
        u.doc_id: (
            "unchanged"
            if known.get(u.doc_id) == u.sha256
            else "updated"
            if u.doc_id in known
            else "added"
        )
        for u in uploads
    }


def file_results(
    uploads: list[Upload], expected: dict[str, str], report: IngestReport
) -> list[dict[str, Any]]:
    """Per-file outcome: `{"file", "id", "status", "error"}`, status `error` on failure."""
    done = set(report.ids)
    results: list[dict[str, Any]] = []
    claimed: set[str] = set()
    for upload in uploads:
        ok = upload.doc_id in done and upload.doc_id not in claimed
        error = None
        if ok:
            claimed.add(upload.doc_id)
        else:
            prefix = f"{upload.name}:"
            error = next(
                (e for e in report.errors if e.startswith(prefix)),
                f"{upload.name}: could not be ingested",
            )
        results.append(
            {
                "file": upload.name,
                "id": upload.doc_id,
                "status": expected[upload.doc_id] if ok else "error",
                "error": error,
            }
        )
    return results


def save_copy(upload: Upload, data_dir: Path) -> None:
    """Keep the bytes as `data_dir/uploads/<sha256><suffix>` (written atomically)."""
    folder = data_dir / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{upload.sha256}{upload.suffix}"
    if target.exists():
        return
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(upload.data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_copy(digest: str, data_dir: Path) -> None:
    """Delete the saved copy of an upload with this content hash, if any."""
    folder = data_dir / "uploads"
    if re.fullmatch(r"[0-9a-f]{64}", digest) and folder.is_dir():
        for path in folder.glob(f"{digest}.*"):
            path.unlink(missing_ok=True)
