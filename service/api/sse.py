"""Server-Sent Events: wire format, headers, and driving a blocking generator from async code."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any, TypeVar

import anyio
import anyio.to_thread

T = TypeVar("T")
_END = object()

SSE_HEADERS = {
    "Cache-Control": "no-cache",
    "X-Accel-Buffering": "no",  # nginx: do not buffer the stream
}
SSE_MEDIA_TYPE = "text/event-stream"


def sse_event(event: str, data: Any) -> bytes:
    """`event: NAME` + `data: JSON` + blank line."""
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


def sse_data(data: Any) -> bytes:
    """A nameless event (`data: ...`); strings are sent verbatim (e.g. `[DONE]`)."""
    payload = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    return f"data: {payload}\n\n".encode()


def wants_sse(accept: str | None) -> bool:
    """Whether an `Accept` header asks for an event stream."""
    return SSE_MEDIA_TYPE in (accept or "").lower()


async def next_in_thread(iterator: Iterator[T]) -> T | None:
    """The iterator's next item computed in a worker thread; None when it is exhausted."""
    item = await anyio.to_thread.run_sync(next, iterator, _END)
    return None if item is _END else item  # type: ignore[return-value]


async def close_in_thread(iterator: Iterator[Any]) -> None:
    """Close a generator (runs its cleanup) even while the calling task is being cancelled."""
    close = getattr(iterator, "close", None)
    if close is None:
        return
    with anyio.CancelScope(shield=True):
        await anyio.to_thread.run_sync(close)


async def iterate_in_thread(iterator: Iterator[T], first: T | None = None) -> AsyncIterator[T]:
    """Yield `first` (if given), then the rest of a blocking iterator, one thread hop per item."""
    try:
        if first is not None:
            yield first
        while (item := await next_in_thread(iterator)) is not None:
            yield item
    finally:
        await close_in_thread(iterator)
