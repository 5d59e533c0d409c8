"""An organisation named in a sentence (what the name rules of both languages return)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mention:
    """An organisation named in a sentence: offsets are within the sentence."""

    name: str
    start: int
    end: int
    kind: str
    alias: str = ""
    byline: bool = False  # a news agency credited for the text, never a party
    part: bool = False  # a faculty of an organisation the sentence refers to, never a party
