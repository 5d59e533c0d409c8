"""Every HTTP error is JSON `{"error": {"code", "message"}}`: no stack traces, no paths."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from retrieval.store import StoreError

log = logging.getLogger(__name__)

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(Exception):
    """An error to report to the client as-is (status, machine code, human message)."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        headers: Mapping[str, str] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})
        self.extra = dict(extra or {})


def error_body(code: str, message: str) -> dict[str, Any]:
    """The contract's error object."""
    return {"error": {"code": code, "message": message}}


def error_response(
    status: int,
    code: str,
    message: str,
    headers: Mapping[str, str] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> JSONResponse:
    """A JSON error response (extra top-level keys, e.g. per-file results, are allowed)."""
    return JSONResponse({**error_body(code, message), **(extra or {})}, status, dict(headers or {}))


def summarize_validation(errors: Sequence[Any], limit: int = 5) -> str:
    """`field: message; ...` for pydantic errors, without echoing the submitted values."""
    parts = []
    for err in list(errors)[:limit]:
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "header")]
        parts.append(f"{'.'.join(loc) or 'body'}: {err.get('msg', 'invalid value')}")
    more = len(errors) - limit
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")


async def _api_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message, exc.headers, exc.extra)


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    default = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "error"
    message = exc.detail if isinstance(exc.detail, str) and exc.detail else default
    code = CODES.get(status, "error")
    if status == 400 and "too many" in message.lower():
        status, code = 413, "payload_too_large"  # multipart part/field limits
    return error_response(status, code, message.rstrip(".").lower(), exc.headers)


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return error_response(400, "invalid_json", "request body is not valid JSON")
    return error_response(422, "invalid_request", summarize_validation(errors))


async def _unhandled(request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal_error", "internal error")


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that turn every failure into the JSON error shape."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unhandled)


def service_error(exc: Exception) -> ApiError | None:
    """The client-facing error for a service exception, or None for a bug (-> 500)."""
    if isinstance(exc, StoreError):
        return ApiError(503, "store_unavailable", f"the document index is not available: {exc}")
    if isinstance(exc, ValidationError):
        return ApiError(422, "invalid_request", summarize_validation(exc.errors()))
    if isinstance(exc, ValueError):
        return ApiError(422, "invalid_request", str(exc)[:300] or "invalid request")
    return None


@contextmanager
def service_errors() -> Iterator[None]:
    """Map the services' `StoreError` (503) and `ValueError` (422) to `ApiError`."""
    try:
        yield
    except Exception as exc:
        mapped = service_error(exc)
        if mapped is None:
            raise
        raise mapped from None
