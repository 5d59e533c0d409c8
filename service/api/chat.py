"""`POST /api/chat`: the chat response as JSON, or as Server-Sent Events."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from typing import Annotated

from fastapi import APIRouter, Header
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

from assistant.schemas import ChatRequest, ChatResponse, StreamEvent, has_words
from assistant.settings import Settings
from service.api.deps import ChatDep, RateLimitDep, SettingsDep
from service.api.errors import ApiError, error_body, service_error, service_errors
from service.api.sse import (
    SSE_HEADERS,
    SSE_MEDIA_TYPE,
    close_in_thread,
    iterate_in_thread,
    next_in_thread,
    sse_event,
    wants_sse,
)

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api", tags=["chat"])


def check_message(message: str, settings: Settings) -> None:
    """Refuse empty and over-long questions with a clear 422 (a message of only spaces,
    punctuation or control characters is as empty as no message)."""
    if not has_words(message):
        raise ApiError(422, "empty_message", "message must not be empty")
    limit = settings.server.max_message_chars
    if len(message) > limit:
        raise ApiError(
            422, "message_too_long", f"message too long: {len(message)} characters (limit {limit})"
        )


async def start_stream(
    events: Iterator[StreamEvent],
) -> tuple[StreamEvent | None, Iterator[StreamEvent]]:
    """Compute the first event before responding, so early failures get a real status code."""
    try:
        with service_errors():
            first = await next_in_thread(events)
    except BaseException:
        await close_in_thread(events)
        raise
    return first, events


async def sse_body(
    first: StreamEvent | None, events: Iterator[StreamEvent]
) -> AsyncIterator[bytes]:
    """Encode stream events; a failure mid-stream becomes a final `error` event."""
    try:
        async for event in iterate_in_thread(events, first):
            yield sse_event(event.event, event.data)
    except Exception as exc:
        mapped = service_error(exc)
        if mapped is None:
            log.error("chat stream failed", exc_info=exc)
            mapped = ApiError(500, "internal_error", "internal error")
        yield sse_event("error", error_body(mapped.code, mapped.message))


@router.post(
    "/chat",
    response_model=ChatResponse,
    dependencies=[RateLimitDep],
    responses={200: {"content": {SSE_MEDIA_TYPE: {}}, "description": "JSON or an event stream"}},
)
async def chat(
    body: ChatRequest,
    chat: ChatDep,
    settings: SettingsDep,
    accept: Annotated[str | None, Header()] = None,
) -> JSONResponse | StreamingResponse:
    """Answer a question with citations; `"stream": true` or `Accept: text/event-stream`
    streams `token` events, one `sources` event and a final `done` event."""
    check_message(body.message, settings)
    if body.stream or wants_sse(accept):
        first, events = await start_stream(chat.stream(body))
        return StreamingResponse(
            sse_body(first, events), media_type=SSE_MEDIA_TYPE, headers=SSE_HEADERS
        )
    with service_errors():
        response = await run_in_threadpool(chat.answer, body)
    return JSONResponse(response.model_dump(mode="json"))
