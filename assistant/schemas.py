"""The data shapes of the contract: chat requests, responses, sources and stream events."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from retrieval.filters import SearchFilters


def _valid_unicode(text: str) -> str:
    """Refuse lone surrogates (JSON `"\\ud800"`): the tokenizer and SQLite cannot take them."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text is not valid Unicode (lone surrogate)") from None
    return text


Text = Annotated[str, AfterValidator(_valid_unicode)]


def has_words(text: str) -> bool:
    """Whether `text` holds a letter or a digit of any script (not only spaces, punctuation,
    symbols or control characters)."""
    return any(ch.isalnum() for ch in text)


class Turn(BaseModel):
    """One message of a conversation."""

    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant", "system"]
    content: str = Field(max_length=20_000)


class ChatRequest(BaseModel):
    """A question, optionally continuing a session or carrying its own history."""

    model_config = ConfigDict(extra="forbid")

    message: Text = Field(description="The user's question.")
    session_id: str | None = Field(None, description="Continue this conversation.")
    history: list[Turn] = Field(
        default_factory=list, max_length=50, description="Earlier turns, for stateless clients."
    )
    filters: SearchFilters | None = Field(None, description="Restrict the search.")
    stream: bool = Field(False, description="Answer as Server-Sent Events.")


class Source(BaseModel):
    """A cited source; `n` is the number used in the answer's [n] markers."""

    n: int
    id: str
    title: str
    snippet: str
    score: float
    chunk_id: str
    date: str = ""
    type: str = ""
    language: str = ""
    region: str = ""
    url: str | None = None
    page: int | None = None


class ChatResponse(BaseModel):
    """The answer with its sources; `grounded` is false when the documents do not answer;
    `curated` is true when the answer is one the college's administrator wrote."""

    answer: str
    grounded: bool
    session_id: str
    message_id: str
    sources: list[Source] = Field(default_factory=list)
    degraded: bool = False
    suggestions: list[str] = Field(default_factory=list)
    curated: bool = False


class StreamEvent(BaseModel):
    """One Server-Sent Event: `token` {"text"}, `sources`, `done` (the response), `error`."""

    event: Literal["token", "sources", "done", "error"]
    data: dict[str, Any]
