"""Dependencies: how routes reach the services on `app.state`, and the admin/rate guards."""

from __future__ import annotations

import hmac
import threading
from typing import Annotated

from fastapi import Depends, Request

from assistant.api.errors import ApiError
from assistant.api.ratelimit import SlidingWindowLimiter
from assistant.chat import ChatService
from assistant.container import Container
from assistant.conversations import ConversationStore
from assistant.settings import Settings
from corpus.catalog import Catalog
from corpus.ingest import Indexer


def get_container(request: Request) -> Container:
    """The container built by `create_app`."""
    container: Container = request.app.state.container
    return container


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


ContainerDep = Annotated[Container, Depends(get_container)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_chat(container: ContainerDep) -> ChatService:
    """The chat service."""
    return container.chat


def get_conversations(container: ContainerDep) -> ConversationStore:
    """The conversation and feedback store."""
    return container.conversations


def get_indexer(container: ContainerDep) -> Indexer:
    """The indexer (uploads and deletes)."""
    return container.indexer


def get_catalog(container: ContainerDep) -> Catalog:
    """The document catalog."""
    return container.catalog


def get_write_lock(request: Request) -> threading.Lock:
    """Serialises index writes (uploads, deletes) across requests."""
    lock: threading.Lock = request.app.state.write_lock
    return lock


ChatDep = Annotated[ChatService, Depends(get_chat)]
ConversationsDep = Annotated[ConversationStore, Depends(get_conversations)]
IndexerDep = Annotated[Indexer, Depends(get_indexer)]
CatalogDep = Annotated[Catalog, Depends(get_catalog)]
WriteLockDep = Annotated[threading.Lock, Depends(get_write_lock)]


def require_admin(request: Request, settings: SettingsDep) -> None:
    """Admin writes need `Authorization: Bearer $VCA_ADMIN_TOKEN` (403 when none is set)."""
    expected = settings.server.admin_token
    if not expected:
        raise ApiError(
            403,
            "admin_disabled",
            "admin token not configured: set VCA_ADMIN_TOKEN to enable this operation",
        )
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    challenge = {"WWW-Authenticate": "Bearer"}
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "unauthorized", "missing bearer token", challenge)
    if not hmac.compare_digest(token.strip().encode(), expected.encode()):
        raise ApiError(401, "unauthorized", "invalid bearer token", challenge)


def client_key(request: Request) -> str:
    """The client's address (the proxy-resolved one when uvicorn trusts the proxy)."""
    return request.client.host if request.client else "unknown"


def rate_limit(request: Request) -> None:
    """Per-client sliding-window limit on the chat routes (429 with `Retry-After`)."""
    limiter: SlidingWindowLimiter = request.app.state.limiter
    wait = limiter.hit(client_key(request))
    if wait is not None:
        raise ApiError(
            429,
            "rate_limited",
            f"too many requests: try again in {wait} s",
            {"Retry-After": str(wait)},
        )


AdminDep = Depends(require_admin)
RateLimitDep = Depends(rate_limit)
