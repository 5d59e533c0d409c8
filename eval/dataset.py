"""Gold question sets: JSONL files in the contract's format (DESIGN.md section 3).

`load_dataset([path, ...])` reads and validates one or more files; every problem is
reported as `file:line: message` in one `DatasetError`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

_CJK = re.compile(r"[\u3400-\u9fff]")


class DatasetError(ValueError):
    """A gold set cannot be used; the message lists every problem with its line."""


class HistoryTurn(BaseModel):
    """One earlier message of the conversation."""

    model_config = ConfigDict(extra="forbid")

    role: Literal["user", "assistant", "system"]
    content: str


class GoldItem(BaseModel):
    """One question with what a good answer must contain."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    question: str = Field(min_length=1)
    reference: str = ""
    sources: list[str] = Field(default_factory=list)
    must_include: list[list[str]] = Field(default_factory=list)
    language: str = ""
    category: str = "general"
    answerable: bool = True
    history: list[HistoryTurn] = Field(default_factory=list)

    @field_validator("must_include", mode="before")
    @classmethod
    def _groups(cls, value: Any) -> Any:
        """Accept a bare string as a group of one; reject empty groups."""
        if not isinstance(value, list):
            return value
        groups = [[g] if isinstance(g, str) else g for g in value]
        for group in groups:
            if isinstance(group, list) and (not group or any(not str(s).strip() for s in group)):
                raise ValueError("must_include groups need at least one non-empty string")
        return groups

    @field_validator("sources")
    @classmethod
    def _sources(cls, value: list[str]) -> list[str]:
        if any(not s.strip() for s in value):
            raise ValueError("source ids must be non-empty")
        return value

    def model_post_init(self, context: Any, /) -> None:
        """Infer a missing language from the question's script."""
        if not self.language:
            self.language = "zh" if _CJK.search(self.question) else "en"


def parse_line(text: str) -> GoldItem:
    """Parse and validate one JSONL line (raises ValueError with a readable message)."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(raw, dict):
        raise ValueError("each line must be a JSON object")
    try:
        item = GoldItem.model_validate(raw)
    except ValidationError as exc:
        raise ValueError(_describe(exc)) from None
    if not item.answerable and item.sources:
        raise ValueError("an unanswerable question cannot list sources")
    if not item.answerable and item.must_include:
        raise ValueError("an unanswerable question cannot have must_include groups")
    return item


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "line"
        message = err["msg"]
        if err["type"] == "extra_forbidden":
            allowed = ", ".join(GoldItem.model_fields)
            message = f"unknown field (allowed: {allowed})"
        parts.append(f"{where}: {message}")
    return "; ".join(parts)


def load_dataset(paths: Sequence[Path | str]) -> list[GoldItem]:
    """Items of every file in order; ids must be unique across files."""
    if not paths:
        raise DatasetError("no dataset given")
    items: list[GoldItem] = []
    errors: list[str] = []
    seen: dict[str, str] = {}
    for path in map(Path, paths):
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(f"{path}: cannot be read ({exc})")
            continue
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                item = parse_line(line)
            except ValueError as exc:
                errors.append(f"{where}: {exc}")
                continue
            if item.id in seen:
                errors.append(f"{where}: duplicate id '{item.id}' (first at {seen[item.id]})")
                continue
            seen[item.id] = where
            items.append(item)
    if errors:
        raise DatasetError("\n".join(errors))
    if not items:
        raise DatasetError(f"{', '.join(map(str, paths))}: no questions")
    return items
