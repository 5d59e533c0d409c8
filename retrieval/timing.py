"""Per-stage timings of one search, recorded only when someone asks (`vca bench`).

`stage(name)` around a step adds its wall time to the recording open in this context, and
costs two clock reads when none is open; `recording()` opens one. Stages of the same name
add up (the lexical index is searched twice, for the question and for its translation).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_current: ContextVar[dict[str, float] | None] = ContextVar("vca_stage_timings", default=None)


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Time the enclosed step as `name` (milliseconds) in the open recording, if any."""
    record = _current.get()
    if record is None:
        yield
        return
    start = time.perf_counter()
    try:
        yield
    finally:
        record[name] = record.get(name, 0.0) + (time.perf_counter() - start) * 1000


@contextmanager
def recording() -> Iterator[dict[str, float]]:
    """Record the stages run inside the block: name -> milliseconds."""
    record: dict[str, float] = {}
    token = _current.set(record)
    try:
        yield record
    finally:
        _current.reset(token)
