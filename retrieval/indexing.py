"""Indexing: files are loaded and chunked (`corpus`), embedded, and written to the vector
index, the catalog and the lexical index, incrementally, idempotently and crash-safely.

Order of writes for each document: embed, replace its chunks in Chroma, then commit its
catalog row (the commit point). A run marks the catalog dirty first and clean last; a run
that finds it dirty reconciles Chroma with the catalog before doing anything else. Chunk
ids carry the content hash, so a half-replaced document is detected exactly.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from corpus.chunking import Chunker
from corpus.loaders import (
    SUPPORTED_SUFFIXES,
    LoaderError,
    content_hash,
    document_id,
    load_bytes,
)
from corpus.partner_records import DocumentPartners
from corpus.partners import EXTRACTION_VERSION, extract
from corpus.types import Chunk, SourceDocument
from retrieval.catalog import Catalog, record_from
from retrieval.directory import Directory
from retrieval.embeddings import CachedQueryEmbeddings
from retrieval.lexical import LexicalIndexes
from retrieval.store import ChromaStore

log = logging.getLogger(__name__)
EMBED_GROUP = 1024  # chunks embedded together: larger groups sort by length better (+7%)
# Part of every document's hash: bump it when loading, cleaning or chunking changes, so
# that the next ingest re-processes documents whose bytes did not change.
PIPELINE_VERSION = "10"


@dataclass
class IngestReport:
    """What an ingest run did; `to_json()` is the CLI's `--json` output."""

    documents: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    chunks: int = 0
    errors: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """The contract's fields plus the errors."""
        data = asdict(self)
        data.pop("ids")
        return data


@dataclass
class PendingFile:
    """A file to ingest: its id, name (for the format and messages) and bytes."""

    doc_id: str
    name: str
    data: bytes
    source_path: str


def discover(paths: Iterable[Path]) -> Iterator[tuple[Path, Path]]:
    """(file, root) pairs for the supported files under `paths`; ids are relative to root."""
    for path in paths:
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in file.relative_to(path).parts)
                if file.is_file() and not hidden and file.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield file, path
        elif path.is_file():
            yield path, path.parent
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")


