"""JiraEmulator: a ThreadingHTTPServer on 127.0.0.1 speaking Jira's REST dialect.

    with JiraEmulator(org) as jira:          # or jira = JiraEmulator(org).start(); jira.stop()
        JIRA(server=jira.url, basic_auth=(jira.email, jira.token))

Cloud authenticates with HTTP Basic e-mail:API token, Data Center with a Bearer personal
access token; anything else is a 401. Every request is recorded in `requests`, and
`request_counts()` counts them by route template for benchmarks.
"""

from __future__ import annotations

import base64
import hmac
import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self
from urllib.parse import parse_qs, urlsplit

from simulator.jira_emulator.request import HttpError, Request
from simulator.jira_emulator.routes import Router
from simulator.jira_emulator.site import CLOUD, DATACENTER, Site
from simulator.model import Organisation

UNAUTHENTICATED = "You are not authenticated. Authentication required to perform this operation."


class JiraEmulator:
    def __init__(
        self,
        org: Organisation,
        *,
        deployment: str = CLOUD,
        email: str = "sim@example.com",
        token: str = "sim-token",
        search_page_size: int = 100,
        changelog_page_size: int = 100,
    ) -> None:
        if deployment not in (CLOUD, DATACENTER):
            raise ValueError(f"deployment must be {CLOUD!r} or {DATACENTER!r}, not {deployment!r}")
        self.org = org
        self.deployment = deployment
        self.email = email
        self.token = token
        self.search_page_size = search_page_size
        self.changelog_page_size = changelog_page_size
        self.requests: list[tuple[str, str]] = []  # (method, path) of every request
        self._templates: list[str] = []
        self._router = Router(deployment)
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._site: Site | None = None

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError(
                "the emulator is not running: call start() or use it in a with block"
            )
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> Self:
        if self._server is not None:
            raise RuntimeError(f"the emulator is already running at {self.url}")
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_class(self))
        self._site = Site(
            self.org,
            base_url=self.url,
            deployment=self.deployment,
            account_email=self.email,
            search_page_size=self.search_page_size,
            changelog_page_size=self.changelog_page_size,
        )
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="jira-emulator", daemon=True
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

    def request_counts(self) -> Counter[str]:
        """Requests by route template (unmatched paths count under their own path)."""
        return Counter(self._templates)

    def respond(
        self, method: str, target: str, authorization: str | None, body: bytes
    ) -> tuple[int, object]:
        """(status, JSON body) for one request; what the HTTP handler sends back."""
        parts = urlsplit(target)
        self.requests.append((method, parts.path))
        resolved = self._router.resolve(method, parts.path)
        self._templates.append(resolved[0].template if resolved else parts.path)
        if not self._authenticated(authorization):
            return 401, _error(UNAUTHENTICATED)
        if resolved is None:
            return 404, _error(f"No {method} resource at {parts.path} on this emulated Jira.")
        route, path_params = resolved
        request = Request(method, parts.path, parse_qs(parts.query), body, path_params)
        try:
            return 200, route.handler(self._site, request)
        except HttpError as error:
            return error.status, _error(error.message)
        except Exception as error:  # a bug in the emulator: answer like a server, not a hang
            return 500, _error(f"Emulator error: {error!r}")

    def _authenticated(self, authorization: str | None) -> bool:
        if self.deployment == CLOUD:
            credentials = base64.b64encode(f"{self.email}:{self.token}".encode()).decode()
            expected = f"Basic {credentials}"
        else:
            expected = f"Bearer {self.token}"
        return hmac.compare_digest((authorization or "").encode(), expected.encode())


def _error(message: str) -> dict:
    return {"errorMessages": [message], "errors": {}}


def _handler_class(emulator: JiraEmulator) -> type[BaseHTTPRequestHandler]:
    class JiraRequestHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as a real client session expects
        # Headers and body go out in separate writes; with Nagle's algorithm on, each small
        # response on a kept-alive connection would wait ~40 ms for a delayed ACK.
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def _serve(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            status, payload = emulator.respond(
                method, self.path, self.headers.get("Authorization"), body
            )
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json;charset=UTF-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            """Silent: tests and benchmarks read `requests` instead of stderr."""

    return JiraRequestHandler
