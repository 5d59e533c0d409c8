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
    expected_status,
    file_results,
    read_uploads,
    remove_copy,
    save_copy,
)
from assistant.settings import Settings
from corpus.catalog import Catalog, DocumentRecord
from corpus.ingest import Indexer, IngestReport

router = APIRouter(prefix="/api/documents", tags=["documents"])
MULTIPART_OVERHEAD = 256 * 1024  # part headers and boundaries beyond the file bytes


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


def _ingest(indexer: Indexer, lock: threading.Lock, uploads: list[Upload]) -> IngestReport:
    with lock:
        return indexer.ingest_files([u.pending() for u in uploads])


@router.post(
    "",
    dependencies=[AdminDep],
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["files"],
                        "properties": {
                            "files": {
                                "type": "array",
                                "items": {"type": "string", "format": "binary"},
                            }
                        },
                    }
                }
            },
            "required": True,
        }
    },
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
    expected = expected_status(uploads, catalog)
    with service_errors():
        report = await run_in_threadpool(_ingest, indexer, lock, uploads)
    results = file_results(uploads, expected, report)
    for upload, result in zip(uploads, results, strict=True):
        if result["status"] != "error":
            await run_in_threadpool(save_copy, upload, settings.data_dir)
    body = {**report.to_json(), "files": results}
    if all(r["status"] == "error" for r in results):
        return error_response(
            422,
            "ingest_failed",
            "no file could be ingested: " + "; ".join(r["error"] for r in results)[:1000],
            extra=body,
        )
    return JSONResponse(body)


def _delete(
    indexer: Indexer, catalog: Catalog, lock: threading.Lock, doc_id: str, settings: Settings
) -> bool:
    with lock:
        record = catalog.document(doc_id)
        if record is None or not indexer.delete(doc_id):
            return False
        shared = any(d.hash == record.hash for d in catalog.documents())
        if record.source_path.startswith(UPLOAD_SOURCE_PREFIX) and not shared:
            remove_copy(record.hash, settings.data_dir)
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
        deleted = await run_in_threadpool(_delete, indexer, catalog, lock, doc_id, settings)
    if not deleted:
        raise ApiError(404, "document_not_found", "no document with this id")
    return {"deleted": doc_id}