class Indexer:
    """Keeps the catalog, the Chroma collection and the lexical index in step."""

    def __init__(
        self,
        catalog: Catalog,
        store: ChromaStore,
        embeddings: CachedQueryEmbeddings,
        chunker: Chunker,
        lexical: LexicalIndexes,
        directory: Directory | None = None,
        extractor: Callable[[SourceDocument], DocumentPartners] = extract,
        extractor_version: str = EXTRACTION_VERSION,
    ) -> None:
        self.catalog = catalog
        self.store = store
        self.embeddings = embeddings
        self.chunker = chunker
        self.lexical = lexical
        self.directory = directory
        #: Reads a document's organisations and cooperations (the rules, or an LLM's).
        self.extractor = extractor
        version = f"{PIPELINE_VERSION}.{extractor_version}" if directory else PIPELINE_VERSION
        self.pipeline_key = f"{version}:{chunker.size}:{chunker.overlap}:".encode()

    # -- public operations ----------------------------------------------------------------

    def ingest_paths(
        self, paths: list[Path], prune: bool = False, progress: bool | None = None
    ) -> IngestReport:
        """Ingest every supported file under `paths`; with `prune`, drop documents not seen."""
        files: list[PendingFile] = []
        report = IngestReport()
        for file, root in discover(paths):
            try:
                data = file.read_bytes()
            except OSError as exc:
                report.errors.append(f"{file.name}: cannot be read ({exc.strerror})")
                continue
            files.append(PendingFile(document_id(file, root), file.name, data, str(file)))
        return self.ingest_files(files, prune=prune, progress=progress, report=report)

    def ingest_files(
        self,
        files: list[PendingFile],
        prune: bool = False,
        progress: bool | None = None,
        report: IngestReport | None = None,
    ) -> IngestReport:
        """Ingest files given as bytes (the CLI's and the upload API's common path)."""
        report = report or IngestReport()
        self.recover()
        self.catalog.set_meta("dirty", "1")
        known = self.catalog.hashes()
        todo: list[tuple[PendingFile, SourceDocument, list[Chunk], str]] = []
        seen: set[str] = set()
        for pending in files:
            if pending.doc_id in seen:
                report.errors.append(f"{pending.name}: duplicate document id '{pending.doc_id}'")
                continue
            seen.add(pending.doc_id)
            digest = content_hash(self.pipeline_key + pending.data)
            if known.get(pending.doc_id) == digest:
                report.unchanged += 1
                report.ids.append(pending.doc_id)
                continue
            try:
                doc = load_bytes(pending.data, pending.name, pending.doc_id)
            except LoaderError as exc:
                report.errors.append(str(exc))
                log.warning("skipped %s", exc)
                continue
            chunks = self._chunks(doc, digest)
            todo.append((pending, doc, chunks, digest))

        self._write(todo, known, report, progress)
        if prune:
            gone = sorted(set(known) - seen)
            for doc_id in gone:
                self._remove(doc_id)
            report.removed = len(gone)
        self.finish()
        report.documents = len(self.catalog.documents())
        report.chunks = self.catalog.count_chunks()
        return report

    def delete(self, doc_id: str) -> bool:
        """Remove a document from every index; False when it is unknown."""
        if self.catalog.document(doc_id) is None:
            return False
        self.recover()
        self.catalog.set_meta("dirty", "1")
        self._remove(doc_id)
        self.finish()
        return True

    def rebuild(self, progress: bool | None = None) -> None:
        """Drop the vector collection and re-embed every catalog chunk (new model)."""
        self.catalog.set_meta("dirty", "1")
        self.store.reset()
        self.recover(progress=progress)

    def recover(self, progress: bool | None = None) -> None:
        """After an interrupted run, make Chroma hold exactly the catalog's chunks."""
        if self.catalog.get_meta("dirty") != "1":
            return
        log.info("repairing the index after an interrupted run")
        stored = self.store.all_ids()
        wanted = self.catalog.chunk_ids()
        extra = sorted(stored - wanted)
        if extra:
            self.store.delete_ids(extra)
        missing = sorted(wanted - stored)
        if missing:
            chunks = list(self.catalog.iter_chunks(missing))
            self._embed_and_store(chunks, progress)
        self.finish()

    def finish(self) -> None:
        """Bring the lexical index up to the catalog's generation and mark the run clean."""
        self.lexical.current()
        self.catalog.set_meta("dirty", "0")

    # -- internals ------------------------------------------------------------------------

    def _chunks(self, doc: SourceDocument, digest: str) -> list[Chunk]:
        chunks = self.chunker.split(doc)
        for chunk in chunks:
            chunk.id = f"{doc.id}::{digest[:10]}::{chunk.metadata['position']}"
        return chunks

    def _write(
        self,
        todo: list[tuple[PendingFile, SourceDocument, list[Chunk], str]],
        known: dict[str, str],
        report: IngestReport,
        progress: bool | None,
    ) -> None:
        total = sum(len(chunks) for _, _, chunks, _ in todo)
        bar = _bar(total, "embedding", progress)
        group: list[tuple[PendingFile, SourceDocument, list[Chunk], str]] = []

        def flush() -> None:
            chunks = [c for _, _, cs, _ in group for c in cs]
            vectors = self.embeddings.embed_documents([c.embed_text for c in chunks])
            # One Chroma write and one catalog commit per group: each Chroma call costs tens
            # of milliseconds, which per document would rival the embedding itself. Only
            # documents already in the catalog can have chunks to drop (`recover()` has
            # removed any left by an interrupted run).
            stale = [doc.id for _, doc, _, _ in group if doc.id in known]
            if stale:
                self.store.delete_documents(stale)
            self.store.upsert(
                [c.id for c in chunks],
                vectors,
                [c.text for c in chunks],
                [c.metadata for c in chunks],
            )
            partners = [self.extractor(doc) for _, doc, _, _ in group] if self.directory else []
            with self.catalog.transaction() as conn:
                for pending, doc, doc_chunks, digest in group:
                    record = record_from(
                        doc.id, digest, doc.metadata, pending.source_path, len(doc_chunks)
                    )
                    self.catalog.put_document(conn, record, doc_chunks)
                for found, (_, doc, _, _) in zip(partners, group, strict=True):
                    meta = doc.metadata
                    Directory.put(conn, found, str(meta["title"]), str(meta.get("region", "")))
            for _, doc, _, _ in group:
                if doc.id in known:
                    report.updated += 1
                else:
                    report.added += 1
                report.ids.append(doc.id)
            bar.update(len(chunks))
            group.clear()

        for item in todo:
            group.append(item)
            if sum(len(cs) for _, _, cs, _ in group) >= EMBED_GROUP:
                flush()
        if group:
            flush()
        bar.close()

    def _embed_and_store(self, chunks: list[Chunk], progress: bool | None) -> None:
        bar = _bar(len(chunks), "re-embedding", progress)
        for i in range(0, len(chunks), EMBED_GROUP):
            part = chunks[i : i + EMBED_GROUP]
            vectors = self.embeddings.embed_documents([c.embed_text for c in part])
            self.store.upsert(
                [c.id for c in part], vectors, [c.text for c in part], [c.metadata for c in part]
            )
            bar.update(len(part))
        bar.close()

    def _remove(self, doc_id: str) -> None:
        self.store.delete_documents([doc_id])
        with self.catalog.transaction() as conn:
            self.catalog.delete_document(conn, doc_id)
            if self.directory:
                Directory.delete(conn, doc_id)


def _bar(total: int, desc: str, progress: bool | None) -> tqdm[Any]:
    show = sys.stderr.isatty() if progress is None else progress
    return tqdm(total=total, desc=desc, unit="chunk", disable=not show or total == 0)
