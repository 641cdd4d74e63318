"""What every emulated Jira shares: authentication, routing, faults, the request log.

The transport and lifecycle are simulator.loopback's (127.0.0.1, HTTP/1.1 keep-alive).
Cloud authenticates with HTTP Basic e-mail:API token, Data Center with a Bearer personal
access token; anything else is a 401. Each request is
routed to a handler, unless the fault plan (`faults`) answers it first or reshapes the
answer. Every request is logged: `requests` keeps (method, path) pairs, `records` adds
the route template, the status and the injected fault, and `request_counts()` /
`fault_counts()` count them by template.

Subclasses name their routes (`_routes`) and build what the handlers read (`_build_site`),
which may need the server's URL for the `self` links of the payloads.
"""

from __future__ import annotations

import base64
import hmac
from collections import Counter
from dataclasses import dataclass
from email.message import Message
from typing import Any
from urllib.parse import SplitResult, parse_qs, urlsplit

from simulator.jira_emulator.faults import ERROR_KINDS, Fault, FaultPlan
from simulator.jira_emulator.paging import PageTokens
from simulator.jira_emulator.request import HttpError, Reply, Request, error_body, json_bytes
from simulator.jira_emulator.routes import Route, Router
from simulator.jira_emulator.site import CLOUD
from simulator.loopback import LoopbackServer

UNAUTHENTICATED = "You are not authenticated. Authentication required to perform this operation."


@dataclass(frozen=True)
class RequestRecord:
    method: str
    path: str
    template: str  # the route template, or the path when no route matched
    status: int
    fault: str | None  # the injected fault's kind ("429", "drop", "expired-token"...), if any


class EmulatedJira(LoopbackServer):
    thread_name = "jira-emulator"

    def __init__(self, *, deployment: str, email: str, token: str) -> None:
        super().__init__()
        self.deployment = deployment
        self.email = email
        self.token = token
        self.requests: list[tuple[str, str]] = []  # (method, path) of every request
        self.records: list[RequestRecord] = []
        self.tokens = PageTokens()
        self.faults = FaultPlan(self.tokens)
        self._router: Router | None = None
        self._site: Any = None

    def _routes(self) -> list[Route]:
        raise NotImplementedError

    def _build_site(self, base_url: str) -> Any:
        raise NotImplementedError

    @property
    def url(self) -> str:
        return self.origin

    def _started(self) -> None:
        self._router = Router(self._routes())
        self._site = self._build_site(self.url)

    def request_counts(self) -> Counter[str]:
        """Requests by route template, injected faults included (unmatched: by path)."""
        return Counter(record.template for record in self.records)

    def fault_counts(self) -> Counter[str]:
        """Requests answered or reshaped by an injected fault, by route template."""
        return Counter(record.template for record in self.records if record.fault)

    def reply(self, method: str, target: str, headers: Message, body: bytes) -> Reply:
        """What the HTTP handler sends back for one request."""
        authorization = headers.get("Authorization")
        parts = urlsplit(target)
        resolved = self._router.resolve(method, parts.path)
        template = resolved[0].template if resolved else parts.path
        fault = self.faults.take(method, template, parts.path)
        if fault is not None and fault.kind in ERROR_KINDS:
            reply, fault_kind = self.faults.error_reply(fault), fault.kind
        else:
            reply, fault_kind = self._answer(method, parts, resolved, authorization, body)
            if fault is not None:
                _reshape(reply, fault)
                fault_kind = fault.kind
        self.requests.append((method, parts.path))
        self.records.append(RequestRecord(method, parts.path, template, reply.status, fault_kind))
        return reply

    def _answer(
        self,
        method: str,
        parts: SplitResult,
        resolved: tuple[Route, dict[str, str]] | None,
        authorization: str | None,
        body: bytes,
    ) -> tuple[Reply, str | None]:
        if not self._authenticated(authorization):
            return Reply(401, json_bytes(error_body(UNAUTHENTICATED))), None
        if resolved is None:
            message = f"No {method} resource at {parts.path} on this emulated Jira."
            return Reply(404, json_bytes(error_body(message))), None
        route, path_params = resolved
        request = Request(method, parts.path, parse_qs(parts.query), body, path_params)
        try:
            payload = route.handler(self._site, request)
        except HttpError as error:
            return Reply(error.status, json_bytes(error.body)), error.fault
        except Exception as error:  # a bug in the emulator: answer like a server, not a hang
            return Reply(500, json_bytes(error_body(f"Emulator error: {error!r}"))), None
        data = payload if isinstance(payload, bytes) else json_bytes(payload)
        return Reply(200, data), None

    def _authenticated(self, authorization: str | None) -> bool:
        if self.deployment == CLOUD:
            credentials = base64.b64encode(f"{self.email}:{self.token}".encode()).decode()
            expected = f"Basic {credentials}"
        else:
            expected = f"Bearer {self.token}"
        return hmac.compare_digest((authorization or "").encode(), expected.encode())


def _reshape(reply: Reply, fault: Fault) -> None:
    """Apply a shaping fault (slow, drop, malformed) to a normal answer."""
    if fault.kind == "slow":
        reply.delay = fault.delay
    elif fault.kind == "drop":
        reply.drop = True
    else:  # malformed: the body cut in half, headers consistent with what is sent
        reply.body = reply.body[: len(reply.body) // 2]
