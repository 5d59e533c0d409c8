"""Prompt templates stored as files (`prompts/NAME.md` with {placeholders}), loaded by name."""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path

PROMPT_DIR = Path(__file__).resolve().parent


@cache
def load_prompt(name: str) -> str:
    """The text of prompt `name` (file `prompts/<name>.md`)."""
    path = PROMPT_DIR / f"{name}.md"
    if not path.is_file():
        raise FileNotFoundError(f"no prompt named {name!r}")
    return path.read_text(encoding="utf-8")


def placeholders(name: str) -> set[str]:
    """The `{placeholder}` names used by prompt `name`."""
    return {field for _, field, _, _ in string.Formatter().parse(load_prompt(name)) if field}
