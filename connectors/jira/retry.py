"""When to retry a Jira request and how long to wait: jittered exponential backoff that
honours the server's own hints (Retry-After in seconds or as an HTTP date, X-RateLimit-Reset).
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

RETRY_STATUSES = frozenset({429, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 6  # the first try and five retries
    base_delay_seconds: float = 1.0
    max_delay_seconds: float = 120.0

    def delay(
        self,
        attempt: int,
        headers: Mapping[str, str] | None = None,
        *,
        now: datetime | None = None,
        rng: random.Random | None = None,
    ) -> float:
        """Seconds to wait before retry number `attempt` (1 for the first retry)."""
        hinted = server_hint_seconds(headers or {}, now or datetime.now(UTC))
        if hinted is not None:
            # A small jitter keeps many clients from waking at the same instant.
            return min(self.max_delay_seconds, hinted + (rng or random).uniform(0, 0.5))
        ceiling = min(self.max_delay_seconds, self.base_delay_seconds * 2 ** (attempt - 1))
        return (rng or random).uniform(ceiling / 2, ceiling)


def server_hint_seconds(headers: Mapping[str, str], now: datetime) -> float | None:
    """How long the server asked us to wait, if it said so."""
    lowered = {k.lower(): v for k, v in headers.items()}
    retry_after = lowered.get("retry-after")
    if retry_after:
        retry_after = retry_after.strip()
        if retry_after.replace(".", "", 1).isdigit():
            return max(0.0, float(retry_after))
        try:
            when = parsedate_to_datetime(retry_after)
        except (TypeError, ValueError):
            when = None
        if when is not None:
            return max(0.0, (when.astimezone(UTC) - now).total_seconds())
    reset = lowered.get("x-ratelimit-reset")
    if reset:
        try:
            when = datetime.fromisoformat(reset.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return max(0.0, (when - now).total_seconds())
    return None
