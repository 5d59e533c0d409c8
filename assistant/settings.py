"""Application settings: one object, read from `VCA_*` environment variables and `.env`.

Each layer defines the settings it reads (`retrieval/settings.py` for embeddings, store and
search); this module adds the answerer's, the service's and the evaluation's, and composes
them. The contract's flat names (`VCA_CHROMA_HOST`, `VCA_LLM_MODEL`, ...) are one table,
`CONTRACT_NAMES`, mapped onto the nested fields: there is one field per setting.
`get_settings()` builds the object once per process.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from retrieval.settings import EmbeddingSettings, RetrievalSettings, StoreSettings

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "documents"


class LLMSettings(BaseModel):
    """The answerer: extractive (no LLM) or an OpenAI-compatible chat endpoint."""

    provider: Literal["extractive", "openai"] = Field("extractive", description="Answerer.")
    base_url: str = Field("", description="OpenAI-compatible base URL (vLLM, Ollama, ...).")
    model: str = Field("", description="Chat model name at that endpoint.")
    api_key: str = Field("", description="API key for that endpoint.")
    timeout_s: float = Field(30.0, gt=0, description="Seconds before an LLM call is abandoned.")
    temperature: float = Field(0.1, ge=0, description="Sampling temperature.")
    extract_partners: bool = Field(
        False,
        description="Also read the partnership directory's organisations and cooperations "
        "with the LLM at ingest (kept only where the document bears them out; the rules "
        "for a document whose reply fails). Each ingested document costs LLM calls.",
    )


class AnswerSettings(BaseModel):
    """The extractive answerer."""

    min_support: float = Field(
        0.51,
        ge=0,
        le=1,
        description="Least support (share of the question's weighted terms the answer's "
        "document covers, less penalties for missing numbers, years, specific terms the "
        "collection lacks and the thing asked for) for a grounded answer; calibrated on the "
        "dev split (`python -m eval.calibrate`).",
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
    rate_limit_per_minute: int = Field(
        30,
        ge=0,
        description="Chat requests per client; 0 off. Counted per worker process: with "
        "`workers` N a client's connections spread over the workers get up to N times it.",
    )
    workers: int = Field(
        1,
        ge=1,
        le=32,
        description="Server processes. One process answers on about one core (Python's GIL); "
        "more use more cores, each holding its own models and caches in memory "
        "(docs/benchmarks.md: 1 against 2 workers at 20k chunks).",
    )
    trusted_proxies: str = Field(
        "",
        description="Comma-separated proxy addresses whose X-Forwarded-For is believed; "
        "empty trusts none.",
    )
    max_message_chars: int = Field(2000, ge=1, description="Longest accepted question.")
    max_body_bytes: int = Field(64_000, ge=1024, description="Largest JSON request body.")
    max_upload_bytes: int = Field(10_000_000, ge=1024, description="Largest upload per request.")
    max_upload_files: int = Field(10, ge=1, description="Most files in one upload.")


class InsightsSettings(BaseModel):
    """What is kept of conversations, how insights group them, and curated answers."""

    retention_days: int = Field(
        180, ge=1, description="Days a conversation (questions, answers, feedback) is kept."
    )
    gap_similarity: float = Field(
        0.92,
        ge=0,
        le=1,
        description="Least similarity (multilingual-e5-small cosine) for two unanswered "
        "questions to be one knowledge gap (best F1 on the dev paraphrase pairs).",
    )
    curated_threshold: float = Field(
        0.9353,
        ge=0,
        le=1,
        description="The gate: least similarity (multilingual-e5-small cosine) for a question "
        "to get a curated answer, when it is also not a near miss (`assistant/near_miss.py`); "
        "the lowest gate with precision 0.95 on the dev pairs of `python -m eval.curated_match` "
        "that serves at most 1 in 1000 off-topic questions.",
    )


class EvalSettings(BaseModel):
    """The evaluation harness."""

    dataset: str = Field("eval/datasets/gold.jsonl", description="Default gold set.")
    out_dir: str = Field("eval/reports/latest", description="Default report folder.")


#: The contract's flat names (`VCA_<NAME>`) and the nested field each one sets; a flat name
#: wins over the nested spelling (`VCA_PORT` over `VCA_SERVER__PORT`).
CONTRACT_NAMES: dict[str, tuple[str, str]] = {
    "host": ("server", "host"),
    "port": ("server", "port"),
    "chroma_host": ("store", "chroma_host"),
    "chroma_port": ("store", "chroma_port"),
    "embedding_provider": ("embedding", "provider"),
    "embedding_model": ("embedding", "model"),
    "llm_provider": ("llm", "provider"),
    "llm_base_url": ("llm", "base_url"),
    "llm_model": ("llm", "model"),
    "llm_api_key": ("llm", "api_key"),
    "llm_timeout_s": ("llm", "timeout_s"),
    "admin_token": ("server", "admin_token"),
    "allowed_origins": ("server", "allowed_origins"),
    "rate_limit_per_minute": ("server", "rate_limit_per_minute"),
    "trusted_proxies": ("server", "trusted_proxies"),
    "retention_days": ("insights", "retention_days"),
    "workers": ("server", "workers"),
}


class _ContractNames(PydanticBaseSettingsSource):
    """The contract's flat variables found by another source (the environment or `.env`)."""

    def __init__(self, settings_cls: type[BaseSettings], variables: Mapping[str, Any]) -> None:
        super().__init__(settings_cls)
        self._variables = variables

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False  # not field by field: see __call__

    def __call__(self) -> dict[str, Any]:
        found = {name: self._variables.get(f"vca_{name}") for name in CONTRACT_NAMES}
        return {name: value for name, value in found.items() if value is not None}


class Settings(BaseSettings):
    """All settings, nested by concern (`VCA_<GROUP>__<FIELD>`), plus the contract's flat names."""

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
    insights: InsightsSettings = Field(default_factory=InsightsSettings)
    eval: EvalSettings = Field(default_factory=EvalSettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Flat contract names next to each source that can hold them (earlier sources win)."""
        return (
            init_settings,
            _ContractNames(settings_cls, getattr(env_settings, "env_vars", {})),
            env_settings,
            _ContractNames(settings_cls, getattr(dotenv_settings, "env_vars", {})),
            dotenv_settings,
            file_secret_settings,
        )

    @model_validator(mode="before")
    @classmethod
    def _fold_contract_names(cls, data: Any) -> Any:
        """Move flat contract names (`port=...`) into their groups (`server.port`)."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for name, (group, field) in CONTRACT_NAMES.items():
            if name in data:
                value = data.pop(name)
                nested = data.get(group)
                nested = nested.model_dump() if isinstance(nested, BaseModel) else nested
                data[group] = {**(nested or {}), field: value}
        return data

    @property
    def allowed_origin_list(self) -> list[str]:
        """The CORS allow-list as a list."""
        return [o.strip() for o in self.server.allowed_origins.split(",") if o.strip()]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment once."""
    return Settings()
