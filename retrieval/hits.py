"""A retrieved chunk and the scores that placed it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class SearchHit:
    """A retrieved chunk with its fused score and the scores that produced it."""

    chunk_id: str
    text: str
    metadata: dict[str, Any]
    score: float = 0.0
    dense: float | None = None  # cosine similarity
    lexical: float | None = None  # BM25 score
    ranks: dict[str, int] = field(default_factory=dict)

    @property
    def doc_id(self) -> str:
        """The document the chunk belongs to."""
        return str(self.metadata.get("doc_id", self.chunk_id.split("::")[0]))
