"""`DELETE /api/sessions/{session_id}`: forget a conversation.

Allowed to whoever holds the session id (the visitor's widget or client keeps it; it is a
random 128-bit id unless a client chose its own) and to the administrator. Deletes the
session's questions, answers and feedback; 404 when there is nothing under that id.
"""

from __future__ import annotations

from fastapi import APIRouter, Response
from starlette.concurrency import run_in_threadpool

from assistant.conversations import check_session_id
from service.api.deps import ConversationsDep, RateLimitDep
from service.api.errors import ApiError

router = APIRouter(prefix="/api/sessions", tags=["sessions"])


@router.delete("/{session_id}", status_code=204, dependencies=[RateLimitDep])
async def delete_session(session_id: str, store: ConversationsDep) -> Response:
    """Delete every message of the session (204), or 404."""
    try:
        check_session_id(session_id)
    except ValueError as exc:
        raise ApiError(422, "invalid_session_id", str(exc)) from None
    if not await run_in_threadpool(store.delete_session, session_id):
        raise ApiError(404, "session_not_found", "no conversation with this session id")
    return Response(status_code=204)
