"""The BM25 index (bm25s), persisted beside the vector index and swapped atomically."""

from __future__ import annotations

import json
import logging
import math
import os
import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from corpus.language import has_cjk
from corpus.types import Chunk
from retrieval.catalog import Catalog
from retrieval.tokenize import tokenize, tokenize_query

log = logging.getLogger(__name__)
CURRENT = "CURRENT"
FORMAT = 4  # bump when the saved layout or the tokenizer changes; older folders are rebuilt


@dataclass
class LexicalEntry:
    """What the lexical index keeps of a chunk: its id, searchable text and filter fields."""

    chunk_id: str
    text: str
    metadata: dict[str, Any]


class LexicalIndex:
    """BM25 over chunk texts; `search` returns `(chunk_id, score)` best first."""

    def __init__(
        self,
        ids: list[str],
        metadata: list[dict[str, Any]],
        bm25: Any,
        generation: int,
        doc_freq: dict[str, int] | None = None,
    ):
        self.ids = ids
        self.metadata = metadata
        self._bm25 = bm25
        self.generation = generation
        self.doc_freq = doc_freq or {}

    @cached_property
    def characters(self) -> frozenset[str]:
        """The Chinese characters of the collection's words (built on first use)."""
        return frozenset(c for token in self.doc_freq if has_cjk(token) for c in token)

    def idf(self, token: str) -> float:
        """Inverse document frequency of a token over the chunks (high = rare)."""
        n = len(self.ids) or 1
        return math.log((n + 1) / (self.doc_freq.get(token, 0) + 0.5))

    @classmethod
    def build(cls, entries: Iterable[LexicalEntry], generation: int = 0) -> LexicalIndex:
        """Tokenize and index `entries`."""
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)
        ids, metas, tokens = [], [], []
        doc_freq: Counter[str] = Counter()
        for entry in entries:
            ids.append(entry.chunk_id)
            metas.append(entry.metadata)
            words = tokenize(entry.text) or [""]
            tokens.append(words)
            doc_freq.update(set(words))
        bm25 = None
        if ids:
            bm25 = bm25s.BM25()
            bm25.index(tokens, show_progress=False)
        return cls(ids, metas, bm25, generation, dict(doc_freq))

    def __len__(self) -> int:
        return len(self.ids)

    def search(
        self, query: str, k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[str, float]]:
        """The `k` best chunks for `query`; `allowed` is a 0/1 mask over the chunks."""
        if self._bm25 is None or k <= 0:
            return []
        token_ids = self._bm25.get_tokens_ids(list(tokenize_query(query)))
        if not token_ids:
            return []
        return self._best(self._bm25.get_scores_from_ids(token_ids, weight_mask=allowed), k)

    def search_alternatives(
        self, groups: list[tuple[str, ...]], k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[str, float]]:
        """The `k` best chunks for a query of terms each said in one of several ways (the
        translations of one word): a chunk scores, per term, its best way only, so a word
        with three translations weighs as much as a name with one."""
        if self._bm25 is None or k <= 0:
            return []
        total: np.ndarray | None = None
        for ways in groups:
            best: np.ndarray | None = None
            for way in ways:
                token_ids = self._bm25.get_tokens_ids(list(tokenize_query(way)))
                if not token_ids:
                    continue
                scores = self._bm25.get_scores_from_ids(token_ids, weight_mask=allowed)
                best = scores if best is None else np.maximum(best, scores)
            if best is not None:
                total = best if total is None else total + best
        return [] if total is None else self._best(total, k)

    def holding(self, term: str) -> np.ndarray:
        """Positions (sorted) of the chunks that hold every search token of `term`."""
        if self._bm25 is None:
            return np.zeros(0, dtype=np.int64)
        tokens = list(dict.fromkeys(tokenize_query(term)))
        token_ids = self._bm25.get_tokens_ids(tokens)  # the tokens the index knows
        if not tokens or len(token_ids) < len(tokens):
            return np.zeros(0, dtype=np.int64)
        # bm25s keeps the scores by token (CSC): a token's chunks are one slice, in order.
        indptr, indices = self._bm25.scores["indptr"], self._bm25.scores["indices"]
        found: np.ndarray | None = None
        for token_id in token_ids:
            here = indices[indptr[token_id] : indptr[token_id + 1]]
            found = here if found is None else np.intersect1d(found, here, assume_unique=True)
        return found if found is not None else np.zeros(0, dtype=np.int64)

    def _best(self, scores: np.ndarray, k: int) -> list[tuple[str, float]]:
        """The `k` chunks of highest positive score, best first."""
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]

    def mask(self, predicate: Any) -> np.ndarray:
        """A 0/1 weight mask of the chunks whose metadata satisfies `predicate`."""
        return np.fromiter((1.0 if predicate(m) else 0.0 for m in self.metadata), dtype=np.float32)

    # -- persistence ---------------------------------------------------------------------

    def save(self, root: Path) -> None:
        """Write a new generation folder, then point CURRENT at it (atomic swap)."""
        root.mkdir(parents=True, exist_ok=True)
        name = f"gen-{self.generation:08d}"
        target = root / name
        tmp = root / f".{name}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        if self._bm25 is not None:
            self._bm25.save(str(tmp / "bm25"), show_progress=False)
        (tmp / "chunks.json").write_text(
            json.dumps(
                {
                    "format": FORMAT,
                    "ids": self.ids,
                    "metadata": self.metadata,
                    "doc_freq": self.doc_freq,
                },
                ensure_ascii=False,
            ),
            encoding="utf-8",
        )
        shutil.rmtree(target, ignore_errors=True)
        tmp.rename(target)
        pointer = root / f".{CURRENT}.tmp"
        pointer.write_text(name, encoding="utf-8")
        os.replace(pointer, root / CURRENT)
        for old in root.glob("gen-*"):
            if old.name != name:
                shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, root: Path) -> LexicalIndex | None:
        """Load the current generation, or None when there is none (or it is unreadable)."""
        import bm25s

        try:
            name = (root / CURRENT).read_text(encoding="utf-8").strip()
            folder = root / name
            data = json.loads((folder / "chunks.json").read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                return None
            bm25 = None
            if (folder / "bm25").exists():
                # Memory-mapped: a question reads the postings of its own tokens only, so
                # the rest of the index stays on disk (in the page cache) rather than in RSS.
                bm25 = bm25s.BM25.load(str(folder / "bm25"), mmap=True, show_progress=False)
        except (OSError, ValueError, KeyError):
            return None
        generation = int(name.removeprefix("gen-"))
        return cls(
            list(data["ids"]), list(data["metadata"]), bm25, generation, data.get("doc_freq", {})
        )


def lexical_entry(chunk: Chunk) -> LexicalEntry:
    """What the lexical index keeps of a chunk: the embedded text and the filter fields."""
    keys = ("doc_id", "language", "type", "region", "date_num")
    return LexicalEntry(chunk.id, chunk.embed_text, {k: chunk.metadata.get(k) for k in keys})


class LexicalIndexes:
    """The lexical index at the catalog's current generation, kept in step with it.

    Every committed catalog change bumps the generation; `current()` then loads the index
    saved for that generation (another process may have written it) or rebuilds it from the
    catalog and saves it.
    """

    def __init__(self, catalog: Catalog, folder: Path) -> None:
        self.catalog = catalog
        self.folder = folder
        self._index: LexicalIndex | None = None

    def current(self) -> LexicalIndex:
        """The index at the catalog's generation (loaded, or rebuilt and saved)."""
        generation = self.catalog.generation
        if self._index is not None and self._index.generation == generation:
            return self._index
        index = LexicalIndex.load(self.folder)
        if index is None or index.generation != generation:
            index = LexicalIndex.build(
                (lexical_entry(c) for c in self.catalog.iter_chunks()), generation
            )
            try:
                index.save(self.folder)
            except OSError as exc:  # another process saving the same generation
                log.warning("lexical index not saved (%s); using it from memory", exc)
        self._index = index
        return index
