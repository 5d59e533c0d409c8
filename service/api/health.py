"""`/healthz` (the process is alive) and `/readyz` (index and store usable)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from assistant.container import Container
from retrieval.store import StoreError
from service.api.deps import ContainerDep
from service.api.errors import error_response

log = logging.getLogger(__name__)
router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """Liveness: answers as long as the process serves requests."""
    return {"status": "ok"}


def _readiness(container: Container) -> dict[str, Any]:
    container.chat.ready()
    catalog = container.catalog
    return {
        "status": "ready",
        "documents": len(catalog.documents()),
        "chunks": catalog.count_chunks(),
    }


@router.get("/readyz", response_model=None)
async def readyz(container: ContainerDep) -> dict[str, Any] | JSONResponse:
    """Readiness: 200 with counts, or 503 saying why the assistant cannot answer."""
    try:
        return await run_in_threadpool(_readiness, container)
    except StoreError as exc:
        reason = str(exc)
    except Exception as exc:
        log.warning("readiness check failed", exc_info=exc)
        reason = f"assistant not ready ({type(exc).__name__})"
    return error_response(503, "not_ready", reason)
