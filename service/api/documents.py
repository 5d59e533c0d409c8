"""`/api/documents`: list (public), upload and delete (admin bearer token)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from assistant.documents import UPLOAD_SOURCE_PREFIX
from retrieval.catalog import DocumentRecord
from service.api.deps import AdminDep, DocumentsDep, SettingsDep
from service.api.errors import ApiError, error_response, service_errors
from service.api.uploads import read_uploads

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
async def list_documents(documents: DocumentsDep) -> dict[str, Any]:
    """Every ingested document."""
    records = await run_in_threadpool(documents.documents)
    return {"documents": [document_json(r) for r in records], "count": len(records)}


@router.post(
    "",
    dependencies=[AdminDep],
    openapi_extra=UPLOAD_OPENAPI,
)
async def upload_documents(
    request: Request,
    documents: DocumentsDep,
    settings: SettingsDep,
) -> JSONResponse:
    """Ingest uploaded files (field `files`); they are answerable when this returns."""
    limits = settings.server
    async with request.form(max_files=10_000, max_fields=100) as form:
        uploads = await read_uploads(form.getlist("files"), limits)
    with service_errors():
        report, results = await run_in_threadpool(documents.upload, uploads)
    body = {**report.to_json(), "files": results}
    if all(r["status"] == "error" for r in results):
        return error_response(
            422,
            "ingest_failed",
            "no file could be ingested: " + "; ".join(r["error"] for r in results)[:1000],
            extra=body,
        )
    return JSONResponse(body)


@router.delete("/{doc_id:path}", dependencies=[AdminDep])
async def delete_document(
    doc_id: str,
    documents: DocumentsDep,
) -> dict[str, Any]:
    """Remove a document from every index (404 when unknown)."""
    with service_errors():
        deleted = await run_in_threadpool(documents.delete, doc_id)
    if not deleted:
        raise ApiError(404, "document_not_found", "no document with this id")
    return {"deleted": doc_id}
