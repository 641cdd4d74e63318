"""A board's sprint timeline: closed sprints, then one active and one future sprint.

Cadence is where maturity shows first (seed 001: "inconsistent sprint cadences",
"frequent planning delays"):
- level 1 alternates short (4-7 days) and long (20-28 days) sprints, so any six
  consecutive sprints have a length coefficient of variation well above 0.35;
- level >= 2 runs two-week sprints, completed within hours of the planned end;
- levels 1-2 start every other sprint (and some more) 2-6 working days after the
  previous one completed; from level 3 the next sprint starts within the hour.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta

from simulator.habits import LevelHabits
from simulator.model import Sprint
from simulator.workdays import add_working_days, instant_between, previous_working_day

TWO_WEEKS = timedelta(days=14)
# A sprint completing this close to `now` becomes the active one, so that the active
# sprint always has some history behind it.
ACTIVE_MARGIN = timedelta(days=2)

GOALS = (
    "Ship the redesigned checkout",
    "Cut p95 latency below 300 ms",
    "Close the top five customer bugs",
    "Launch the self-serve trial",
    "Instrument the activation funnel",
    "Retire the legacy export job",
)


def plan_sprints(
    rng: random.Random,
    habits: LevelHabits,
    *,
    project_key: str,
    board_id: int,
    now: datetime,
    months: int,
    sprint_ids: Iterator[int],
) -> list[Sprint]:
    """Closed sprints from about `months` before `now`, then the active and future one."""
    sprints: list[Sprint] = []
    start = _first_start(rng, now, months)
    while True:
        number = len(sprints) + 1
        planned, complete = _duration(rng, habits, number, start)
        # Completion always follows the start, so a late start also makes it the active one.
        is_active = complete >= now - ACTIVE_MARGIN
        if start >= now - ACTIVE_MARGIN and sprints:
            start = max(now - ACTIVE_MARGIN, sprints[-1].complete_at + timedelta(minutes=5))
        sprint = _sprint(rng, habits, project_key, board_id, next(sprint_ids), number, start)
        sprint.end_at = start + planned
        if is_active:
            sprint.state = "active"
            sprints.append(sprint)
            break
        sprint.state, sprint.complete_at = "closed", complete
        sprints.append(sprint)
        start = _next_start(rng, habits, number + 1, complete)
    future = Sprint(
        next(sprint_ids), f"{project_key} Sprint {len(sprints) + 1}", board_id, "future"
    )
    sprints.append(future)
    return sprints


def _first_start(rng: random.Random, now: datetime, months: int) -> datetime:
    origin = now - timedelta(days=round(months * 365.25 / 12))
    monday = origin - timedelta(days=origin.weekday())
    nine = monday.replace(hour=9, minute=0, second=0, microsecond=0)
    return instant_between(rng, nine, nine + timedelta(minutes=40))


def _duration(
    rng: random.Random, habits: LevelHabits, number: int, start: datetime
) -> tuple[timedelta, datetime]:
    """(planned length, actual completion) of the number-th sprint (1-based)."""
    if not habits.irregular_cadence:
        jitter = timedelta(hours=3) if habits.delays_planning else timedelta(hours=1)
        end = start + TWO_WEEKS
        return TWO_WEEKS, instant_between(rng, end - jitter, end + jitter)
    days = rng.randint(4, 7) if number % 2 else rng.randint(20, 28)
    day = previous_working_day(start + timedelta(days=days))
    afternoon = day.replace(hour=10, minute=0, second=0, microsecond=0)
    complete = instant_between(rng, afternoon, afternoon + timedelta(hours=8))
    planned = timedelta(weeks=max(1, round(days / 7)))
    return planned, max(complete, start + timedelta(days=1))


def _next_start(
    rng: random.Random, habits: LevelHabits, number: int, previous_complete: datetime
) -> datetime:
    delayed = habits.delays_planning and (
        number % 2 == 1 or rng.random() < habits.extra_delay_probability
    )
    if not delayed:
        return instant_between(
            rng, previous_complete + timedelta(minutes=5), previous_complete + timedelta(hours=1)
        )
    late_days = rng.randint(2, 6) if habits.irregular_cadence else rng.randint(2, 4)
    day = add_working_days(previous_complete, late_days)
    morning = day.replace(hour=9, minute=0, second=0, microsecond=0)
    return instant_between(rng, morning, morning + timedelta(minutes=90))


def _sprint(
    rng: random.Random,
    habits: LevelHabits,
    project_key: str,
    board_id: int,
    sprint_id: int,
    number: int,
    actual_start: datetime,
) -> Sprint:
    sprint = Sprint(sprint_id, f"{project_key} Sprint {number}", board_id, "closed")
    sprint.goal = rng.choice(GOALS) if habits.has_sprint_goals else ""
    # Now and then the sprint was started a little after its planned start: Data Center
    # reports the click as activatedDate, which is the sprint's real start.
    if rng.random() < 0.2:
        sprint.start_at = actual_start - timedelta(minutes=rng.randint(5, 45))
        sprint.activated_at = actual_start
    else:
        sprint.start_at = actual_start
    return sprint
