"""GithubEmulator: the GitHub side of a simulated organisation over HTTP on 127.0.0.1.

    with GithubEmulator(gh) as server:                      # gh: simulator.github_model.GithubOrg
        Github(base_url=server.url, auth=Auth.Token(server.token))

Served by simulator.loopback (127.0.0.1, HTTP/1.1 keep-alive). It authenticates the token
(`Authorization: token ...` or `Bearer ...`; anything else is a 401), serves the routes of
`api` under `prefix` ("" as api.github.com, "/api/v3" as GitHub Enterprise Server), pages
lists with Link headers, answers `If-None-Match` with 304 when the ETag still holds (free of
rate limit, as on GitHub), sends X-RateLimit-* on every answer and refuses requests beyond
the primary limit (`rate_limit`). `faults` injects rate limits and errors (see faults.py).
Every request is logged: `records`, `request_counts()` by route template, `charged()`.

The organisation may be changed between syncs (simulator.github_model's methods); the
server reads it on every request.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import threading
import time
from collections import Counter
from dataclasses import dataclass
from email.message import Message
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from simulator.github_emulator import api
from simulator.github_emulator.faults import Fault, FaultPlan, RateLimit
from simulator.github_model import GithubOrg
from simulator.loopback import LoopbackServer, Reply

MAX_PER_PAGE = 100


@dataclass(frozen=True)
class RequestRecord:
    method: str
    path: str
    template: str
    status: int
    fault: str | None
    conditional: bool  # the client sent If-None-Match


class GithubEmulator(LoopbackServer):
    thread_name = "github-emulator"

    def __init__(
        self,
        gh: GithubOrg,
        *,
        token: str = "gh-sim-token",
        prefix: str = "",
        rate_limit: int = 5000,
        rate_window_seconds: float = 3600.0,
    ) -> None:
        super().__init__()
        self.gh = gh
        self.token = token
        self.prefix = prefix.rstrip("/")
        self.rate = RateLimit(rate_limit, rate_window_seconds)
        self.faults = FaultPlan()
        self.records: list[RequestRecord] = []
        self._lock = threading.Lock()

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The API root a client is given as base_url."""
        return self.origin + self.prefix

    # -- the log ---------------------------------------------------------------------------

    def request_counts(self) -> Counter[str]:
        with self._lock:
            return Counter(r.template for r in self.records)

    def total_requests(self) -> int:
        with self._lock:
            return len(self.records)

    def charged(self) -> int:
        """Requests that counted against the rate limit (304s and /rate_limit are free)."""
        with self._lock:
            return sum(
                r.status != 304 and r.template != "/rate_limit" and r.status != 401
                for r in self.records
            )

    def reset_log(self) -> None:
        with self._lock:
            self.records.clear()

    # -- answering -------------------------------------------------------------------------

    def reply(self, method: str, target: str, headers: Message, body: bytes) -> Reply:
        parts = urlsplit(target)
        path = unquote(parts.path)
        local = path[len(self.prefix) :] if path.startswith(self.prefix) else None
        resolved = api.resolve(local) if local is not None and method == "GET" else None
        template = resolved[0] if resolved else path
        conditional = headers.get("If-None-Match")
        fault = self.faults.take(template, path)
        if fault is not None and fault.kind != "slow":
            reply, kind = self._fault_reply(fault), fault.kind
        else:
            reply = self._answer(method, path, parts.query, resolved, headers)
            kind = fault.kind if fault else None
            if fault is not None:
                reply.delay = fault.delay
        with self._lock:
            self.records.append(
                RequestRecord(method, path, template, reply.status, kind, bool(conditional))
            )
        return reply

    def _answer(self, method, path, query_text, resolved, headers) -> Reply:
        if not self._authenticated(headers.get("Authorization")):
            return _json(401, {"message": "Bad credentials", "documentation_url": api.DOCS})
        if resolved is None:
            return _json(404, {"message": "Not Found", "documentation_url": api.DOCS})
        _, handler, params = resolved
        if handler is None:  # /rate_limit: free, and says where the counters stand
            core = self.rate.snapshot()
            return _json(200, {"resources": {"core": core}, "rate": core}, self.rate.headers())
        query = parse_qs(query_text)
        call = api.Call(api=self.url, params=params, query=query)
        try:
            payload = handler(self.gh, call)
        except api.ApiError as error:
            if not self.rate.charge():
                return self._exhausted()
            body = {"message": error.message, "documentation_url": api.DOCS}
            return _json(error.status, body, self.rate.headers())
        extra: list[tuple[str, str]] = []
        if isinstance(payload, api.Listing):
            payload, extra = self._page(payload.items, path, query)
        body = json.dumps(payload, separators=(",", ":")).encode()
        etag = 'W/"' + hashlib.sha1(body, usedforsecurity=False).hexdigest() + '"'
        if headers.get("If-None-Match") == etag:
            return Reply(304, content_type=None, headers=[("ETag", etag), *self.rate.headers()])
        if not self.rate.charge():
            return self._exhausted()
        return Reply(200, body, headers=[("ETag", etag), *extra, *self.rate.headers()])

    def _page(self, items: list, path: str, query: dict) -> tuple[list, list[tuple[str, str]]]:
        per_page = min(MAX_PER_PAGE, max(1, int(_first(query, "per_page") or 30)))
        page = max(1, int(_first(query, "page") or 1))
        last = max(1, math.ceil(len(items) / per_page))

        def link(number: int, rel: str) -> str:
            args = {k: v[-1] for k, v in query.items()} | {"page": str(number)}
            return f'<{self.origin}{path}?{urlencode(args)}>; rel="{rel}"'

        links = []
        if page < last:
            links += [link(page + 1, "next"), link(last, "last")]
        if page > 1:
            links += [link(1, "first"), link(page - 1, "prev")]
        window = items[(page - 1) * per_page : page * per_page]
        return window, [("Link", ", ".join(links))] if links else []

    def _fault_reply(self, fault: Fault) -> Reply:
        body = {"message": fault.message(), "documentation_url": api.DOCS}
        headers = self.rate.headers()
        if fault.kind.startswith("primary"):
            reset = str(math.ceil(time.time() + fault.wait))
            headers = [
                (k, "0" if k == "X-RateLimit-Remaining" else reset if k.endswith("Reset") else v)
                for k, v in headers
            ]
        elif fault.kind in ("secondary", "secondary-429"):
            headers.append(("Retry-After", str(math.ceil(fault.wait))))
        return _json(fault.status(), body, headers)

    def _exhausted(self) -> Reply:
        body = {"message": "API rate limit exceeded for user ID 1.", "documentation_url": api.DOCS}
        return _json(403, body, self.rate.headers())

    def _authenticated(self, authorization: str | None) -> bool:
        scheme, _, value = (authorization or "").partition(" ")
        if scheme.lower() not in ("token", "bearer"):
            return False
        return hmac.compare_digest(value.encode(), self.token.encode())


def _first(query: dict, name: str) -> str | None:
    values = query.get(name)
    return values[-1] if values else None


def _json(status: int, payload: object, headers: list[tuple[str, str]] | None = None) -> Reply:
    return Reply(status, json.dumps(payload).encode(), headers=list(headers or []))
