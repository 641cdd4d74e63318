"""The bounded GithubRetry: waits what GitHub asks (Retry-After, X-RateLimit-Reset, a
secondary limit's minute), never longer than allowed, through an injectable sleep."""

from __future__ import annotations

import io
import time

import pytest
from github.GithubException import RateLimitExceededExceedsMaxWait
from urllib3 import HTTPResponse

from connectors.github.retry import BoundedGithubRetry, WaitStats

SECONDARY = b'{"message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}'  # noqa: E501


def answer(status: int, headers: dict, body: bytes = b"{}") -> HTTPResponse:
    return HTTPResponse(
        body=io.BytesIO(body), headers=headers, status=status, preload_content=False
    )


def retry(**kwargs) -> tuple[BoundedGithubRetry, list[float], WaitStats]:
    slept: list[float] = []
    stats = WaitStats()
    found = BoundedGithubRetry(
        total=5,
        secondary_rate_wait=60,
        max_rate_limit_wait=kwargs.pop("max_wait", 120),
        sleep=slept.append,
        stats=stats,
        **kwargs,
    )
    return found, slept, stats


def test_retry_after_is_honoured_and_counted():
    first, slept, stats = retry()
    response = answer(429, {"Retry-After": "7"})
    second = first.increment("GET", "/x", response=response)
    second.sleep(response)
    assert slept == [7.0] and stats.retries == 1 and stats.rate_limit_waits == 1


def test_a_429_primary_limit_waits_for_the_reset():
    first, slept, _ = retry()
    reset = int(time.time()) + 30
    response = answer(429, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(reset)})
    second = first.increment("GET", "/x", response=response)
    second.sleep(response)
    assert 29 <= slept[0] <= 32


def test_a_secondary_limit_without_retry_after_waits_the_configured_minute():
    first, slept, _ = retry()
    response = answer(403, {}, SECONDARY)
    second = first.increment("GET", "/x", response=response)
    second.sleep(response)
    assert slept == [60]


def test_a_wait_beyond_the_bound_raises_instead_of_sleeping():
    first, slept, _ = retry(max_wait=10)
    response = answer(429, {"Retry-After": "3600"})
    second = first.increment("GET", "/x", response=response)
    with pytest.raises(RateLimitExceededExceedsMaxWait) as err:
        second.sleep(response)
    assert err.value.wait == 3600 and slept == []
    reset = int(time.time()) + 3600
    with pytest.raises(RateLimitExceededExceedsMaxWait):
        first.increment(
            "GET",
            "/x",
            response=answer(429, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(reset)}),
        )
