"""The two records the pipeline passes along: a loaded document and one of its chunks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Metadata = dict[str, Any]


@dataclass
class SourceDocument:
    """A cleaned document: its id, body text and descriptive metadata."""

    id: str
    text: str
    metadata: Metadata
    # (page number, start offset, end offset) of each PDF page in `text`.
    pages: list[tuple[int, int, int]] = field(default_factory=list)


@dataclass
class Chunk:
    """A piece of a document, the unit that is embedded and searched."""

    id: str
    doc_id: str
    text: str
    metadata: Metadata

    @property
    def embed_text(self) -> str:
        """The text that is embedded and indexed: the title gives every chunk its context."""
        title = str(self.metadata.get("title", ""))
        return f"{title}\n{self.text}" if title else self.text
