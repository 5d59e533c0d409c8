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


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of `prompts/<name>.txt` (e.g. example questions)."""
    text = (PROMPT_DIR / f"{name}.txt").read_text(encoding="utf-8")
    return tuple(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))
