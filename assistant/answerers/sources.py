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


def cite_documents(
    hits: list[SearchHit], cited: list[int], snippets: dict[int, list[str]] | None = None
) -> tuple[dict[int, int], list[Source]]:
    """Number the documents of the cited hits (indexes into `hits`, in citing order): a
    document cited through several chunks gets one number and one source.

    Returns hit index -> the document's number, and the sources in number order. A
    source's snippet is what was quoted from it (`snippets`, by hit index) when given, else
    the first cited chunk's text.
    """
    numbers: dict[str, int] = {}
    by_hit: dict[int, int] = {}
    first: dict[str, int] = {}
    quoted: dict[str, list[str]] = {}
    for index in cited:
        doc = hits[index].doc_id
        if doc not in numbers:
            numbers[doc] = len(numbers) + 1
            first[doc] = index
        by_hit[index] = numbers[doc]
        quoted.setdefault(doc, []).extend((snippets or {}).get(index, []))
    sources = []
    for doc, number in numbers.items():
        source = make_source(number, hits[first[doc]])
        if quoted[doc]:
            text = " … ".join(dict.fromkeys(quoted[doc]))
            cut = text[:SNIPPET_CHARS].rstrip() + "…" if len(text) > SNIPPET_CHARS else text
            source = source.model_copy(update={"snippet": cut})
        sources.append(source)
    return by_hit, sources
