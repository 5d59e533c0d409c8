"""The composition root: builds every component once from `Settings`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from assistant.answerers.extractive import ExtractiveAnswerer
from assistant.answerers.llm import LLMAnswerer
from assistant.chat import ChatService
from assistant.conversations import ConversationStore
from assistant.llm import build_chat_model
from assistant.offline import apply_offline_env
from assistant.settings import Settings
from corpus.catalog import Catalog
from corpus.chunking import Chunker
from corpus.ingest import Indexer
from retrieval.embeddings import CachedQueryEmbeddings, build_embeddings
from retrieval.hybrid import HybridRetriever
from retrieval.store import ChromaStore, build_store


@dataclass
class Container:
    """Lazily built, process-wide components (the model loads once, on first use)."""

    settings: Settings

    def __post_init__(self) -> None:
        apply_offline_env()

    @cached_property
    def embeddings(self) -> CachedQueryEmbeddings:
        """The configured embedding model."""
        return build_embeddings(self.settings.embedding)

    @cached_property
    def catalog(self) -> Catalog:
        """The SQLite catalog of ingested documents."""
        return Catalog(self.settings.data_dir / "catalog.sqlite3")

    @cached_property
    def store(self) -> ChromaStore:
        """The Chroma collection."""
        return build_store(
            self.settings.store, self.settings.data_dir, self.embeddings, self.embeddings.signature
        )

    @cached_property
    def indexer(self) -> Indexer:
        """Ingestion and deletion over both indexes."""
        r = self.settings.retrieval
        return Indexer(
            self.catalog,
            self.store,
            self.embeddings,
            Chunker(r.chunk_size, r.chunk_overlap),
            self.settings.data_dir / "lexical",
        )

    @cached_property
    def retriever(self) -> HybridRetriever:
        """Dense + lexical search."""
        return HybridRetriever(
            self.store,
            self.embeddings,
            self.indexer.lexical,
            self._lookup,
            self.settings.retrieval,
            multilingual=self.embeddings.multilingual,
        )

    def _lookup(self, ids: list[str]) -> dict[str, tuple[str, dict[str, Any]]]:
        return {c.id: (c.text, c.metadata) for c in self.catalog.iter_chunks(ids)}

    @cached_property
    def conversations(self) -> ConversationStore:
        """Turns, answers and feedback."""
        return ConversationStore(self.settings.data_dir / "conversations.sqlite3")

    @cached_property
    def chat(self) -> ChatService:
        """The chat service (LLM answerer when configured, else extractive)."""
        llm = build_chat_model(self.settings.llm)
        return ChatService(
            retriever=self.retriever,
            extractive=ExtractiveAnswerer(
                self.indexer.lexical,
                self.settings.answer.min_support,
                self.embeddings,
                self.settings.answer.semantic_weight,
            ),
            conversations=self.conversations,
            store=self.store,
            lexical=self.indexer.lexical,
            llm=LLMAnswerer(llm) if llm is not None else None,
        )
