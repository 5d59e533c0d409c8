"""Dependencies: how routes reach the services on `app.state`, and the admin/rate guards."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request

from assistant.chat_service import ChatService
from assistant.container import Container
from assistant.conversations import ConversationStore
from assistant.documents import DocumentService
from assistant.settings import Settings
from service.api.errors import ApiError


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


def get_documents(container: ContainerDep) -> DocumentService:
    """Uploads, deletions and the document list."""
    return container.documents


ChatDep = Annotated[ChatService, Depends(get_chat)]
ConversationsDep = Annotated[ConversationStore, Depends(get_conversations)]
DocumentsDep = Annotated[DocumentService, Depends(get_documents)]


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
    container: Container = request.app.state.container
    wait = container.limiter.hit(client_key(request))
    if wait is not None:
        raise ApiError(
            429,
            "rate_limited",
            f"too many requests: try again in {wait} s",
            {"Retry-After": str(wait)},
        )


AdminDep = Depends(require_admin)
RateLimitDep = Depends(rate_limit)
