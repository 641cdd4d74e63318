"""Status changes of one issue inside a time window: To Do -> In Progress -> In Review -> Done.

A walk either finishes (ends Done) or stops part-way; either may pass through a re-open
(Done, then back to In Progress). Instants are strictly increasing and strictly inside
the window, except a finishing walk told to land exactly on `done_at`.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from simulator.workdays import instants_between

TO_DO, IN_PROGRESS, IN_REVIEW, DONE = "10000", "10001", "10002", "10003"
WORKFLOW = (TO_DO, IN_PROGRESS, IN_REVIEW, DONE)
# Below this a window holds no walk: e.g. an issue added at the very end of a sprint.
_SHORTEST_WINDOW = timedelta(seconds=10)

StatusEvent = tuple[datetime, str]


def finishing_walk(
    rng: random.Random,
    current: str,
    earliest: datetime,
    latest: datetime,
    *,
    reopen: bool = False,
    done_at: datetime | None = None,
) -> list[StatusEvent]:
    """Statuses from `current` to Done; a re-open goes Done -> In Progress -> Done."""
    path = list(WORKFLOW[WORKFLOW.index(current) + 1 :])
    if reopen:
        path += [IN_PROGRESS, DONE]
    if done_at is not None:
        return [*_timed(rng, path[:-1], earliest, done_at), (done_at, DONE)]
    return _timed(rng, path, earliest, latest)


def partial_walk(
    rng: random.Random,
    current: str,
    earliest: datetime,
    latest: datetime,
    *,
    reopen: bool = False,
) -> list[StatusEvent]:
    """Progress short of Done; a re-open reaches Done and falls back to In Progress."""
    position = WORKFLOW.index(current)
    if reopen:
        path = [*WORKFLOW[position + 1 :], IN_PROGRESS]
    else:
        stop = rng.randint(position, WORKFLOW.index(IN_REVIEW))
        path = list(WORKFLOW[position + 1 : stop + 1])
    return _timed(rng, path, earliest, latest)


def _timed(
    rng: random.Random, path: list[str], earliest: datetime, latest: datetime
) -> list[StatusEvent]:
    if not path or latest - earliest < _SHORTEST_WINDOW:
        return []
    return list(zip(instants_between(rng, earliest, latest, len(path)), path, strict=True))
