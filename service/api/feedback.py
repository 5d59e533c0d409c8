"""`/api/feedback`: thumbs up/down on an answer (public), export (admin bearer token)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from service.api.deps import AdminDep, ConversationsDep
from service.api.errors import ApiError

router = APIRouter(prefix="/api/feedback", tags=["feedback"])


class FeedbackRequest(BaseModel):
    """A rating of one answer, identified by the `message_id` of its chat response."""

    model_config = ConfigDict(extra="forbid")

    message_id: str = Field(min_length=1, max_length=200)
    rating: Literal["up", "down"]
    comment: str | None = Field(None, max_length=2000)


@router.post("", status_code=201)
async def add_feedback(body: FeedbackRequest, store: ConversationsDep) -> dict[str, Any]:
    """Record the rating (404 when the message id is unknown)."""
    comment = (body.comment or "").strip() or None
    found = await run_in_threadpool(store.add_feedback, body.message_id, body.rating, comment)
    if not found:
        raise ApiError(404, "message_not_found", "no answer with this message_id")
    return {"status": "recorded", "message_id": body.message_id, "rating": body.rating}


@router.get("", dependencies=[AdminDep])
async def export_feedback(store: ConversationsDep) -> dict[str, Any]:
    """Every rating with its question, answer and sources."""
    items = await run_in_threadpool(store.export_feedback)
    return {"feedback": items, "count": len(items)}
