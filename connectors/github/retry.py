"""How the GitHub client waits: PyGithub's GithubRetry, bounded, counted and testable.

GithubRetry already honours GitHub's rate limits on 403: a primary limit waits until
X-RateLimit-Reset, a secondary limit waits Retry-After (or `secondary_rate_wait` when the
answer gives none), and 5xx answers and dropped connections back off exponentially. This
subclass adds what a nightly job needs:
- 429, which GitHub also answers for both limits, is handled the same way;
- every wait, Retry-After included (urllib3 would sleep any Retry-After it is given), is
  bounded by `max_rate_limit_wait`: a longer one raises RateLimitExceededExceedsMaxWait, so
  the sync stops, names the reset time, and resumes on the next run;
- the sleep function is injectable and every wait is counted (the sync summary, tests).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from threading import Lock
from typing import Any

from github.GithubException import RateLimitExceededExceedsMaxWait
from github.GithubRetry import GithubRetry
from urllib3.util.retry import Retry

RETRIED_STATUSES = [429, *range(500, 600)]  # GithubRetry adds 403 (rate limits only)


@dataclass
class WaitStats:
    retries: int = 0
    waited_seconds: float = 0.0
    rate_limit_waits: int = 0
    _lock: Lock = field(default_factory=Lock, repr=False)

    def retried(self) -> None:
        with self._lock:
            self.retries += 1

    def waited(self, seconds: float, *, rate_limit: bool) -> None:
        with self._lock:
            self.waited_seconds += seconds
            self.rate_limit_waits += rate_limit


class BoundedGithubRetry(GithubRetry):
    def __init__(
        self,
        *,
        sleep: Callable[[float], None] = time.sleep,
        stats: WaitStats | None = None,
        **kwargs: Any,
    ) -> None:
        self.sleep_function = sleep
        self.stats = stats if stats is not None else WaitStats()
        kwargs.setdefault("status_forcelist", list(RETRIED_STATUSES))
        # After the last retry, hand the answer to PyGithub, which raises the exception that
        # names it (RateLimitExceededException, GithubException), not urllib3's RetryError.
        kwargs.setdefault("raise_on_status", False)
        super().__init__(**kwargs)

    def new(self, **kw: Any) -> BoundedGithubRetry:
        retry = super().new(**kw)
        retry.sleep_function, retry.stats = self.sleep_function, self.stats
        return retry

    def increment(
        self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None
    ):
        if response is not None and response.status == 429 and not _retry_after(response):
            # GithubRetry special-cases 403 only; a 429 without Retry-After is a primary limit
            # (X-RateLimit-Remaining: 0, wait for the reset) or a secondary one (wait a while).
            retry = Retry.increment(self, method, url, response, error, _pool, _stacktrace)
            headers = response.headers
            if headers.get("X-RateLimit-Remaining") == "0" and headers.get("X-RateLimit-Reset"):
                wait = _until(headers["X-RateLimit-Reset"]) + 1
            else:
                wait = self.secondary_rate_wait
            self._bound(wait, response)
            wait = max(wait, retry.get_backoff_time())
            retry.get_backoff_time = lambda: wait  # type: ignore[method-assign]
            return retry
        return super().increment(method, url, response, error, _pool, _stacktrace)

    def sleep(self, response=None) -> None:
        told = self.get_retry_after(response) if response is not None else None
        wait = told if told else self.get_backoff_time()
        if response is not None:
            self._bound(wait, response)
        self.stats.retried()  # urllib3 sleeps before every retry, if only for 0 seconds
        if wait > 0:
            is_limit = response is not None and response.status in (403, 429)
            self.stats.waited(wait, rate_limit=is_limit)
            self.sleep_function(wait)

    def _bound(self, wait: float, response) -> None:
        if self.max_rate_limit_wait is not None and wait > self.max_rate_limit_wait:
            raise RateLimitExceededExceedsMaxWait(
                response.status, None, dict(response.headers), wait=wait
            )


def _retry_after(response) -> bool:
    return bool(response.headers.get("Retry-After"))


def _until(epoch_text: str) -> float:
    try:
        reset = datetime.fromtimestamp(int(float(epoch_text)), UTC)
    except ValueError:
        return 0.0
    return max(0.0, (reset - datetime.now(UTC)).total_seconds())
