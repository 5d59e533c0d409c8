"""The partnership directory's store: organisations and cooperations per document, in the
catalog's SQLite database, written inside the catalog transaction that commits the document.

Rows belong to a document, so re-ingesting replaces them, deleting a document removes
them, and a crash leaves what the last committed transaction wrote. Organisations met in
several documents or in both languages become one entry when they read (`DirectoryView`).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from corpus.orgnames import keys
from corpus.partner_records import DocumentPartners
from retrieval.directory_view import CoopRow, DirectoryView, OrgRow

_SCHEMA = """
CREATE TABLE IF NOT EXISTS dir_orgs (
    doc_id TEXT NOT NULL,
    name TEXT NOT NULL,
    names TEXT NOT NULL,
    kind TEXT NOT NULL,
    region TEXT NOT NULL,
    keys TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS dir_orgs_doc ON dir_orgs(doc_id);
CREATE TABLE IF NOT EXISTS dir_coops (
    doc_id TEXT NOT NULL,
    title TEXT NOT NULL,
    a TEXT NOT NULL,
    b TEXT NOT NULL,
    kind TEXT NOT NULL,
    date TEXT NOT NULL,
    region TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    evidence TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS dir_coops_doc ON dir_coops(doc_id);
"""


class Directory:
    """Writes inside a catalog transaction; reads through its own connection, cached per
    catalog generation (`view()`)."""

    def __init__(self, path: Path, generation: Callable[[], int]) -> None:
        """`path` is the catalog database; `generation()` returns the catalog generation."""
        self.path = path
        self._generation = generation
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.executescript(_SCHEMA)
        self._lock = threading.Lock()
        self._cached: tuple[int, DirectoryView] | None = None

    def close(self) -> None:
        """Close the read connection."""
        self._conn.close()

    # -- writes (inside the catalog's transaction) ----------------------------------------

    @staticmethod
    def put(conn: sqlite3.Connection, partners: DocumentPartners, title: str, region: str) -> None:
        """Replace what a document says about organisations and cooperations."""
        Directory.delete(conn, partners.doc_id)
        conn.executemany(
            "INSERT INTO dir_orgs VALUES (?,?,?,?,?,?)",
            [
                (
                    partners.doc_id,
                    o.name,
                    json.dumps(o.names, ensure_ascii=False),
                    o.kind,
                    o.region,
                    json.dumps(sorted(set().union(*(keys(n) for n in [o.name, *o.names])))),
                )
                for o in partners.organizations
            ],
        )
        conn.executemany(
            "INSERT INTO dir_coops VALUES (?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    partners.doc_id,
                    title,
                    c.a,
                    c.b,
                    c.kind,
                    c.date,
                    region,
                    c.start,
                    c.end,
                    c.evidence,
                )
                for c in partners.cooperations
            ],
        )

    @staticmethod
    def delete(conn: sqlite3.Connection, doc_id: str) -> None:
        """Remove what came from a document."""
        conn.execute("DELETE FROM dir_orgs WHERE doc_id=?", (doc_id,))
        conn.execute("DELETE FROM dir_coops WHERE doc_id=?", (doc_id,))

    # -- reads ----------------------------------------------------------------------------

    def view(self) -> DirectoryView:
        """The merged directory at the catalog's current generation."""
        generation = self._generation()
        with self._lock:
            if self._cached and self._cached[0] == generation:
                return self._cached[1]
            orgs = [
                OrgRow(doc, name, json.loads(names), kind, region, json.loads(k))
                for doc, name, names, kind, region, k in self._conn.execute(
                    "SELECT doc_id, name, names, kind, region, keys FROM dir_orgs "
                    "ORDER BY doc_id, rowid"
                )
            ]
            coops = [
                CoopRow(*row)
                for row in self._conn.execute(
                    'SELECT doc_id, title, a, b, kind, date, region, start, "end", evidence '
                    "FROM dir_coops ORDER BY doc_id, start, rowid"
                )
            ]
            view = DirectoryView(orgs, coops)
            self._cached = (generation, view)
            return view

    def dump(self) -> list[tuple[object, ...]]:
        """Every row, sorted (for comparing two directories in tests)."""
        with self._lock:
            rows = self._conn.execute("SELECT * FROM dir_orgs").fetchall()
            rows += self._conn.execute("SELECT * FROM dir_coops").fetchall()
        return sorted(rows, key=repr)
