"""Follow-up questions made standalone, by rule (no LLM) or by the LLM when configured."""

from __future__ import annotations

import re
from typing import Any

from assistant.query import Query
from assistant.schemas import Turn
from prompts import load_prompt

_REFERS_BACK = re.compile(
    r"\b(it|its|they|them|their|this|that|these|those|there|he|she|his|her|the same|above|"
    r"mentioned|such|also|then)\b|它|他们|她们|其|该|这|那|此|上述",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[A-Za-z0-9]+|[\u3400-\u9fff]")
CARRIED_QUESTIONS = 2  # earlier user questions a follow-up carries


def is_follow_up(question: str) -> bool:
    """Whether a question leans on earlier turns (pronouns, or short enough to need them)."""
    return bool(_REFERS_BACK.search(question)) or len(_WORDS.findall(question)) <= 16


def rewrite_by_rule(question: str, history: list[Turn]) -> Query:
    """Carry the earlier user questions into a follow-up, so retrieval sees what it is about."""
    earlier = [t.content.strip() for t in history if t.role == "user" and t.content.strip()]
    if not earlier or not is_follow_up(question):
        return Query(question)
    return Query(question, " ".join(earlier[-CARRIED_QUESTIONS:]))


def rewrite_with_llm(question: str, history: list[Turn], llm: Any) -> Query:
    """Ask the LLM for a standalone question; fall back to the rule on any failure."""
    if not history:
        return Query(question)
    lines = "\n".join(f"{t.role}: {t.content}" for t in history[-6:] if t.role != "system")
    prompt = load_prompt("condense").format(history=lines, question=question)
    try:
        reply = llm.invoke(prompt)
        text = str(getattr(reply, "content", reply)).strip()
    except Exception:  # noqa: BLE001 - any LLM failure falls back to the rule
        return rewrite_by_rule(question, history)
    if 0 < len(text) <= 4 * len(question) + 400:
        return Query(text)
    return rewrite_by_rule(question, history)
