"""What the indexed documents can answer, drawn from the catalog: suggested questions (with a
refusal, and as the UI's examples) and the regions and types to filter by.

Built from the documents' titles, regions and types, and rebuilt when the catalog's
generation changes (after every ingest, upload or deletion).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from itertools import islice

from retrieval.catalog import Catalog, DocumentRecord
from retrieval.tokenize import tokenize, tokenize_query

SUGGESTIONS = 3  # questions suggested with a refusal
MAX_TITLE_CHARS = 80  # longer titles are cut in a suggestion
TEMPLATES = {"en": "Tell me about: {title}", "zh": "介绍一下：{title}"}


@dataclass
class _Snapshot:
    generation: int
    documents: list[DocumentRecord] = field(default_factory=list)
    #: token -> positions in `documents` of the documents whose title or region has it
    postings: dict[str, list[int]] = field(default_factory=dict)


def _short(title: str) -> str:
    title = " ".join(title.split())
    return title if len(title) <= MAX_TITLE_CHARS else title[: MAX_TITLE_CHARS - 1] + "…"


class Suggestions:
    """Suggested questions and filter choices for the documents in `catalog`."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._snapshot = _Snapshot(-1)
        self._lock = threading.Lock()

    def _current(self) -> _Snapshot:
        generation = self.catalog.generation
        with self._lock:
            if self._snapshot.generation != generation:
                documents = sorted(self.catalog.documents(), key=lambda d: d.date, reverse=True)
                postings: dict[str, list[int]] = {}
                for i, d in enumerate(documents):
                    # `tokenize`, not the cached `tokenize_query`: thousands of titles would
                    # push the visitors' questions out of its cache.
                    for token in frozenset(tokenize(f"{d.title} {d.region}")):
                        postings.setdefault(token, []).append(i)
                self._snapshot = _Snapshot(generation, documents, postings)
            return self._snapshot

    def for_question(self, question: str, language: str, count: int = SUGGESTIONS) -> list[str]:
        """Questions about the documents closest to `question` (newest first on a tie)."""
        snapshot = self._current()
        shared: dict[int, int] = {}  # document position -> question tokens it shares
        for token in frozenset(tokenize_query(question)):
            for i in snapshot.postings.get(token, ()):
                shared[i] = shared.get(i, 0) + 1
        order = sorted(shared, key=lambda i: (-shared[i], i))[:count]
        rest = (i for i in range(len(snapshot.documents)) if i not in shared)  # newest first
        order += islice(rest, max(0, count - len(order)))
        template = TEMPLATES.get(language, TEMPLATES["en"])
        return [template.format(title=_short(snapshot.documents[i].title)) for i in order[:count]]

    def examples(self, language: str, count: int = 6) -> list[str]:
        """Questions about the newest documents, for the UI."""
        return self.for_question("", language, count)

    def regions(self) -> list[str]:
        """The places documents are about (each part of their `region`), most common first."""
        counts: dict[str, int] = {}
        for document in self._current().documents:
            for part in document.region.replace(",", ";").split(";"):
                if part.strip():
                    counts[part.strip()] = counts.get(part.strip(), 0) + 1
        return sorted(counts, key=lambda r: (-counts[r], r))

    def types(self) -> list[str]:
        """The document types in the collection."""
        return sorted({d.type for d in self._current().documents if d.type})
