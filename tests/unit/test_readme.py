"""The README documents every setting and starts with the two set-up commands."""

from __future__ import annotations

from assistant.settings import Settings
from tests.support import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
FLAT = {  # the contract's flat names (DESIGN.md section 3)
    "server.host": "VCA_HOST",
    "server.port": "VCA_PORT",
    "store.chroma_host": "VCA_CHROMA_HOST",
    "store.chroma_port": "VCA_CHROMA_PORT",
    "embedding.provider": "VCA_EMBEDDING_PROVIDER",
    "embedding.model": "VCA_EMBEDDING_MODEL",
    "llm.provider": "VCA_LLM_PROVIDER",
    "llm.base_url": "VCA_LLM_BASE_URL",
    "llm.model": "VCA_LLM_MODEL",
    "llm.api_key": "VCA_LLM_API_KEY",
    "llm.timeout_s": "VCA_LLM_TIMEOUT_S",
    "server.admin_token": "VCA_ADMIN_TOKEN",
    "server.allowed_origins": "VCA_ALLOWED_ORIGINS",
    "server.rate_limit_per_minute": "VCA_RATE_LIMIT_PER_MINUTE",
    "server.trusted_proxies": "VCA_TRUSTED_PROXIES",
}


def test_every_setting_is_in_the_readme_table() -> None:
    settings = Settings()
    names = ["VCA_DATA_DIR", "VCA_CORPUS_DIR"]
    for group in ("embedding", "store", "retrieval", "answer", "llm", "server", "eval"):
        for field in type(getattr(settings, group)).model_fields:
            key = f"{group}.{field}"
            names.append(FLAT.get(key, f"VCA_{group.upper()}__{field.upper()}"))
    missing = [n for n in names if f"| `{n}` |" not in README]
    assert not missing, f"README settings table lacks {missing}"


def test_numeric_defaults_in_the_readme_match_the_code() -> None:
    settings = Settings()
    wrong = []
    for group in ("retrieval", "answer", "llm", "server"):
        values = getattr(settings, group)
        for field in type(values).model_fields:
            value = getattr(values, field)
            if isinstance(value, bool) or not isinstance(value, int | float):
                continue
            name = FLAT.get(f"{group}.{field}", f"VCA_{group.upper()}__{field.upper()}")
            if f"| `{name}` | `{value}` |" not in README:
                wrong.append(f"{name}={value}")
    assert not wrong, f"README shows other defaults than the code for {wrong}"


def test_readme_starts_with_the_two_commands() -> None:
    head = "\n".join(README.splitlines()[:8])
    assert "make run" in head and "make test" in head
