"""The embeddable widget (`/widget.js`) and its demo host page (`/demo`)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse
from starlette.concurrency import run_in_threadpool

from service.api.errors import ApiError

router = APIRouter(include_in_schema=False)

DEMO_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self' data:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)


def ui_file(*parts: str) -> Path:
    """A file of the `ui` package, located without importing it (404 when absent)."""
    spec = importlib.util.find_spec("ui")
    roots = list(spec.submodule_search_locations or []) if spec else []
    for root in roots:
        path = Path(root).joinpath(*parts)
        if path.is_file():
            return path
    raise ApiError(404, "not_found", f"{parts[-1]} is not installed")


@router.api_route("/widget.js", methods=["GET", "HEAD"])
async def widget() -> FileResponse:
    """The chat widget script (embeddable cross-origin with one script tag)."""
    return FileResponse(
        ui_file("static", "widget.js"),
        media_type="text/javascript; charset=utf-8",
        headers={
            "Cache-Control": "public, max-age=300, must-revalidate",
            "Cross-Origin-Resource-Policy": "cross-origin",
        },
    )


@router.api_route("/demo", methods=["GET", "HEAD"])
async def demo() -> HTMLResponse:
    """A sample college page that embeds the widget."""
    path = ui_file("templates", "demo.html")
    html = await run_in_threadpool(path.read_text, encoding="utf-8")
    return HTMLResponse(
        html,
        headers={
            "Cache-Control": "no-cache",
            "Content-Security-Policy": DEMO_CSP,
            "X-Frame-Options": "SAMEORIGIN",
        },
    )
