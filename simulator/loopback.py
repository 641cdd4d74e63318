"""The HTTP layer both API emulators share: a server on 127.0.0.1 (ephemeral port) in a
daemon thread, speaking HTTP/1.1 with keep-alive as a client session expects.

A subclass answers each request (`reply`) with a `Reply`; this module writes it, misbehaving
as the reply says (a delay, a connection dropped mid-body), and owns the lifecycle:

    with SomeEmulator(...) as server:
        client(server.url)
"""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass, field
from email.message import Message
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self

JSON_TYPE = "application/json;charset=UTF-8"


@dataclass
class Reply:
    """What the HTTP handler writes: status, headers and body, and how to misbehave.

    `content_type` None sends none (a 304); `delay` seconds pass before anything is sent;
    `drop` sends the headers (announcing the whole body) and only the first half of the body,
    then closes the connection.
    """

    status: int
    body: bytes = b""
    content_type: str | None = JSON_TYPE
    headers: list[tuple[str, str]] = field(default_factory=list)
    delay: float = 0.0
    drop: bool = False


class LoopbackServer:
    """Lifecycle and transport; subclasses implement `reply` (and may hook `_started`)."""

    thread_name = "emulator"

    def __init__(self) -> None:
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def reply(self, method: str, target: str, headers: Message, body: bytes) -> Reply:
        raise NotImplementedError

    def _started(self) -> None:
        """Called once the port is known, before the first request is served."""

    @property
    def origin(self) -> str:
        if self._server is None:
            raise RuntimeError(
                "the emulator is not running: call start() or use it in a with block"
            )
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> Self:
        if self._server is not None:
            raise RuntimeError(f"the emulator is already running at {self.origin}")
        self._server = _QuietServer(("127.0.0.1", 0), _handler_class(self))
        self._started()
        # A short poll: stop() waits up to one poll interval, and tests stop many emulators.
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name=self.thread_name, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join()
            self._server = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that timed out or hung up is part of the tests, not an error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _handler_class(owner: LoopbackServer) -> type[BaseHTTPRequestHandler]:
    class LoopbackRequestHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as a real client session expects
        # With Nagle's algorithm on, a small response on a kept-alive connection can wait
        # ~40 ms for a delayed ACK.
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def _serve(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            reply = owner.reply(method, self.path, self.headers, body)
            if reply.delay:
                time.sleep(reply.delay)
            lines = [f"HTTP/1.1 {reply.status} {HTTPStatus(reply.status).phrase}"]
            if reply.content_type is not None:
                lines.append(f"Content-Type: {reply.content_type}")
            lines.append(f"Content-Length: {len(reply.body)}")
            lines += [f"{name}: {value}" for name, value in reply.headers]
            data = reply.body
            if reply.drop:
                data = data[: len(data) // 2]
                self.close_connection = True
            # One write: headers and body leave in the same segment(s).
            self.wfile.write("\r\n".join(lines).encode("latin-1") + b"\r\n\r\n" + data)

        def log_message(self, format: str, *args: object) -> None:
            """Silent: tests and benchmarks read their emulator's records instead of stderr."""

    return LoopbackRequestHandler
