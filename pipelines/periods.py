"""The as-of dates of a backfill: the end of every period between two dates."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from pipelines.settings import ConfigError

PERIODS = ("week", "month", "quarter")
MAX_DATES = 520  # ten years of weeks: a bigger backfill is almost surely a typo in --from


def period_ends(start: date, end: date, every: str) -> list[date]:
    """Every period end in [start, end], oldest first: Sundays (ISO weeks end on Sunday), the last
    day of each month, or of each quarter (31 March, 30 June, 30 September, 31 December)."""
    if every not in PERIODS:
        raise ConfigError(f"--every must be one of {', '.join(PERIODS)}, not {every!r}")
    if end < start:
        raise ConfigError(f"--to {end} is before --from {start}")
    if every == "week":
        first = start + timedelta(days=(6 - start.weekday()) % 7)
        found = [first + timedelta(weeks=i) for i in range((end - first).days // 7 + 1)]
    else:
        step = 1 if every == "month" else 3
        found = []
        year, month = start.year, start.month
        if every == "quarter":
            month = ((month - 1) // 3 + 1) * 3  # the last month of start's quarter
        while True:
            day = date(year, month, calendar.monthrange(year, month)[1])
            if day > end:
                break
            if day >= start:
                found.append(day)
            month += step
            if month > 12:
                year, month = year + 1, month - 12
    if not found:
        raise ConfigError(
            f"no {every} ends between {start} and {end}: widen --from/--to or choose a "
            "shorter --every"
        )
    if len(found) > MAX_DATES:
        raise ConfigError(f"{len(found)} as-of dates: more than {MAX_DATES}; check --from")
    return found
