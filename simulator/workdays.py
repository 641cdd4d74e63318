"""Working-day arithmetic (Monday to Friday, no holidays) and millisecond-exact instants.

Jira stores instants to the millisecond; every generated instant is rounded to whole
milliseconds so that what the emulator renders is exactly the ground truth.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

SATURDAY = 5


def is_working_day(day: date) -> bool:
    return day.weekday() < SATURDAY


def add_working_days(moment: datetime, days: int) -> datetime:
    """The same time of day `days` working days later (days >= 0)."""
    result = moment
    while days > 0:
        result += timedelta(days=1)
        if is_working_day(result.date()):
            days -= 1
    return result


def previous_working_day(moment: datetime) -> datetime:
    """`moment` itself on a working day, else the same time on the Friday before."""
    while not is_working_day(moment.date()):
        moment -= timedelta(days=1)
    return moment


def working_days_between(earlier: datetime, later: datetime) -> int:
    """Working days d with earlier.date() < d <= later.date(): 0 on the same day, 1 from
    Friday to Monday. A sprint starting more than 1 working day after the previous one
    completed was delayed by planning."""
    count = 0
    day = earlier.date() + timedelta(days=1)
    while day <= later.date():
        count += is_working_day(day)
        day += timedelta(days=1)
    return count


def whole_millis(moment: datetime) -> datetime:
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def instant_between(rng: random.Random, earliest: datetime, latest: datetime) -> datetime:
    """A random whole-millisecond instant strictly inside (earliest, latest).

    Falls back to `latest` when the window is narrower than two milliseconds.
    """
    span_ms = int((latest - earliest).total_seconds() * 1000)
    if span_ms < 2:
        return latest
    return whole_millis(earliest) + timedelta(milliseconds=rng.randint(1, span_ms - 1))


def instants_between(
    rng: random.Random, earliest: datetime, latest: datetime, count: int
) -> list[datetime]:
    """`count` distinct ascending whole-millisecond instants strictly inside the window."""
    span_ms = int((latest - earliest).total_seconds() * 1000)
    if span_ms <= count:
        raise ValueError(f"window {earliest}..{latest} too narrow for {count} instants")
    base = whole_millis(earliest)
    offsets = sorted(rng.sample(range(1, span_ms), count))
    return [base + timedelta(milliseconds=offset) for offset in offsets]
