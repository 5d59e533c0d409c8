"""Reading uploaded files from a multipart request: count, types and size limits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.datastructures import UploadFile

from assistant.documents import Upload, sanitize_filename
from assistant.settings import ServerSettings
from corpus.loaders import SUPPORTED_SUFFIXES
from service.api.errors import ApiError


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
        out.append(Upload.named(name, data))
    return out
