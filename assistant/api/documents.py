"""`/api/documents`: list (public), upload and delete (admin bearer token)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from assistant.api.deps import AdminDep, CatalogDep, IndexerDep, SettingsDep, WriteLockDep
from assistant.api.errors import ApiError, error_response, service_errors
from assistant.api.uploads import (
    UPLOAD_SOURCE_PREFIX,
    Upload,
    UploadArchive,
    file_results,
    read_uploads,
)
from corpus.catalog import Catalog, DocumentRecord
from corpus.ingest import Indexer, IngestReport

router = APIRouter(prefix="/api/documents", tags=["documents"])
MULTIPART_OVERHEAD = 256 * 1024  # part headers and boundaries beyond the file bytes
_FILES = {"type": "array", "items": {"type": "string", "format": "binary"}}
_FORM = {"type": "object", "required": ["files"], "properties": {"files": _FILES}}
UPLOAD_OPENAPI = {
    "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": _FORM}}}
}


def document_json(record: DocumentRecord) -> dict[str, Any]:
    """The public view of a catalog row."""
    ingested = datetime.fromtimestamp(record.ingested_at, UTC).isoformat(timespec="seconds")
    return {
        "id": record.id,
        "title": record.title,
        "language": record.language,
        "type": record.type,
        "date": record.date,
        "region": record.region,
        "chunks": record.chunks,
        "ingested_at": ingested,
        "uploaded": record.source_path.startswith(UPLOAD_SOURCE_PREFIX),
    }


@router.get("")
async def list_documents(catalog: CatalogDep) -> dict[str, Any]:
    """Every ingested document."""
    records = await run_in_threadpool(catalog.documents)
    return {"documents": [document_json(r) for r in records], "count": len(records)}


def _ingest(
    indexer: Indexer,
    catalog: Catalog,
    lock: threading.Lock,
    uploads: list[Upload],
    archive: UploadArchive,
) -> tuple[IngestReport, list[dict[str, Any]]]:
    with lock:
        before = catalog.hashes()
        report = indexer.ingest_files([u.pending() for u in uploads])
        results = file_results(uploads, before, catalog.hashes(), report)
        for upload, result in zip(uploads, results, strict=True):
            if result["status"] != "error":
                archive.keep(upload)
    return report, results


@router.post(
    "",
    dependencies=[AdminDep],
    openapi_extra=UPLOAD_OPENAPI,
)
async def upload_documents(
    request: Request,
    indexer: IndexerDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    lock: WriteLockDep,
) -> JSONResponse:
    """Ingest uploaded files (field `files`); they are answerable when this returns."""
    limits = settings.server
    async with request.form(max_files=10_000, max_fields=100) as form:
        uploads = await read_uploads(form.getlist("files"), limits)
    archive = UploadArchive(settings.data_dir)
    with service_errors():
        report, results = await run_in_threadpool(_ingest, indexer, catalog, lock, uploads, archive)
    body = {**report.to_json(), "files": results}
    if all(r["status"] == "error" for r in results):
        return error_response(
            422,
            "ingest_failed",
            "no file could be ingested: " + "; ".join(r["error"] for r in results)[:1000],
            extra=body,
        )
    return JSONResponse(body)


def _delete(indexer: Indexer, lock: threading.Lock, doc_id: str, archive: UploadArchive) -> bool:
    with lock:
        if not indexer.delete(doc_id):
            return False
        archive.forget(doc_id)
        return True


@router.delete("/{doc_id:path}", dependencies=[AdminDep])
async def delete_document(
    doc_id: str,
    indexer: IndexerDep,
    catalog: CatalogDep,
    settings: SettingsDep,
    lock: WriteLockDep,
) -> dict[str, Any]:
    """Remove a document from every index (404 when unknown)."""
    with service_errors():
        archive = UploadArchive(settings.data_dir)
        deleted = await run_in_threadpool(_delete, indexer, lock, doc_id, archive)
    if not deleted:
        raise ApiError(404, "document_not_found", "no document with this id")
    return {"deleted": doc_id}
