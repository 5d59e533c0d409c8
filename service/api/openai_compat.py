"""OpenAI-compatible `POST /v1/chat/completions` and `GET /v1/models`."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

from assistant.schemas import ChatRequest, StreamEvent
from service.api.chat import check_message, start_stream
from service.api.deps import ChatDep, RateLimitDep, SettingsDep
from service.api.errors import ApiError, error_body, service_error, service_errors
from service.api.openai_format import (
    MODEL_ID,
    CompletionRequest,
    chunk,
    completion,
    model_card,
    new_completion_id,
    rough_tokens,
    sources_text,
)
from service.api.sse import SSE_HEADERS, SSE_MEDIA_TYPE, iterate_in_thread, sse_data

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1", tags=["openai"])


@router.get("/models")
async def list_models() -> dict[str, Any]:
    """The models this server offers (one: `vca-assistant`)."""
    return {"object": "list", "data": [model_card()]}


@router.get("/models/{model_id}")
async def get_model(model_id: str) -> dict[str, Any]:
    """One model, or 404."""
    if model_id != MODEL_ID:
        raise ApiError(404, "model_not_found", f"unknown model; available: {MODEL_ID}")
    return model_card()


@router.post(
    "/chat/completions",
    response_model=None,
    dependencies=[RateLimitDep],
    responses={200: {"content": {SSE_MEDIA_TYPE: {}}, "description": "JSON or an event stream"}},
)
async def chat_completions(
    body: CompletionRequest, chat: ChatDep, settings: SettingsDep
) -> JSONResponse | StreamingResponse:
    """Answer the last user message; the answer ends with a `Sources:` list, and the
    response carries the sources as an extra `sources` field."""
    with service_errors():
        request = body.to_chat_request()
    check_message(request.message, settings)
    if body.stream:
        include_usage = bool(body.stream_options and body.stream_options.include_usage)
        first, events = await start_stream(chat.stream(request))
        return StreamingResponse(
            chunks(request, first, events, include_usage),
            media_type=SSE_MEDIA_TYPE,
            headers=SSE_HEADERS,
        )
    with service_errors():
        response = await run_in_threadpool(chat.answer, request)
    return JSONResponse(completion(request, response))


async def chunks(
    request: ChatRequest,
    first: StreamEvent | None,
    events: Iterator[StreamEvent],
    include_usage: bool,
) -> AsyncIterator[bytes]:
    """Translate our stream events into `chat.completion.chunk` events ending in `[DONE]`."""
    cid, created = new_completion_id(), int(time.time())
    yield sse_data(chunk(cid, created, {"role": "assistant", "content": ""}))
    extra: dict[str, Any] = {"sources": []}
    content: list[str] = []
    try:
        async for event in iterate_in_thread(events, first):
            text = ""
            if event.event == "token":
                text = str(event.data.get("text", ""))
            elif event.event == "sources":
                extra.update(
                    {
                        k: v
                        for k, v in event.data.items()
                        if k in ("sources", "grounded", "session_id", "message_id", "curated")
                    }
                )
                text = sources_text(extra["sources"])
            elif event.event == "error":
                yield sse_data({"error": event.data.get("error", event.data)})
                yield sse_data("[DONE]")
                return
            if text:
                content.append(text)
                yield sse_data(chunk(cid, created, {"content": text}))
    except Exception as exc:
        mapped = service_error(exc)
        if mapped is None:
            log.error("completion stream failed", exc_info=exc)
            mapped = ApiError(500, "internal_error", "internal error")
        yield sse_data(error_body(mapped.code, mapped.message))
        yield sse_data("[DONE]")
        return
    yield sse_data(chunk(cid, created, {}, "stop", **extra))
    if include_usage:
        prompt = rough_tokens(request.message) + sum(
            rough_tokens(t.content) for t in request.history
        )
        done = rough_tokens("".join(content))
        usage = {"prompt_tokens": prompt, "completion_tokens": done, "total_tokens": prompt + done}
        yield sse_data({**chunk(cid, created, {}), "choices": [], "usage": usage})
    yield sse_data("[DONE]")
