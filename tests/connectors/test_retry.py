"""How long the connector waits before retrying: the server's word first, then backoff."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from connectors.jira.retry import RetryPolicy, server_hint_seconds

NOW = datetime(2026, 3, 2, 12, 0, 0, tzinfo=UTC)


def test_retry_after_in_seconds_is_honoured():
    assert server_hint_seconds({"Retry-After": "7"}, NOW) == 7.0


def test_retry_after_as_an_http_date_is_honoured():
    assert server_hint_seconds({"retry-after": "Mon, 02 Mar 2026 12:00:30 GMT"}, NOW) == 30.0


def test_ratelimit_reset_is_used_when_retry_after_is_missing():
    headers = {"X-RateLimit-Reset": "2026-03-02T12:01:00Z"}
    assert server_hint_seconds(headers, NOW) == 60.0


def test_a_date_in_the_past_means_retry_now_and_garbage_means_no_hint():
    assert server_hint_seconds({"Retry-After": "Mon, 02 Mar 2026 11:00:00 GMT"}, NOW) == 0.0
    assert server_hint_seconds({"Retry-After": "soon"}, NOW) is None
    assert server_hint_seconds({}, NOW) is None


def test_backoff_grows_exponentially_with_jitter_and_a_cap():
    policy = RetryPolicy(base_delay_seconds=1.0, max_delay_seconds=10.0)
    rng = random.Random(1)
    delays = [policy.delay(attempt, {}, now=NOW, rng=rng) for attempt in (1, 2, 3, 4, 5, 6)]
    for attempt, delay in enumerate(delays, start=1):
        ceiling = min(10.0, 2 ** (attempt - 1))
        assert ceiling / 2 <= delay <= ceiling
    assert policy.delay(1, {"Retry-After": "3"}, now=NOW, rng=rng) == pytest.approx(3, abs=0.5)
