"""Ingest with the directory read by the LLM (`VCA_LLM__EXTRACT_PARTNERS`): the real
container, Chroma and model, a LangChain fake chat model for the remote LLM."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

import assistant.container as container_module
from assistant.container import Container
from assistant.settings import Settings
from retrieval.directory_view import Filters

TEXT = (
    "Harbor Vocational College and Lumen Robotics signed a cooperation agreement on "
    "5 March 2024. The two will open a welding workshop."
)
REPLY = json.dumps(
    {
        "organizations": [
            {"name": "Harbor Vocational College", "kind": "school"},
            {"name": "Lumen Robotics", "kind": "enterprise"},
        ],
        "cooperations": [
            {
                "a": "Harbor Vocational College",
                "b": "Lumen Robotics",
                "kind": "donation",  # what the rules would never read here
                "date": "2024-03-05",
                "sentence": 1,
            }
        ],
    }
)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The container's chat model is a fake that always gives REPLY; counts its builds."""
    built: list[int] = []

    def fake_model(_settings: object) -> GenericFakeChatModel:
        built.append(1)
        return GenericFakeChatModel(messages=iter([AIMessage(content=REPLY)] * 50))

    monkeypatch.setattr(container_module, "build_chat_model", fake_model)
    yield built


def test_the_llm_reads_the_directory_and_switching_back_re_reads_it(
    tmp_path: Path,
    settings_factory: Callable[..., Settings],
    container_factory: Callable[[Settings], Container],
    calls: list[int],
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "harbor.md").write_text(f"---\ntitle: Harbor signs\n---\n\n{TEXT}\n", "utf-8")
    data = tmp_path / "data"
    with_llm = settings_factory(data_dir=data, llm={"provider": "openai", "extract_partners": True})
    llm_container = container_factory(with_llm)
    report = llm_container.indexer.ingest_paths([docs], progress=False)
    assert report.added == 1 and calls
    found = llm_container.partners.organizations(Filters())
    assert {i["name"]: i["kind"] for i in found["items"]} == {
        "Harbor Vocational College": "school",
        "Lumen Robotics": "enterprise",
    }
    coops = llm_container.partners.cooperations(Filters(cooperation="donation"))
    assert coops["total"] == 1
    assert coops["items"][0]["evidence"][0]["text"].startswith("Harbor Vocational College and")
    # Ingesting again changes nothing.
    assert llm_container.indexer.ingest_paths([docs], progress=False).unchanged == 1
    llm_container.catalog.close()

    # The rules read it again: the extraction is part of what the index was built with.
    rules = container_factory(settings_factory(data_dir=data))
    assert rules.indexer.ingest_paths([docs], progress=False).updated == 1
    assert rules.partners.cooperations(Filters(cooperation="donation"))["total"] == 0
