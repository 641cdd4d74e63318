"""A large organisation with dense issue histories, for the reconstruction benchmark.

`simulator.generate` models teams at known maturity levels; most of its issues are backlog
filler with no history. The benchmark needs the opposite: many sprints and long histories
(issue 4: 200,000 issues, 3,000,000 changelog items, 5,000 sprints). Built with the
simulator's own records (`IssueRecorder` keeps every change's before/after consistent), so
Jira's sprint reports follow from `simulator.sprint_report` as for any organisation.

Per board: 50 started sprints (the last one active); each sprint commits carried-over,
re-planned and new issues, some estimated at creation and some refined later; statuses walk
To Do -> In Progress -> (In Review -> In Progress)* -> In Review -> Done; issues are
re-estimated, removed, added (half created inside the sprint), dragged in already done,
given sub-tasks; unfinished work is carried over one second after completion; a few changes
land exactly on the start or completion instant. Boards differ in cadence: regular, late
starters, and irregular lengths.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from simulator.history import IssueRecorder
from simulator.issue_factory import IssueFactory, neighbour_points, number_issues, random_points
from simulator.model import ESTIMATE, SPRINT, STATUS, Board, Organisation, Sprint, Team
from simulator.status_walk import DONE, IN_PROGRESS, IN_REVIEW
from simulator.workdays import instant_between, instants_between, whole_millis

NOW = datetime(2026, 1, 5, 6, tzinfo=UTC)
COLUMNS = [
    ("To Do", ("10000",)),
    ("In Progress", ("10001",)),
    ("In Review", ("10002",)),
    ("Done", ("10003",)),
]
_DAY = timedelta(days=1)
_GOALS = ("Ship the redesigned checkout", "Cut p95 latency", "Close the top customer bugs")
ISSUE_ID_BLOCK = 1_000_000


def dense_organisation(
    *,
    boards: int = 100,
    sprints_per_board: int = 50,
    issues_per_board: int = 2000,
    review_cycles: tuple[int, int] = (2, 7),
    seed: int = 11,
    board_indices: range | None = None,
) -> Organisation:
    """The organisation, or only the boards of `board_indices` (the same boards, with the same
    ids, as in the whole organisation: each board is generated on its own, so that workers
    can render parts of one organisation in parallel)."""
    parts = [
        _dense_board(index, seed, sprints_per_board, issues_per_board, review_cycles)
        for index in (board_indices if board_indices is not None else range(boards))
    ]
    return Organisation(
        name="Dense benchmark org",
        now=NOW,
        teams=[team for team, _, _, _ in parts],
        boards=[board for _, board, _, _ in parts],
        sprints={s.id: s for _, _, timeline, _ in parts for s in timeline},
        issues=[issue for _, _, _, issues in parts for issue in issues],
        seed=seed,
    )


def _dense_board(index, seed, sprints_per_board, issues_per_board, review_cycles):
    rng = random.Random(f"dense/{seed}/{index}")
    key, board_id = f"D{index:03d}", 1000 + index
    sprint_ids = iter(range(index * sprints_per_board + 1, (index + 1) * sprints_per_board + 1))
    timeline = _timeline(rng, index, board_id, key, sprints_per_board, sprint_ids)
    factory = IssueFactory(rng, key, discovery_share=0.05)
    _BoardPlay(rng, factory, timeline, review_cycles).play()
    _fill(rng, factory, issues_per_board, timeline[0].actual_start_at)
    issues = number_issues(factory.issues, factory.parents)
    for issue in issues:  # a block of ids per board
        issue.id += index * ISSUE_ID_BLOCK
    board = Board(board_id, f"{key} board", key, list(COLUMNS), [s.id for s in timeline])
    return Team(f"Team {key}", [board_id], 3), board, timeline, issues


def _timeline(rng, index, board_id, key, count, sprint_ids) -> list[Sprint]:
    """`count` sprints, the last one active and started a week before NOW."""
    late, irregular = index % 4 == 1, index % 5 == 2
    spans, start = [], timedelta(0)
    for _ in range(count):
        days = rng.choice((7, 21)) if irregular else 14
        length = timedelta(days=days, minutes=rng.randint(-120, 120))
        spans.append((start, days, length))
        gap = timedelta(minutes=rng.randint(5, 60))
        if late and rng.random() < 0.5:
            gap += timedelta(days=rng.randint(2, 4))
        start += length + gap
    shift = whole_millis(NOW - 7 * _DAY) - spans[-1][0]
    timeline = []
    for number, (offset, days, length) in enumerate(spans, start=1):
        sprint = Sprint(next(sprint_ids), f"{key} Sprint {number}", board_id, "closed")
        sprint.start_at = shift + offset
        sprint.end_at = sprint.start_at + timedelta(days=days)
        sprint.goal = rng.choice(_GOALS) if rng.random() < 0.7 else ""
        if number == count:
            sprint.state = "active"
        else:
            sprint.complete_at = sprint.start_at + length
        timeline.append(sprint)
    return timeline


class _BoardPlay:
    def __init__(self, rng, factory, timeline, review_cycles) -> None:
        self.rng, self.factory, self.timeline = rng, factory, timeline
        self.review_cycles = review_cycles
        self.carried: list[IssueRecorder] = []
        self.backlog: list[IssueRecorder] = []
        self.done: list[IssueRecorder] = []

    def play(self) -> None:
        for position, sprint in enumerate(self.timeline):
            following = self.timeline[position + 1] if position + 1 < len(self.timeline) else None
            self._sprint(sprint, following)

    def _sprint(self, sprint: Sprint, following: Sprint | None) -> None:
        rng, t0 = self.rng, sprint.actual_start_at
        t1 = sprint.complete_at or NOW
        committed, self.carried = self.carried, []
        committed += self.backlog[:2]
        for recorder in self.backlog[:2]:
            recorder.add_sprint(
                instant_between(rng, max(recorder.last_at, t0 - 2 * _DAY), t0), sprint.id
            )
        del self.backlog[:2]
        for _ in range(rng.randint(18, 26)):
            created = instant_between(rng, t0 - 15 * _DAY, t0 - _DAY)
            points = random_points(rng) if rng.random() < 0.8 else None
            if rng.random() < 0.1:  # created straight into the planned sprint
                recorder = self.factory.new(created, sprints=(sprint.id,), estimate=points)
            else:
                recorder = self.factory.new(
                    created, estimate=points if rng.random() < 0.5 else None
                )
                refined, planned = instants_between(rng, created, t0, 2)
                if points is not None and recorder.estimate is None:
                    recorder.set(refined, ESTIMATE, points)
                recorder.add_sprint(t0 if rng.random() < 0.05 else planned, sprint.id)
            committed.append(recorder)
        added = []
        for _ in range(rng.randint(3, 9)):
            entry = instant_between(rng, t0, t1 - timedelta(hours=1))
            points = random_points(rng) if rng.random() < 0.6 else None
            if rng.random() < 0.5:
                added.append(self.factory.new(entry, sprints=(sprint.id,), estimate=points))
            else:
                recorder = self.factory.new(
                    entry - timedelta(hours=rng.randint(2, 400)), estimate=points
                )
                recorder.add_sprint(entry, sprint.id)
                added.append(recorder)
        if self.done and rng.random() < 0.3:
            recorder = rng.choice(self.done)
            recorder.add_sprint(instant_between(rng, max(t0, recorder.last_at), t1), sprint.id)
        self.done = []
        for recorder in committed + added:
            self._work(recorder, sprint, max(t0, recorder.last_at), t1)
        for recorder in committed[:4]:
            if recorder.issue.issue_type == "Story" and rng.random() < 0.5:
                self._subtask(recorder, t0, t1)
        for recorder in committed + added:
            if sprint.id not in recorder.sprints:
                self.backlog.append(recorder)
            elif recorder.status == DONE:
                self.done.append(recorder)
            elif following is not None and sprint.complete_at is not None:
                recorder.add_sprint(t1 + timedelta(seconds=1), following.id)
                self.carried.append(recorder)

    def _work(
        self, recorder: IssueRecorder, sprint: Sprint, earliest: datetime, t1: datetime
    ) -> None:
        rng = self.rng
        if t1 - earliest < timedelta(minutes=1):
            return
        roll = rng.random()
        fate = "finish" if roll < 0.65 else "remove" if roll < 0.75 else "partial"
        latest = instant_between(rng, earliest, t1) if fate == "remove" else t1
        cycles = rng.randint(*self.review_cycles)
        path = [IN_PROGRESS, IN_REVIEW, *[IN_PROGRESS, IN_REVIEW] * cycles, DONE]
        if recorder.status in path:
            path = path[path.index(recorder.status) + 1 :]
        if fate != "finish":
            path = path[: rng.randint(0, max(len(path) - 1, 0))]
        events = []
        if path and latest - earliest > timedelta(seconds=len(path) + 2):
            on_the_dot = fate == "finish" and sprint.complete_at is not None and rng.random() < 0.03
            moments = instants_between(rng, earliest, latest, len(path))
            if on_the_dot:
                moments[-1] = t1
            events += [(at, STATUS, status) for at, status in zip(moments, path, strict=True)]
        if recorder.estimate is not None and rng.random() < 0.35:
            events.append(
                (
                    instant_between(rng, earliest, latest),
                    ESTIMATE,
                    neighbour_points(rng, recorder.estimate),
                )
            )
        elif recorder.estimate is None and rng.random() < 0.15:
            events.append((instant_between(rng, earliest, latest), ESTIMATE, random_points(rng)))
        if fate == "remove":
            events.append((latest, SPRINT, None))
        for at, field_name, value in sorted(events, key=lambda event: event[0]):
            if field_name == SPRINT:
                recorder.remove_sprint(at, sprint.id)
            else:
                recorder.set(at, field_name, value)

    def _subtask(self, parent: IssueRecorder, t0: datetime, t1: datetime) -> None:
        rng = self.rng
        for _ in range(rng.randint(1, 3)):
            created = instant_between(
                rng, max(parent.issue.created_at, t0 - _DAY), t0 + (t1 - t0) / 2
            )
            sub = self.factory.new(
                created,
                issue_type="Sub-task",
                sprints=parent.issue.value_at(SPRINT, created),
                parent=parent.issue,
            )
            steps = rng.randint(1, 3)
            for at, status in zip(
                instants_between(rng, created, t1, steps),
                (IN_PROGRESS, IN_REVIEW, DONE),
                strict=False,
            ):
                sub.set(at, STATUS, status)


def _fill(rng: random.Random, factory: IssueFactory, target: int, begin: datetime) -> None:
    """Backlog issues no sprint touches, until the board has `target` issues."""
    while len(factory.issues) < target:
        created = instant_between(rng, begin - 30 * _DAY, NOW - _DAY)
        recorder = factory.new(created, estimate=random_points(rng) if rng.random() < 0.4 else None)
        if rng.random() < 0.3:
            recorder.set(instant_between(rng, created, NOW), STATUS, IN_PROGRESS)
