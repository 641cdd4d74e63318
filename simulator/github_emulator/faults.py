"""What a busy or unhappy GitHub does to a client, on demand, and its primary rate limit.

    gh.faults.add(Fault("secondary", wait=1))                  # next request: 403 + Retry-After: 1
    gh.faults.add(Fault("primary", wait=1, path="/repos/{owner}/{repo}/issues"))
    gh.faults.add(Fault("404", path="/repos/{owner}/{repo}/events", count=None))
    gh.faults.clear()

Kinds, as GitHub answers them (REST docs, "Rate limits for the REST API"):
- "primary": 403, X-RateLimit-Remaining 0 and X-RateLimit-Reset `wait` seconds ahead,
  "API rate limit exceeded"; "primary-429": the same with status 429;
- "secondary": 403 with Retry-After (whole seconds) and the secondary-limit message;
  "secondary-429": the same with status 429; "secondary-no-header": 403 with the message
  and no Retry-After (clients wait a minute, or what they were told to);
- "401" (bad credentials), "403" (the token lacks a permission), "404", "500", "502";
- "slow": the normal answer after `delay` seconds (exercises client timeouts).

Matching: `path` is a route template ("/repos/{owner}/{repo}/issues") or a literal path
("/repos/acme/api/issues"); None matches any. A fault lets `after` matching requests through,
hits the next `count` (None: every one until cleared), then is removed. Faults are consulted
in the order they were added, under a lock: which request fails depends only on arrival order.

`RateLimit` is the primary limit itself: `limit` requests per token per window of `window`
seconds; 304 answers and /rate_limit are free, as on GitHub.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

KINDS = (
    "primary",
    "primary-429",
    "secondary",
    "secondary-429",
    "secondary-no-header",
    "401",
    "403",
    "404",
    "500",
    "502",
    "slow",
)
PRIMARY_MESSAGE = (
    "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, "
    "please include the request ID."
)
SECONDARY_MESSAGE = (
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
)
MESSAGES = {
    "401": "Bad credentials",
    "403": "Resource not accessible by personal access token",
    "404": "Not Found",
    "500": "Server Error",
    "502": "Bad Gateway",
}


@dataclass
class Fault:
    kind: str
    count: int | None = 1
    path: str | None = None
    after: int = 0
    wait: float = 1.0
    delay: float = 0.0
    _seen: int = field(default=0, init=False, repr=False)
    _hits: int = field(default=0, init=False, repr=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}: use one of {KINDS}")
        if (self.count is not None and self.count < 1) or self.after < 0:
            raise ValueError("count must be None or at least 1, and after at least 0")

    def matches(self, template: str, path: str) -> bool:
        return self.path is None or self.path in (template, path)

    def status(self) -> int:
        if self.kind in ("primary", "secondary", "secondary-no-header"):
            return 403
        if self.kind in ("primary-429", "secondary-429"):
            return 429
        return int(self.kind)

    def message(self) -> str:
        if self.kind.startswith("primary"):
            return PRIMARY_MESSAGE
        if self.kind.startswith("secondary"):
            return SECONDARY_MESSAGE
        return MESSAGES[self.kind]


class FaultPlan:
    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._lock = threading.Lock()

    def add(self, fault: Fault) -> Fault:
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def take(self, template: str, path: str) -> Fault | None:
        """The fault that answers this request, if any (counted against its budget)."""
        with self._lock:
            for fault in self._faults:
                if not fault.matches(template, path):
                    continue
                fault._seen += 1
                if fault._seen <= fault.after:
                    continue
                fault._hits += 1
                if fault.count is not None and fault._hits >= fault.count:
                    self._faults.remove(fault)
                return fault
        return None


class RateLimit:
    """The primary rate limit of one token: `limit` requests per `window` seconds."""

    def __init__(
        self, limit: int = 5000, window: float = 3600.0, clock: Callable[[], float] = time.time
    ) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._reset_at: float | None = None
        self.used = 0
        self._lock = threading.Lock()

    def _roll(self) -> None:
        now = self.clock()
        if self._reset_at is None or now >= self._reset_at:
            self._reset_at, self.used = now + self.window, 0

    def charge(self) -> bool:
        """Count one request; False when the limit is already spent (the request is refused)."""
        with self._lock:
            self._roll()
            if self.used >= self.limit:
                return False
            self.used += 1
            return True

    def headers(self) -> list[tuple[str, str]]:
        with self._lock:
            self._roll()
            return [
                ("X-RateLimit-Limit", str(self.limit)),
                ("X-RateLimit-Remaining", str(max(0, self.limit - self.used))),
                ("X-RateLimit-Used", str(self.used)),
                ("X-RateLimit-Reset", str(math.ceil(self._reset_at))),
                ("X-RateLimit-Resource", "core"),
            ]

    def snapshot(self) -> dict:
        with self._lock:
            self._roll()
            return {
                "limit": self.limit,
                "remaining": max(0, self.limit - self.used),
                "reset": math.ceil(self._reset_at),
                "used": self.used,
            }
