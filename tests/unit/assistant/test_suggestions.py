"""Suggested questions and filter choices come from the indexed documents, and follow
the catalog when documents are added or removed."""

from __future__ import annotations

from pathlib import Path

from assistant.suggestions import Suggestions
from corpus.types import Chunk
from retrieval.catalog import Catalog, record_from


def add(catalog: Catalog, doc_id: str, title: str, region: str, date: str, kind: str) -> None:
    meta = {"title": title, "region": region, "date": date, "type": kind, "language": "en"}
    chunk = Chunk(f"{doc_id}::0", doc_id, "text", {**meta, "position": 0})
    with catalog.transaction() as conn:
        catalog.put_document(conn, record_from(doc_id, "h", meta, doc_id, 1), [chunk])


def test_suggestions_name_the_closest_documents_and_follow_the_catalog(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    suggestions = Suggestions(catalog)
    assert suggestions.for_question("anything", "en") == []
    add(catalog, "a", "Lishui robotics order class opens", "Zhejiang; Lishui", "2024-05-01", "news")
    add(catalog, "b", "Provincial rules on internships", "Zhejiang", "2021-01-01", "regulation")
    found = suggestions.for_question("What are the rules for internships?", "en", 1)
    assert found == ["Tell me about: Provincial rules on internships"]
    assert suggestions.for_question("订单班", "zh", 1)[0].startswith("介绍一下：")
    assert suggestions.regions() == ["Zhejiang", "Lishui"]
    assert suggestions.types() == ["news", "regulation"]
    with catalog.transaction() as conn:
        catalog.delete_document(conn, "b")
    assert "Provincial rules" not in " ".join(suggestions.examples("en"))
    catalog.close()
