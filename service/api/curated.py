"""`/api/admin/answers`: the administrator's curated answers (admin bearer token)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from assistant.curated import CuratedAnswer, CuratedInput, CuratedStore
from retrieval.catalog import Catalog
from service.api.deps import AdminDep, ContainerDep
from service.api.errors import ApiError

MAX_IMPORT = 1000  # curated answers one import may carry

router = APIRouter(prefix="/api/admin/answers", tags=["admin"], dependencies=[AdminDep])


def get_curated(container: ContainerDep) -> CuratedStore:
    """The curated answers store."""
    return container.curated


def get_catalog(container: ContainerDep) -> Catalog:
    """The document catalog (to check linked document ids)."""
    return container.catalog


CuratedDep = Annotated[CuratedStore, Depends(get_curated)]
CatalogDep = Annotated[Catalog, Depends(get_catalog)]


class CuratedImport(BaseModel):
    """An export, to load back: `{"answers": [...]}` (ids kept: an import replaces them)."""

    model_config = ConfigDict(extra="ignore")

    answers: list[dict[str, Any]] = Field(max_length=MAX_IMPORT)


def check_documents(item: CuratedInput, catalog: Catalog) -> None:
    """Refuse links to documents that are not ingested (422)."""
    unknown = [d for d in item.documents if catalog.document(d) is None]
    if unknown:
        raise ApiError(422, "unknown_document", f"no ingested document with id {unknown[0]!r}")


def _json(answer: CuratedAnswer) -> dict[str, Any]:
    return answer.model_dump(mode="json")


@router.post("", status_code=201)
async def create_answer(
    body: CuratedInput, store: CuratedDep, catalog: CatalogDep
) -> dict[str, Any]:
    """Add a curated answer; every process serves it from its next question."""
    check_documents(body, catalog)
    return _json(await run_in_threadpool(store.create, body))


@router.get("")
async def list_answers(store: CuratedDep) -> dict[str, Any]:
    """Every curated answer."""
    answers = await run_in_threadpool(store.list)
    return {"answers": [_json(a) for a in answers], "count": len(answers)}


@router.get("/export")
async def export_answers(store: CuratedDep) -> dict[str, Any]:
    """Every curated answer, in the format `POST /import` takes."""
    answers = await run_in_threadpool(store.list)
    return {"answers": [_json(a) for a in answers]}


@router.post("/import")
async def import_answers(
    body: CuratedImport, store: CuratedDep, catalog: CatalogDep
) -> dict[str, Any]:
    """Load an export: answers with a known id are replaced, the others added."""
    items: list[tuple[str | None, CuratedInput]] = []
    for number, raw in enumerate(body.answers, 1):
        fields = {k: v for k, v in raw.items() if k in CuratedInput.model_fields}
        try:
            item = CuratedInput.model_validate(fields)
        except ValueError as exc:
            raise ApiError(422, "invalid_request", f"answer {number}: {exc}"[:300]) from None
        check_documents(item, catalog)
        answer_id = raw.get("id")
        items.append((answer_id if isinstance(answer_id, str) and answer_id else None, item))
    for answer_id, item in items:
        await run_in_threadpool(store.create, item, answer_id)
    return {"imported": len(items)}


@router.get("/{answer_id}")
async def get_answer(answer_id: str, store: CuratedDep) -> dict[str, Any]:
    """One curated answer (404 when unknown)."""
    answer = await run_in_threadpool(store.get, answer_id)
    if answer is None:
        raise ApiError(404, "answer_not_found", "no curated answer with this id")
    return _json(answer)


@router.put("/{answer_id}")
async def update_answer(
    answer_id: str, body: CuratedInput, store: CuratedDep, catalog: CatalogDep
) -> dict[str, Any]:
    """Replace a curated answer's question, paraphrases, answer and documents."""
    check_documents(body, catalog)
    answer = await run_in_threadpool(store.update, answer_id, body)
    if answer is None:
        raise ApiError(404, "answer_not_found", "no curated answer with this id")
    return _json(answer)


@router.delete("/{answer_id}")
async def delete_answer(answer_id: str, store: CuratedDep) -> dict[str, Any]:
    """Delete a curated answer; processes stop serving it from their next question."""
    if not await run_in_threadpool(store.delete, answer_id):
        raise ApiError(404, "answer_not_found", "no curated answer with this id")
    return {"status": "deleted", "id": answer_id}
