"""A question as the answerers see it: what the user asked, and what a follow-up carries."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Query:
    """The user's question (`asked`) and the earlier questions a follow-up leans on
    (`carried`, empty for a standalone question)."""

    asked: str
    carried: str = ""

    @property
    def text(self) -> str:
        """The text that is searched: the question followed by what it carries."""
        return f"{self.asked} {self.carried}" if self.carried else self.asked
