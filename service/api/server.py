"""`serve(settings)`: run the app with uvicorn (one process, or `server.workers` processes)."""

from __future__ import annotations

import copy
import importlib.util
import socket
from typing import Any

import uvicorn
from fastapi import FastAPI

from assistant.settings import Settings, get_settings
from service.api.app import create_app

#: What each worker process builds its app with (settings from the environment).
APP_FACTORY = "service.api.app:app_from_env"
APP_LOGGERS = ("service", "assistant", "corpus", "retrieval", "ui", "eval")


def log_config() -> dict[str, Any]:
    """uvicorn's logging config plus ours: INFO for the project's loggers, WARNING otherwise."""
    config = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    config["formatters"]["app"] = {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    config["handlers"]["app"] = {
        "class": "logging.StreamHandler",
        "formatter": "app",
        "stream": "ext://sys.stderr",
    }
    config["root"] = {"handlers": ["app"], "level": "WARNING"}
    for name in APP_LOGGERS:
        config["loggers"][name] = {"level": "INFO"}
    return config


def public_base(host: str, port: int) -> str:
    """The URL to print for a listening address (wildcards shown as loopback)."""
    if host in ("", "0.0.0.0"):
        host = "127.0.0.1"
    elif host == "::":
        host = "::1"
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def banner(app: FastAPI | None, base: str) -> str:
    """Where everything is, printed once the server listens (`app` None: several workers
    build their own apps; /ui is there when gradio is installed)."""
    if app is None:
        has_ui = importlib.util.find_spec("gradio") is not None
    else:
        has_ui = any(getattr(r, "path", "") == "/ui" for r in app.routes)
    ui = " · /ui (app)" if has_ui else ""
    state = "ready" if app is not None else "starting its workers (each warms up first)"
    return (
        f"Assistant {state}: {base}/demo (widget){ui} · /widget.js · /api/chat · "
        f"/v1/chat/completions · /docs (API)"
    )


class _Server(uvicorn.Server):
    """uvicorn's server, printing our banner after the sockets are bound."""

    def __init__(self, config: uvicorn.Config, app: FastAPI) -> None:
        super().__init__(config)
        self._app = app

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if not self.started or self.should_exit:
            return
        port = self.config.port
        for server in self.servers:
            for sock in server.sockets:
                port = int(sock.getsockname()[1])
        print(banner(self._app, public_base(self.config.host, port)), flush=True)


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """How `serve` runs the app: `X-Forwarded-For` is honoured only from `trusted_proxies`."""
    trusted = settings.server.trusted_proxies.strip()
    return {
        "host": settings.server.host,
        "port": settings.server.port,
        "proxy_headers": bool(trusted),
        "forwarded_allow_ips": trusted or None,
        "access_log": False,
        "log_config": log_config(),
        "server_header": False,
        "timeout_graceful_shutdown": 10,
    }


def uvicorn_config(app: FastAPI, settings: Settings) -> uvicorn.Config:
    """The one-process server's configuration."""
    return uvicorn.Config(app, workers=1, **uvicorn_options(settings))


def serve(settings: Settings) -> None:
    """Serve the assistant on `settings.server.host:port` until interrupted.

    With `server.workers` > 1, uvicorn's supervisor runs that many processes, each building
    the app from the environment (`app_from_env`) and warming up on its own; they share the
    data folder (SQLite in WAL mode, generation counters) and the listening socket.
    """
    workers = settings.server.workers
    if workers > 1:
        print(banner(None, public_base(settings.server.host, settings.server.port)), flush=True)
        uvicorn.run(APP_FACTORY, factory=True, workers=workers, **uvicorn_options(settings))
        return
    app = create_app(settings)
    _Server(uvicorn_config(app, settings), app).run()


def main() -> None:
    """`python -m service.api.server`: serve with settings from the environment."""
    serve(get_settings())


if __name__ == "__main__":
    main()
