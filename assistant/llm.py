"""The chat-model factory: an OpenAI-compatible endpoint via langchain-openai, or none."""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel

from assistant.settings import LLMSettings


def build_chat_model(settings: LLMSettings) -> BaseChatModel | None:
    """The configured chat model; None for the extractive (no-LLM) answerer."""
    match settings.provider:
        case "extractive":
            return None
        case "openai":
            from langchain_openai import ChatOpenAI
            from pydantic import SecretStr

            return ChatOpenAI(
                model=settings.model or "gpt-4o-mini",
                base_url=settings.base_url or None,
                api_key=SecretStr(settings.api_key or "unused"),
                timeout=settings.timeout_s,
                max_retries=0,
                temperature=settings.temperature,
            )
    raise ValueError(f"unknown LLM provider: {settings.provider}")
