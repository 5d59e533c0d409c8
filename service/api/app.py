"""The HTTP composition root: `create_app(settings)` builds one app around one container."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI
from starlette.types import Scope

from assistant.answerers.concepts.word_frequency import load_word_frequencies
from assistant.container import Container
from assistant.schemas import ChatRequest
from assistant.settings import Settings, get_settings
from assistant.spelling import english_words
from service.api import (
    chat,
    curated,
    documents,
    feedback,
    health,
    insights,
    openai_compat,
    partners,
    sessions,
    static,
)
from service.api.errors import install_error_handlers
from service.api.middleware import (
    BodyLimitMiddleware,
    JSONCORSMiddleware,
    LimitFor,
    RequestContextMiddleware,
)

log = logging.getLogger(__name__)

#: Answered (not recorded) before serving, so that no visitor waits for what a first answer
#: loads: the directory view, word frequencies and jieba's part-of-speech tagger (the
#: tagger alone took 1.2 s, and 16 concurrent first requests waited for it).
WARM_UP_QUESTIONS = (
    "How many students does the training base take each year?",
    "合作企业每年接收的实习学生是多少？",
)


def answer_warm_up_questions(container: Container) -> None:
    """Put the warm-up questions through the chat service without recording them."""
    for question in WARM_UP_QUESTIONS:
        container.chat.run(ChatRequest(message=question), record=False)


def load_both_word_frequencies() -> None:
    """wordfreq's English and Chinese tables (the warm-up questions may not need them), and
    the English words a typing slip may be corrected to."""
    for language in ("en", "zh"):
        load_word_frequencies(language)
    english_words()


def warm_up(container: Container) -> None:
    """Load the model, repair and load the indexes, build the chat service (best effort).

    Done before serving so the first request is fast and no two requests race to build
    a component; failures are logged and reported by `/readyz` instead of stopping startup.
    """
    steps = (
        ("repair the index", container.indexer.recover),
        ("load the embedding model", lambda: container.embeddings.embed_query("warm-up")),
        ("load the lexical index", container.lexical.current),
        # CC-CEDICT (about a second) and the collection's names by pinyin, built once here
        # rather than on the first visitor's question.
        ("load the dictionary", lambda: container.retriever.translate("internship held 实习")),
        ("load the word frequencies", load_both_word_frequencies),
        (
            "list the collection's characters",
            lambda: container.lexical.current().characters,
        ),
        ("answer the warm-up questions", lambda: answer_warm_up_questions(container)),
        ("build the chat service", lambda: container.chat),
        # The documents' titles tokenized for suggestions (0.45 s at 2,680 documents), which
        # the warm-up questions, answered, do not ask for.
        ("list the suggestions", lambda: container.suggestions.examples("en")),
        ("check readiness", lambda: container.chat.ready()),
    )
    for what, step in steps:
        try:
            step()
        except Exception as exc:  # noqa: BLE001 - e.g. the store is down; /readyz tells
            log.warning("startup: could not %s: %s: %s", what, type(exc).__name__, exc)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Warm up (in a worker thread) before the server accepts connections."""
    await anyio.to_thread.run_sync(warm_up, app.state.container)
    yield


def mount_ui(app: FastAPI, container: Container) -> None:
    """Mount the Gradio app at `/ui` (gradio is heavy: imported here, not at module load)."""
    try:
        from ui.gradio_app import mount
    except ImportError as exc:
        log.error("the Gradio UI needs a missing package (%s): /ui is not mounted", exc.name)
        return
    try:
        mount(app, container)
    except Exception:
        log.exception("the Gradio UI failed to mount: /ui is not mounted")


def body_limit(settings: Settings) -> LimitFor:
    """Per-request body limits: uploads (and the UI) get the upload limit, the rest JSON's."""
    upload = settings.server.max_upload_bytes + documents.MULTIPART_OVERHEAD
    json_limit = settings.server.max_body_bytes

    def limit_for(scope: Scope) -> int | None:
        path: str = scope.get("path", "")
        if path.startswith("/ui/") or path == "/ui":
            return upload
        if scope.get("method") == "POST" and path.rstrip("/") == "/api/documents":
            return upload
        return json_limit

    return limit_for


def create_app(settings: Settings, container: Container | None = None) -> FastAPI:
    """Build the FastAPI app: routes, middleware, error handlers, `/ui` hook."""
    container = container or Container(settings)
    app = FastAPI(
        title="Vocational Cooperation Assistant",
        version="0.1.0",
        summary="Answers about vocational education cooperation in China, with citations.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.container = container

    install_error_handlers(app)
    for module in (health, chat, openai_compat, documents, feedback, partners, static):
        app.include_router(module.router)
    for module in (sessions, insights, curated):
        app.include_router(module.router)

    # Added innermost first: request context -> CORS -> body limit -> routes.
    app.add_middleware(BodyLimitMiddleware, limit_for=body_limit(settings))
    origins = settings.allowed_origin_list
    if origins:
        app.add_middleware(
            JSONCORSMiddleware,
            allow_origins=["*"] if origins == ["*"] else [o for o in origins if o != "*"],
            allow_methods=["GET", "POST", "DELETE", "OPTIONS"],
            allow_headers=["Content-Type", "Authorization", "Accept", "X-Request-ID"],
            expose_headers=["Retry-After", "X-Request-ID"],
            max_age=600,
        )
    app.add_middleware(RequestContextMiddleware)

    mount_ui(app, container)
    return app


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory service.api.app:app_from_env` (settings from env)."""
    return create_app(get_settings())
