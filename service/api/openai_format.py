"""OpenAI chat-completions shapes: the request model and the response/chunk builders."""

from __future__ import annotations

import re
import time
import uuid
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.schemas import ChatRequest, ChatResponse, Turn
from retrieval.filters import SearchFilters
from service.api.errors import ApiError

MODEL_ID = "vca-assistant"
MODEL_CREATED = 1_767_225_600  # 2026-01-01, a fixed "created" for GET /v1/models
MAX_HISTORY_TURNS = 50
MAX_TURN_CHARS = 20_000
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[^\W\u3400-\u9fff\uf900-\ufaff]+")


class ContentPart(BaseModel):
    """One part of a multi-part message; only text parts are read."""

    model_config = ConfigDict(extra="allow")

    type: str
    text: str | None = None


class Message(BaseModel):
    """An OpenAI chat message."""

    model_config = ConfigDict(extra="allow")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[ContentPart] | None = None

    def text(self) -> str:
        """The message's text (text parts joined)."""
        if isinstance(self.content, list):
            return "\n".join(p.text for p in self.content if p.type == "text" and p.text)
        return self.content or ""


class StreamOptions(BaseModel):
    """`stream_options`: only `include_usage` is honoured."""

    model_config = ConfigDict(extra="allow")

    include_usage: bool = False


class CompletionRequest(BaseModel):
    """The fields we use; other OpenAI parameters (temperature, ...) are accepted and ignored.

    `session_id` and `filters` are extensions (send them with the client's `extra_body`).
    """

    model_config = ConfigDict(extra="allow")

    model: str = MODEL_ID
    messages: list[Message] = Field(min_length=1)
    stream: bool = False
    stream_options: StreamOptions | None = None
    session_id: str | None = None
    filters: SearchFilters | None = None

    def to_chat_request(self) -> ChatRequest:
        """The last user message is the question; earlier user/assistant turns the history."""
        last = max((i for i, m in enumerate(self.messages) if m.role == "user"), default=-1)
        if last < 0:
            raise ApiError(400, "no_user_message", "messages must contain a user message")
        history = [
            Turn(role=m.role, content=m.text()[:MAX_TURN_CHARS])
            for m in self.messages[:last]
            if m.role in ("user", "assistant") and m.text().strip()
        ][-MAX_HISTORY_TURNS:]
        return ChatRequest(
            message=self.messages[last].text(),
            history=history,
            session_id=self.session_id,
            filters=self.filters,
        )


def rough_tokens(text: str) -> int:
    """A rough token count: one per CJK character, four-thirds per other word."""
    return len(_CJK.findall(text)) + round(len(_WORD.findall(text)) * 4 / 3)


def sources_text(sources: list[dict[str, Any]]) -> str:
    """`\\n\\nSources:\\n[1] Title (date)` lines appended to the answer; empty without sources."""
    if not sources:
        return ""
    lines = []
    for s in sources:
        date = f" ({s['date']})" if s.get("date") else ""
        lines.append(f"[{s.get('n')}] {s.get('title') or s.get('id')}{date}")
    return "\n\nSources:\n" + "\n".join(lines)


def new_completion_id() -> str:
    """A fresh `chatcmpl-...` id."""
    return f"chatcmpl-{uuid.uuid4().hex}"


def completion(request: ChatRequest, response: ChatResponse) -> dict[str, Any]:
    """A `chat.completion` object; `sources`, `grounded`, `session_id`, `curated` are extra
    fields."""
    sources = [s.model_dump(mode="json") for s in response.sources]
    content = response.answer + sources_text(sources)
    prompt = rough_tokens(request.message) + sum(rough_tokens(t.content) for t in request.history)
    completion_tokens = rough_tokens(content)
    return {
        "id": new_completion_id(),
        "object": "chat.completion",
        "created": int(time.time()),
        "model": MODEL_ID,
        "system_fingerprint": None,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt + completion_tokens,
        },
        "sources": sources,
        "grounded": response.grounded,
        "session_id": response.session_id,
        "message_id": response.message_id,
        "curated": response.curated,
    }


def chunk(
    completion_id: str,
    created: int,
    delta: dict[str, Any],
    finish_reason: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A `chat.completion.chunk` object with one choice (extra top-level fields allowed)."""
    return {
        "id": completion_id,
        "object": "chat.completion.chunk",
        "created": created,
        "model": MODEL_ID,
        "system_fingerprint": None,
        "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}],
        **extra,
    }


def model_card() -> dict[str, Any]:
    """The one model this server offers."""
    return {"id": MODEL_ID, "object": "model", "created": MODEL_CREATED, "owned_by": "vca"}
