"""Deterministic fault injection: what a busy or flaky Jira does to a client, on demand.

Every emulator (`JiraEmulator`, `RecordedJira`) has a `faults` plan that tests change at run
time, between requests:

    jira.faults.add(Fault("429", count=3, path="/rest/api/3/search/jql", retry_after="http-date"))
    jira.faults.add(Fault("503", retry_after="seconds", wait=2))   # the next request
    jira.faults.add(Fault("slow", delay=0.5, count=None))          # every request until cleared
    jira.faults.add(Fault("drop", after=2, path="/rest/api/3/changelog/bulkfetch"))
    jira.faults.add(Fault("malformed", path="/rest/agile/1.0/board/{boardId}/sprint"))
    jira.faults.kill_after(5, path="/rest/api/3/search/jql")  # 5 pass, then every request: 503
    jira.faults.expire_tokens()           # every page token issued so far answers 400
    jira.faults.token_max_age_pages = 1   # a token answers 400 once 2 more pages were served
    jira.faults.clear()                   # a healthy Jira again (expired tokens stay expired)

Kinds: "429" (rate limited, `RateLimit-Reason: jira-burst-based`); "500" (JSON error body);
"502", "503", "504" (an HTML page from the edge proxy, as gateways send: clients must not
expect JSON); "slow" (the normal answer after `delay` seconds: exercises client timeouts);
"drop" (headers announcing the whole body, half of it, then the connection closes: the
client sees IncompleteRead / ChunkedEncodingError); "malformed" (status and headers as
normal, the JSON body cut in half); "kill" (503 for *every* request once `after` requests
matching it have passed: a sync that dies mid-way and must resume later).

Headers: `retry_after="seconds"` sends `Retry-After: <wait>` (whole seconds, rounded up),
`"http-date"` sends the instant `wait` seconds ahead as an HTTP-date, None sends none.
`rate_limit_reset=True` adds `X-RateLimit-Reset`, the same instant in Atlassian's format
"yyyy-MM-ddTHH:mmZ" (minute precision, so it can lie up to a minute in the past).

Matching: `path` is a route template, as `request_counts()` names them, or a literal path;
None matches any. A fault lets its first `after` matching requests through, then hits the
next `count` (None: all until cleared) and is removed. Faults are consulted in the order
they were added, under a lock, so which request fails depends only on arrival order, never
on chance. `clock` (time.time unless replaced) dates Retry-After and X-RateLimit-Reset.
Expired page tokens are answered by the endpoints themselves (see `paging.PageTokens`).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import formatdate

from simulator.jira_emulator.paging import PageTokens
from simulator.jira_emulator.request import Reply, error_body, json_bytes

ERROR_KINDS = ("429", "500", "502", "503", "504", "kill")
SHAPING_KINDS = ("slow", "drop", "malformed")
RETRY_AFTER_FORMATS = (None, "seconds", "http-date")
_GATEWAY_TITLES = {502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}


@dataclass
class Fault:
    kind: str
    count: int | None = 1
    path: str | None = None
    method: str | None = None
    after: int = 0
    retry_after: str | None = None
    wait: float = 1.0
    rate_limit_reset: bool = False
    delay: float = 0.0
    _seen: int = field(default=0, init=False, repr=False)
    _hits: int = field(default=0, init=False, repr=False)

    def __post_init__(self) -> None:
        kinds = ERROR_KINDS + SHAPING_KINDS
        if self.kind not in kinds:
            raise ValueError(f"unknown fault kind {self.kind!r}: use one of {kinds}")
        if self.retry_after not in RETRY_AFTER_FORMATS:
            raise ValueError(
                f"retry_after must be one of {RETRY_AFTER_FORMATS}, not {self.retry_after!r}"
            )
        if (self.count is not None and self.count < 1) or self.after < 0:
            raise ValueError("count must be None or at least 1, and after at least 0")
        if self.kind == "slow" and self.delay <= 0:
            raise ValueError("a slow fault needs delay > 0 (seconds)")

    def matches(self, method: str, template: str, path: str) -> bool:
        return (self.method in (None, method)) and (self.path in (None, template, path))


class FaultPlan:
    def __init__(self, tokens: PageTokens, clock: Callable[[], float] = time.time) -> None:
        self.tokens = tokens
        self.clock = clock
        self._faults: list[Fault] = []
        self._lock = threading.Lock()

    def add(self, *faults: Fault) -> None:
        with self._lock:
            self._faults.extend(faults)

    def kill_after(self, requests: int, *, path: str | None = None) -> Fault:
        """Let `requests` requests matching `path` through, then answer 503 to everything."""
        fault = Fault("kill", count=None, path=path, after=requests)
        self.add(fault)
        return fault

    def clear(self) -> None:
        """Remove every fault and token age limit; tokens already expired stay expired."""
        with self._lock:
            self._faults.clear()
        self.tokens.max_age_pages = None

    def expire_tokens(self) -> None:
        self.tokens.expire_all()

    @property
    def token_max_age_pages(self) -> int | None:
        return self.tokens.max_age_pages

    @token_max_age_pages.setter
    def token_max_age_pages(self, pages: int | None) -> None:
        self.tokens.max_age_pages = pages

    @property
    def pending(self) -> list[Fault]:
        """Faults not yet used up, in the order they are consulted."""
        with self._lock:
            return list(self._faults)

    def take(self, method: str, template: str, path: str) -> Fault | None:
        """The fault this request meets, if any (consuming one of its hits)."""
        with self._lock:
            for fault in self._faults:
                matching = fault.matches(method, template, path)
                if matching and fault._seen < fault.after:
                    fault._seen += 1
                    continue
                armed_kill = fault.kind == "kill" and fault._seen >= fault.after
                if not (matching or armed_kill):
                    continue
                fault._hits += 1
                if fault.count is not None and fault._hits >= fault.count:
                    self._faults.remove(fault)
                return fault
        return None

    def error_reply(self, fault: Fault) -> Reply:
        """The answer to a request an error fault hits (429, 5xx, kill)."""
        status = 503 if fault.kind == "kill" else int(fault.kind)
        headers = self._retry_headers(fault)
        if status == 429:
            headers.append(("RateLimit-Reason", "jira-burst-based"))
            return Reply(429, json_bytes(error_body("Rate limit exceeded.")), headers=headers)
        if status == 500:
            body = error_body("Internal server error (injected by the emulator).")
            return Reply(500, json_bytes(body), headers=headers)
        title = _GATEWAY_TITLES[status]
        page = f"<html><head><title>{status} {title}</title></head><body>{title}</body></html>"
        return Reply(
            status, page.encode(), content_type="text/html; charset=UTF-8", headers=headers
        )

    def _retry_headers(self, fault: Fault) -> list[tuple[str, str]]:
        reset_at = self.clock() + fault.wait
        headers = []
        if fault.retry_after == "seconds":
            headers.append(("Retry-After", str(math.ceil(fault.wait))))
        elif fault.retry_after == "http-date":
            headers.append(("Retry-After", formatdate(reset_at, usegmt=True)))
        if fault.rate_limit_reset:
            moment = datetime.fromtimestamp(reset_at, UTC)
            headers.append(("X-RateLimit-Reset", moment.strftime("%Y-%m-%dT%H:%MZ")))
        return headers
