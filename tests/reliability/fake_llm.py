"""A tiny OpenAI-compatible chat endpoint on loopback, for fault injection.

It answers `POST /v1/chat/completions` (JSON or, with `"stream": true`, Server-Sent Events,
as `ChatOpenAI` asks for both) according to its `mode`, and keeps every request body it
receives so that tests can inspect the prompt the assistant built:

- `ok`: a proper `chat.completion` whose text is `reply` (cites [1] by default);
- `slow`: holds the request (up to `delay` seconds, or until `release()`) before answering;
- `stall`: streams the first words of `reply`, then holds the stream the same way;
- `invalid_json`: 200 with a body (or SSE data) that is not JSON;
- `empty`: a well-formed completion whose content is empty;
- `html`: 200 with an HTML error page (a proxy's "502 Bad Gateway");
- `error`: a 500 with an OpenAI-style error object.

"Down" is not a mode: `stop()` closes the listening socket (connections are refused) and
`start()` listens again on the same port.

`holding` counts the requests held right now: a client that got its answer while the fake
still holds the LLM call has stopped waiting for it (its timeout worked), whatever the clock.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

REPLY = "FAKE-LLM: the documents answer this question [1]."
MODES = ("ok", "slow", "stall", "invalid_json", "empty", "html", "error")


class FakeLLM:
    """The fake endpoint; `url` is the base URL to give as `VCA_LLM_BASE_URL`."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self.port = port
        self.mode = "ok"
        self.reply = REPLY
        self.delay = 5.0
        self.requests: list[dict[str, Any]] = []
        self.holding = 0
        self._released = threading.Event()
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The OpenAI-style base URL (`.../v1`)."""
        return f"http://{self.host}:{self.port}/v1"

    @property
    def running(self) -> bool:
        """Whether the fake is listening."""
        return self._httpd is not None

    def start(self) -> None:
        """Listen (on the same port as before after a `stop()`)."""
        if self._httpd is not None:
            return
        handler = type("Handler", (_Handler,), {"fake": self})
        ThreadingHTTPServer.allow_reuse_address = True
        self._httpd = ThreadingHTTPServer((self.host, self.port), handler)
        self._httpd.daemon_threads = True
        self.port = int(self._httpd.server_address[1])
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop listening: from now on connections to the port are refused."""
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)

    def set(self, mode: str, reply: str = REPLY, delay: float = 5.0) -> None:
        """Switch behaviour (one of `MODES`), release held requests, forget those seen."""
        assert mode in MODES, mode
        self.release()
        with self._lock:
            self.mode, self.reply, self.delay = mode, reply, delay
            self.requests.clear()
            self._released = threading.Event()

    def release(self) -> None:
        """Let every held request (`slow`, `stall`) go on now."""
        self._released.set()

    def hold(self, delay: float) -> None:
        """Hold the calling request until `release()` or `delay` seconds, counted in `holding`."""
        released = self._released
        with self._lock:
            self.holding += 1
        try:
            released.wait(delay)
        finally:
            with self._lock:
                self.holding -= 1

    def record(self, body: dict[str, Any]) -> None:
        """Keep a received request body."""
        with self._lock:
            self.requests.append(body)


def _completion(text: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": "fake",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _chunk(delta: dict[str, Any], finish: str | None = None) -> bytes:
    body = {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": "fake",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return b"data: " + json.dumps(body).encode() + b"\n\n"


class _Handler(BaseHTTPRequestHandler):
    fake: FakeLLM
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib's name
        """Quiet: the test output is not the place for an access log."""

    def do_POST(self) -> None:
        """Answer a chat completion according to the fake's mode."""
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw)
        except ValueError:
            body = {"unparsed": raw.decode(errors="replace")}
        self.fake.record(body)
        mode, reply, delay = self.fake.mode, self.fake.reply, self.fake.delay
        stream = bool(body.get("stream"))
        with contextlib.suppress(OSError):  # the client may have given up (timeout)
            self._answer(mode, reply, delay, stream)

    def _send(self, status: int, content_type: str, payload: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(payload)
        self.wfile.flush()

    def _start_stream(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    def _answer(self, mode: str, reply: str, delay: float, stream: bool) -> None:
        if mode == "slow":
            self.fake.hold(delay)
            mode = "ok"
        if mode == "error":
            error = {"error": {"message": "upstream exploded", "type": "server_error"}}
            self._send(500, "application/json", json.dumps(error).encode())
        elif mode == "html":
            page = b"<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>"
            self._send(200, "text/html", page)
        elif mode == "invalid_json" and not stream:
            self._send(200, "application/json", b'{"choices": [{"message": {"content": "oops')
        elif not stream:
            text = "" if mode == "empty" else reply
            self._send(200, "application/json", json.dumps(_completion(text)).encode())
        else:
            self._stream(mode, reply, delay)

    def _stream(self, mode: str, reply: str, delay: float) -> None:
        self._start_stream()
        self.wfile.write(_chunk({"role": "assistant", "content": ""}))
        if mode == "invalid_json":
            self.wfile.write(b"data: {this is not json\n\n")
        elif mode == "ok" or mode == "stall":
            words = reply.split(" ")
            for i, word in enumerate(words):
                self.wfile.write(_chunk({"content": word if i == 0 else " " + word}))
                self.wfile.flush()
                if mode == "stall" and i == 1:
                    self.fake.hold(delay)
        self.wfile.write(_chunk({}, "stop"))
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()
