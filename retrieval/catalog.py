"""The catalog: SQLite record of ingested documents and chunks, the commit point of ingest.

A document counts as ingested once its row is committed here; the vector index is made to
agree with the catalog (extra chunks deleted, missing ones re-embedded) after a crash.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from corpus.types import Chunk

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL,
    title TEXT NOT NULL,
    language TEXT NOT NULL,
    type TEXT NOT NULL,
    date TEXT NOT NULL,
    region TEXT NOT NULL,
    source_path TEXT NOT NULL,
    chunks INTEGER NOT NULL,
    ingested_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    metadata TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass
class DocumentRecord:
    """One ingested document as listed by the catalog."""

    id: str
    hash: str
    title: str
    language: str
    type: str
    date: str
    region: str
    source_path: str
    chunks: int
    ingested_at: float


class Catalog:
    """Thread-safe access to the catalog database under the data directory."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.executescript(_SCHEMA)
        self._lock = threading.RLock()

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: everything inside commits together or not at all."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    # -- meta -----------------------------------------------------------------------------

    def get_meta(self, key: str, default: str = "") -> str:
        """A value from the meta table."""
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_meta(self, key: str, value: str, conn: sqlite3.Connection | None = None) -> None:
        """Set a meta value (inside `conn`'s transaction when given)."""
        sql = "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value=?"
        if conn is not None:
            conn.execute(sql, (key, value, value))
            return
        with self._lock:
            self._conn.execute(sql, (key, value, value))

    @property
    def generation(self) -> int:
        """Bumped by every committed change; the lexical index records the one it was built at."""
        return int(self.get_meta("generation", "0"))

    # -- documents ------------------------------------------------------------------------

    def documents(self) -> list[DocumentRecord]:
        """All ingested documents, by id."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, hash, title, language, type, date, region, source_path, chunks, "
                "ingested_at FROM documents ORDER BY id"
            ).fetchall()
        return [DocumentRecord(*row) for row in rows]

    def document(self, doc_id: str) -> DocumentRecord | None:
        """One document, or None."""
        return next((d for d in self.documents() if d.id == doc_id), None)

    def hashes(self) -> dict[str, str]:
        """Document id -> content hash."""
        with self._lock:
            return dict(self._conn.execute("SELECT id, hash FROM documents").fetchall())

    def put_document(
        self, conn: sqlite3.Connection, record: DocumentRecord, chunks: list[Chunk]
    ) -> None:
        """Replace a document and its chunks (inside a transaction)."""
        self.delete_document(conn, record.id)
        conn.execute(
            "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                record.id,
                record.hash,
                record.title,
                record.language,
                record.type,
                record.date,
                record.region,
                record.source_path,
                record.chunks,
                record.ingested_at,
            ),
        )
        conn.executemany(
            "INSERT INTO chunks VALUES (?,?,?,?,?)",
            [
                (
                    c.id,
                    c.doc_id,
                    int(c.metadata["position"]),
                    c.text,
                    json.dumps(c.metadata, ensure_ascii=False),
                )
                for c in chunks
            ],
        )
        self._bump(conn)

    def delete_document(self, conn: sqlite3.Connection, doc_id: str) -> None:
        """Remove a document and its chunks (inside a transaction)."""
        conn.execute("DELETE FROM chunks WHERE doc_id=?", (doc_id,))
        conn.execute("DELETE FROM documents WHERE id=?", (doc_id,))
        self._bump(conn)

    def _bump(self, conn: sqlite3.Connection) -> None:
        current = conn.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        self.set_meta("generation", str(int(current[0]) + 1 if current else 1), conn)

    # -- chunks ---------------------------------------------------------------------------

    def chunk_ids(self) -> set[str]:
        """Every chunk id in the catalog."""
        with self._lock:
            return {row[0] for row in self._conn.execute("SELECT id FROM chunks")}

    def iter_chunks(self, ids: list[str] | None = None) -> Iterator[Chunk]:
        """Chunks in document order (all of them, or those with `ids`)."""
        with self._lock:
            if ids is None:
                rows = self._conn.execute(
                    "SELECT id, doc_id, text, metadata FROM chunks ORDER BY doc_id, position"
                ).fetchall()
            else:
                rows = []
                for i in range(0, len(ids), 500):
                    part = ids[i : i + 500]
                    marks = ",".join("?" * len(part))
                    rows += self._conn.execute(
                        f"SELECT id, doc_id, text, metadata FROM chunks WHERE id IN ({marks})",
                        part,
                    ).fetchall()
        for cid, doc_id, text, meta in rows:
            yield Chunk(id=cid, doc_id=doc_id, text=text, metadata=orjson.loads(meta))

    def document_chunks(self, doc_ids: list[str], limit: int) -> list[Chunk]:
        """The first `limit` chunks of each document of `doc_ids`, in document order."""
        if not doc_ids:
            return []
        marks = ",".join("?" * len(doc_ids))
        with self._lock:
            rows = self._conn.execute(
                f"SELECT id, doc_id, text, metadata FROM chunks WHERE doc_id IN ({marks})"
                " AND position < ? ORDER BY doc_id, position",
                [*doc_ids, limit],
            ).fetchall()
        return [Chunk(id=c, doc_id=d, text=t, metadata=orjson.loads(m)) for c, d, t, m in rows]

    def count_chunks(self) -> int:
        """How many chunks the catalog holds."""
        with self._lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM chunks").fetchone()[0])


def now() -> float:
    """The current time as stored in `ingested_at`."""
    return time.time()


def record_from(
    doc_id: str, digest: str, meta: dict[str, Any], path: str, chunks: int
) -> DocumentRecord:
    """A catalog row for a freshly chunked document."""
    return DocumentRecord(
        id=doc_id,
        hash=digest,
        title=str(meta.get("title", "")),
        language=str(meta.get("language", "")),
        type=str(meta.get("type", "")),
        date=str(meta.get("date", "")),
        region=str(meta.get("region", "")),
        source_path=path,
        chunks=chunks,
        ingested_at=now(),
    )
