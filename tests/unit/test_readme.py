"""The README documents every setting and starts with the two set-up commands."""

from __future__ import annotations

from assistant.settings import CONTRACT_NAMES, Settings
from tests.support import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
FLAT = {
    f"{group}.{field}": f"VCA_{name.upper()}" for name, (group, field) in CONTRACT_NAMES.items()
}


def test_every_setting_is_in_the_readme_table() -> None:
    settings = Settings()
    names = ["VCA_DATA_DIR", "VCA_CORPUS_DIR"]
    for group in ("embedding", "store", "retrieval", "answer", "llm", "server", "insights", "eval"):
        for field in type(getattr(settings, group)).model_fields:
            key = f"{group}.{field}"
            names.append(FLAT.get(key, f"VCA_{group.upper()}__{field.upper()}"))
    missing = [n for n in names if f"| `{n}` |" not in README]
    assert not missing, f"README settings table lacks {missing}"


def test_numeric_defaults_in_the_readme_match_the_code() -> None:
    defaults = Settings.model_fields
    wrong = []
    for group in ("retrieval", "answer", "llm", "server", "insights"):
        factory = defaults[group].default_factory
        assert factory is not None
        values = factory()  # the code's defaults, whatever the environment says
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
