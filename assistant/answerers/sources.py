"""The contract's source entries, built from retrieved chunks."""

from __future__ import annotations

from assistant.schemas import Source
from retrieval.hits import SearchHit

SNIPPET_CHARS = 320  # longest snippet shown for a source


def make_source(n: int, hit: SearchHit, snippet_chars: int = SNIPPET_CHARS) -> Source:
    """The contract's source entry for a retrieved chunk, numbered `n`."""
    meta = hit.metadata
    snippet = (
        hit.text if len(hit.text) <= snippet_chars else hit.text[:snippet_chars].rstrip() + "…"
    )
    page = meta.get("page")
    return Source(
        n=n,
        id=hit.doc_id,
        title=str(meta.get("title", "")),
        snippet=snippet,
        score=round(hit.dense if hit.dense is not None else hit.score, 4),
        chunk_id=hit.chunk_id,
        date=str(meta.get("date", "")),
        type=str(meta.get("type", "")),
        language=str(meta.get("language", "")),
        region=str(meta.get("region", "")),
        url=str(meta.get("url")) if meta.get("url") else None,
        page=int(page) if isinstance(page, int) else None,
    )
