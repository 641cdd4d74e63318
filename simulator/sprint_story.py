"""One board's sprints played out issue by issue: the histories the sprint report reads.

For each started sprint S, in order:
1. planning: unfinished issues were carried in at the previous completion (+1 s);
   issues removed earlier are re-planned; new issues are created in the backlog days
   before and moved into S before its start (refined and estimated per the team's habits);
2. the committed issues' fates are chosen so that strict predictability hits the team's
   target (see `commitment`), then some of the rest are removed mid-sprint;
3. issues are added after the start (half of them created right inside the sprint), now
   and then an issue already Done in an earlier sprint is added too;
4. statuses walk To Do -> In Progress -> In Review -> Done, sometimes re-opening;
   estimates change mid-sprint; sub-tasks appear under new stories;
5. at completion everything still in S and not Done gets the next sprint appended one
   second later (Jira keeps the closed sprint in the field).
A few changes land exactly on S's start or completion instant, to keep consumers honest
about inclusive bounds.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from simulator.commitment import closest_subset
from simulator.habits import LevelHabits
from simulator.history import IssueRecorder
from simulator.issue_factory import IssueFactory, neighbour_points, random_points
from simulator.model import ESTIMATE, SPRINT, STATUS, Sprint
from simulator.status_walk import DONE, IN_PROGRESS, finishing_walk, partial_walk
from simulator.workdays import instant_between, instants_between

FINISH, PARTIAL, REMOVE = "finish", "partial", "remove"
CARRY_OVER_DELAY = timedelta(seconds=1)
REPLANNED_PER_SPRINT = 2
ADDED_KEPT_SHARE = 0.85  # added issues beyond this share of rolls are removed again
BACKLOG_ISSUES_PER_WEEK_PER_SPRINT_ISSUE = 0.6  # untouched-by-sprints issues, for volume
_DAY = timedelta(days=1)


@dataclass
class _Work:
    """What one issue does during one sprint. A SPRINT event means "leaves the sprint"."""

    recorder: IssueRecorder
    fate: str
    events: list[tuple[datetime, str, object]] = field(default_factory=list)


class BoardStory:
    def __init__(
        self,
        rng: random.Random,
        habits: LevelHabits,
        sprints: list[Sprint],
        factory: IssueFactory,
        *,
        now: datetime,
        issues_per_sprint: int,
    ) -> None:
        self.rng = rng
        self.habits = habits
        self.sprints = sprints
        self.factory = factory
        self.now = now
        self.issues_per_sprint = issues_per_sprint
        self.carried: list[IssueRecorder] = []  # in the next sprint since the last completion
        self.backlog: list[IssueRecorder] = []  # removed from a sprint, unfinished
        self.just_completed: list[IssueRecorder] = []

    def play(self) -> None:
        started = [sprint for sprint in self.sprints if sprint.state != "future"]
        for sprint, following in zip(started, self.sprints[1:], strict=False):
            self._play_sprint(sprint, following)
        self._plan_future(self.sprints[-1])
        self._fill_backlog()

    def _play_sprint(self, sprint: Sprint, following: Sprint) -> None:
        t0 = sprint.actual_start_at
        t1 = sprint.complete_at or self.now
        committed, new_stories = self._plan(sprint, t0)
        work = self._commitment_fates(sprint, committed, t0, t1)
        work += self._additions(sprint, t0, t1)
        self._add_completed_elsewhere(sprint, t0, t1)
        for item in work:
            for at, field_name, value in sorted(item.events, key=lambda event: event[0]):
                if field_name == SPRINT:
                    item.recorder.remove_sprint(at, sprint.id)
                else:
                    item.recorder.set(at, field_name, value)
        self._add_subtasks(new_stories, work, t0, t1)
        self._settle(sprint, following, work, t1)

    def _plan(self, sprint: Sprint, t0: datetime) -> tuple[list[IssueRecorder], set[int]]:
        rng, habits = self.rng, self.habits
        committed, self.carried = self.carried, []
        replanned = self.backlog[:REPLANNED_PER_SPRINT]
        del self.backlog[:REPLANNED_PER_SPRINT]
        for recorder in replanned:
            at = instant_between(rng, max(recorder.last_at, t0 - 2 * _DAY), t0)
            recorder.add_sprint(at, sprint.id)
        committed += replanned
        new_count = max(3, self.issues_per_sprint - len(committed))
        wanted = round(habits.estimated_share * (len(committed) + new_count))
        if habits.estimated_share < 0.5:
            wanted = max(3, wanted)  # keep a ratio to measure even at level 1
        already = sum(recorder.estimate is not None for recorder in committed)
        to_estimate = min(max(wanted - already, 0), new_count)
        on_the_dot = rng.randrange(new_count) if rng.random() < 0.3 else None
        new_stories: set[int] = set()
        for index in range(new_count):
            created = instant_between(rng, t0 - 15 * _DAY, t0 - _DAY)
            points = random_points(rng) if index < to_estimate else None
            estimated_at_creation = rng.random() < 0.5
            recorder = self.factory.new(created, estimate=points if estimated_at_creation else None)
            refined_at, planned_at = instants_between(rng, created, t0, 2)
            if points is not None and not estimated_at_creation:
                recorder.set(refined_at, ESTIMATE, points)
            recorder.add_sprint(t0 if index == on_the_dot else planned_at, sprint.id)
            committed.append(recorder)
            if recorder.issue.issue_type == "Story":
                new_stories.add(id(recorder))
        estimated = [recorder for recorder in committed if recorder.estimate is not None]
        if estimated and rng.random() < 0.2:  # re-estimated during the planning meeting
            recorder = rng.choice(estimated)
            recorder.set(t0, ESTIMATE, neighbour_points(rng, recorder.estimate))
        return committed, new_stories

    def _commitment_fates(
        self, sprint: Sprint, committed: list[IssueRecorder], t0: datetime, t1: datetime
    ) -> list[_Work]:
        rng, habits = self.rng, self.habits
        work = [_Work(recorder, PARTIAL) for recorder in committed]
        end_points = []
        for item in work:
            points = item.recorder.estimate
            if points is not None and rng.random() < habits.reestimate_probability:
                points = neighbour_points(rng, points)
            elif points is None and rng.random() < habits.late_estimate_probability:
                points = random_points(rng)
            if points != item.recorder.estimate:
                item.events.append((instant_between(rng, t0, t1), ESTIMATE, points))
            end_points.append(int(points or 0))
        ratio = rng.uniform(*habits.predictability) * self._elapsed_share(sprint, t0)
        target = ratio * sum(item.recorder.estimate or 0 for item in work)
        weighted = [index for index, points in enumerate(end_points) if points]
        finished = {weighted[i] for i in closest_subset([end_points[i] for i in weighted], target)}
        finished |= {
            i for i, points in enumerate(end_points) if not points and rng.random() < ratio
        }
        unfinished = [index for index in range(len(work)) if index not in finished]
        rng.shuffle(unfinished)
        removed = set(unfinished[: self._how_many(habits.removals_per_sprint)])
        for index, item in enumerate(work):
            item.fate = FINISH if index in finished else REMOVE if index in removed else PARTIAL
        done_on_the_dot = sprint.complete_at is not None and rng.random() < 0.3
        for item in work:
            self._walk(
                item, t0, t1, done_at=t1 if done_on_the_dot and item.fate == FINISH else None
            )
            done_on_the_dot = done_on_the_dot and item.fate != FINISH
        return work

    def _additions(self, sprint: Sprint, t0: datetime, t1: datetime) -> list[_Work]:
        rng, habits = self.rng, self.habits
        work = []
        for _ in range(self._how_many(habits.additions_per_sprint)):
            entry = instant_between(rng, t0, t1 - timedelta(hours=1))
            points = random_points(rng) if rng.random() < habits.estimated_share else None
            if rng.random() < 0.5:
                recorder = self.factory.new(entry, sprints=(sprint.id,), estimate=points)
            else:
                created = instant_between(rng, entry - 20 * _DAY, entry - timedelta(hours=1))
                recorder = self.factory.new(created, estimate=points)
                recorder.add_sprint(entry, sprint.id)
            roll = rng.random()
            if roll < habits.added_completion_probability:
                fate = FINISH
            elif roll < ADDED_KEPT_SHARE:
                fate = PARTIAL
            else:
                fate = REMOVE
            item = _Work(recorder, fate)
            self._walk(item, entry, t1)
            work.append(item)
        if sprint.complete_at is not None and rng.random() < 0.15:  # joins at the last instant
            recorder = self.factory.new(instant_between(rng, t0 - 10 * _DAY, t0))
            recorder.add_sprint(t1, sprint.id)
            work.append(_Work(recorder, PARTIAL))
        return work

    def _add_completed_elsewhere(self, sprint: Sprint, t0: datetime, t1: datetime) -> None:
        """An issue finished in an earlier sprint is dragged into this one."""
        if self.just_completed and self.rng.random() < 0.2:
            recorder = self.rng.choice(self.just_completed)
            recorder.add_sprint(instant_between(self.rng, t0, t1), sprint.id)

    def _walk(
        self, item: _Work, earliest: datetime, t1: datetime, *, done_at: datetime | None = None
    ) -> None:
        rng = self.rng
        reopen = rng.random() < self.habits.reopen_probability
        latest = t1
        if item.fate == REMOVE:
            latest = instant_between(rng, earliest, t1)
            item.events.append((latest, SPRINT, None))
        status = item.recorder.status
        if item.fate == FINISH:
            events = finishing_walk(rng, status, earliest, latest, reopen=reopen, done_at=done_at)
        else:
            events = partial_walk(
                rng, status, earliest, latest, reopen=reopen and item.fate == PARTIAL
            )
        item.events += [(at, STATUS, value) for at, value in events]

    def _add_subtasks(
        self, new_stories: set[int], work: list[_Work], t0: datetime, t1: datetime
    ) -> None:
        """Sub-tasks take their parent's sprints at creation and never change them."""
        rng = self.rng
        for item in work:
            if id(item.recorder) not in new_stories:
                continue
            parent = item.recorder.issue
            for _ in range(rng.choice((0, 1, 2, 2, 3, 4))):
                created = instant_between(
                    rng, max(parent.created_at, t0 - _DAY), t0 + (t1 - t0) / 2
                )
                subtask = self.factory.new(
                    created,
                    issue_type="Sub-task",
                    sprints=parent.value_at(SPRINT, created),
                    estimate=random_points(rng) if rng.random() < 0.2 else None,
                    parent=parent,
                )
                walk = finishing_walk if item.fate == FINISH else partial_walk
                for at, status in walk(rng, subtask.status, created, t1):
                    subtask.set(at, STATUS, status)

    def _settle(self, sprint: Sprint, following: Sprint, work: list[_Work], t1: datetime) -> None:
        self.just_completed = [item.recorder for item in work if item.fate == FINISH]
        self.backlog += [item.recorder for item in work if item.fate == REMOVE]
        if sprint.complete_at is None:
            return
        for item in work:
            if item.fate != REMOVE and item.recorder.status != DONE:
                item.recorder.add_sprint(t1 + CARRY_OVER_DELAY, following.id)
                self.carried.append(item.recorder)

    def _plan_future(self, future: Sprint) -> None:
        rng, now = self.rng, self.now
        for recorder in self.backlog[:3]:
            recorder.add_sprint(
                instant_between(rng, max(recorder.last_at, now - 3 * _DAY), now), future.id
            )
        for _ in range(rng.randint(3, 6)):
            recorder = self.factory.new(instant_between(rng, now - 10 * _DAY, now - _DAY))
            recorder.add_sprint(instant_between(rng, recorder.last_at, now), future.id)

    def _fill_backlog(self) -> None:
        """Issues no sprint ever touches: ideas, duplicates, quick fixes closed directly."""
        rng, now = self.rng, self.now
        begin = self.sprints[0].actual_start_at - 30 * _DAY
        weeks = (now - begin) / timedelta(weeks=1)
        rate = BACKLOG_ISSUES_PER_WEEK_PER_SPRINT_ISSUE * self.issues_per_sprint
        for _ in range(round(weeks * rate)):
            created = instant_between(rng, begin, now - timedelta(hours=1))
            points = random_points(rng) if rng.random() < 0.4 else None
            recorder = self.factory.new(created, estimate=points)
            roll = rng.random()
            if roll < 0.25:
                recorder.set(
                    instant_between(rng, created, min(created + 30 * _DAY, now)), STATUS, DONE
                )
            elif roll < 0.33:
                recorder.set(instant_between(rng, created, now), STATUS, IN_PROGRESS)
            elif roll < 0.35:
                recorder.issue.is_deleted = True

    def _elapsed_share(self, sprint: Sprint, t0: datetime) -> float:
        """1 for closed sprints; the elapsed part of the planned length for the active one."""
        if sprint.complete_at is not None or sprint.end_at is None:
            return 1.0
        return min(max((self.now - t0) / (sprint.end_at - t0), 0.05), 1.0)

    def _how_many(self, mean: float) -> int:
        return round(self.rng.uniform(0.5, 1.5) * mean)
