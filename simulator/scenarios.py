"""Small hand-made organisations for tests, written tersely.

    builder = ScenarioBuilder(now=at(30))
    board = builder.board("PAY")                                    # board 11, level 3
    sprint = builder.sprint(board, start=at(0, 9), complete=at(14, 9))  # closed
    builder.sprint(board, start=at(14, 10))                         # active
    builder.sprint(board)                                           # future
    builder.share_sprint(sprint, builder.board("WEB"))              # also listed on board 12
    board.reconfigure(at(20), columns)                              # columns remapped on day 20
    story = builder.issue("PAY", created=at(-3), estimate=3)
    story.add_sprint(at(-1), sprint).status(at(2), "In Progress").status(at(5), "Done")
    org = builder.build()

`at(day, hour)` counts from BASE, Monday 1 January 2024 00:00 UTC. Ids and keys are given
in call order (boards 11, 12...; sprints 1, 2...; issues 10001.../PAY-1...). Changes must
be written in chronological order per issue, as in Jira.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Self

from simulator.generate import COLUMNS
from simulator.history import IssueRecorder
from simulator.model import (
    DEFAULT_STATUSES,
    ESTIMATE,
    SPRINT,
    STATUS,
    Board,
    Issue,
    Organisation,
    Sprint,
    Team,
)

BASE = datetime(2024, 1, 1, tzinfo=UTC)
TWO_WEEKS = timedelta(days=14)


def at(day: float, hour: float = 0, minute: float = 0, second: float = 0) -> datetime:
    """BASE + the given days, hours, minutes and seconds (any may be negative)."""
    return BASE + timedelta(days=day, hours=hour, minutes=minute, seconds=second)


def _sprint_id(sprint: Sprint | int) -> int:
    return sprint.id if isinstance(sprint, Sprint) else sprint


def _status_id(name_or_id: str) -> str:
    for status in DEFAULT_STATUSES:
        if name_or_id in (status.id, status.name):
            return status.id
    raise ValueError(
        f"unknown status {name_or_id!r}; use one of {[s.name for s in DEFAULT_STATUSES]}"
    )


class IssueBuilder:
    """One issue's history, written change by change (each method returns the builder)."""

    def __init__(self, issue: Issue) -> None:
        self.issue = issue
        self._recorder = IssueRecorder(issue)

    @property
    def key(self) -> str:
        return self.issue.key

    def add_sprint(self, when: datetime, sprint: Sprint | int) -> Self:
        self._recorder.add_sprint(when, _sprint_id(sprint))
        return self

    def remove_sprint(self, when: datetime, sprint: Sprint | int) -> Self:
        self._recorder.remove_sprint(when, _sprint_id(sprint))
        return self

    def sprints(self, when: datetime, *sprints: Sprint | int) -> Self:
        """Set the whole Sprint field, e.g. a carry-over `(s1, s2)`."""
        self._recorder.set(when, SPRINT, tuple(_sprint_id(s) for s in sprints))
        return self

    def status(self, when: datetime, name_or_id: str) -> Self:
        self._recorder.set(when, STATUS, _status_id(name_or_id))
        return self

    def estimate(self, when: datetime, points: float | None) -> Self:
        self._recorder.set(when, ESTIMATE, None if points is None else float(points))
        return self


class ScenarioBuilder:
    def __init__(self, *, now: datetime, time_zone: str = "Europe/Berlin", name: str = "Scenario"):
        self.now = now
        self.time_zone = time_zone
        self.name = name
        self._boards: list[Board] = []
        self._teams: list[Team] = []
        self._sprints: dict[int, Sprint] = {}
        self._issues: list[Issue] = []
        self._numbers: Counter[str] = Counter()

    def board(
        self,
        project_key: str,
        *,
        name: str | None = None,
        team: str | None = None,
        level: int = 3,
        columns: list[tuple[str, tuple[str, ...]]] | None = None,
    ) -> Board:
        board_id = 11 + len(self._boards)
        board = Board(
            id=board_id,
            name=name or f"{project_key} board",
            project_key=project_key,
            columns=list(columns or COLUMNS),
            filter_id=10000 + board_id,
        )
        self._boards.append(board)
        self._teams.append(Team(team or project_key, [board_id], level))
        return board

    def sprint(
        self,
        board: Board,
        *,
        start: datetime | None = None,
        complete: datetime | None = None,
        end: datetime | None = None,
        activated: datetime | None = None,
        name: str | None = None,
        goal: str = "",
    ) -> Sprint:
        """Closed when `complete` is given, active when only `start` is, future otherwise."""
        sprint_id = len(self._sprints) + 1
        state = "closed" if complete else "active" if start else "future"
        sprint = Sprint(
            id=sprint_id,
            name=name or f"{board.project_key} Sprint {len(board.sprint_ids) + 1}",
            origin_board_id=board.id,
            state=state,
            start_at=start,
            end_at=end or (start + TWO_WEEKS if start else None),
            complete_at=complete,
            activated_at=activated,
            goal=goal,
        )
        self._sprints[sprint_id] = sprint
        board.sprint_ids.append(sprint_id)
        return sprint

    def share_sprint(self, sprint: Sprint, board: Board) -> None:
        """List `sprint` on `board` too, as Jira lists a sprint on every board whose filter
        finds its issues; `originBoardId` stays the board it was created on. Boards list
        sprints in id order."""
        if sprint.id not in board.sprint_ids:
            board.sprint_ids.append(sprint.id)
            board.sprint_ids.sort()

    def issue(
        self,
        project_key: str,
        *,
        created: datetime,
        issue_type: str = "Story",
        status: str = "To Do",
        sprints: tuple[Sprint | int, ...] | None = None,
        estimate: float | None = None,
        parent: IssueBuilder | None = None,
        summary: str | None = None,
        labels: tuple[str, ...] = (),
        is_deleted: bool = False,
    ) -> IssueBuilder:
        """A new issue; a sub-task takes its parent's sprints at creation unless told."""
        self._numbers[project_key] += 1
        key = f"{project_key}-{self._numbers[project_key]}"
        if sprints is None:
            initial = parent.issue.value_at(SPRINT, created) if parent else ()
        else:
            initial = tuple(_sprint_id(s) for s in sprints)
        issue = Issue(
            id=10001 + len(self._issues),
            key=key,
            project_key=project_key,
            issue_type=issue_type,
            summary=summary or f"Scenario issue {key}",
            created_at=created,
            initial_status=_status_id(status),
            initial_sprints=initial,
            initial_estimate=None if estimate is None else float(estimate),
            parent_key=parent.key if parent else None,
            labels=labels,
            is_deleted=is_deleted,
        )
        self._issues.append(issue)
        return IssueBuilder(issue)

    def build(self) -> Organisation:
        return Organisation(
            name=self.name,
            now=self.now,
            teams=self._teams,
            boards=self._boards,
            sprints=self._sprints,
            issues=self._issues,
            time_zone=self.time_zone,
        )
