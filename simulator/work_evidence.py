"""What a team leaves in Jira beyond its sprints, and the customer feedback it records, per its
maturity level: retrospective action items after sprints, epics that ship with some of the
team's stories under them, and feedback items, some linked to those epics.

Played after the team's sprints (`BoardStory`) on a random stream of its own, so the sprint
histories are the same with or without it. Rates are laid out evenly rather than drawn
(`launch_exports.evenly`), so each level sits on its side of the thresholds in every window:
- retro actions: a Defined team follows 7 of 8 sprints with action items within 5 days, a
  Managed or Optimizing team every sprint, an Emerging team one in three, an Ad-Hoc team none;
  only an Optimizing team completes nearly all of them within 30 days;
- epics: one every 3 weeks, delivered 4 to 10 weeks later; from Managed on most delivered
  epics are linked to feedback items (directly or through one of their stories);
- feedback: from Defined on at least one item every month.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from simulator.history import IssueRecorder
from simulator.issue_factory import IssueFactory
from simulator.launch_exports import evenly
from simulator.model import STATUS, Issue, Sprint
from simulator.status_walk import DONE, TO_DO, finishing_walk, partial_walk
from simulator.workdays import instant_between, whole_millis

RETRO_ACTION_LABEL = "retro-action"
EPIC_EVERY = timedelta(days=21)
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class EvidenceHabits:
    retro_share: float  # closed sprints followed by retro action items within 5 days
    retro_done_in_30d: float  # retro action items completed within 30 days
    feedback_per_month: tuple[int, int]  # feedback items recorded a month (fewest, most)
    epics_linked: float  # delivered epics linked to feedback


EVIDENCE_BY_LEVEL = {
    1: EvidenceHabits(0.0, 0.3, (0, 1), 0.0),
    2: EvidenceHabits(0.34, 0.4, (0, 2), 0.05),
    3: EvidenceHabits(0.875, 0.5, (1, 4), 0.1),
    4: EvidenceHabits(1.0, 0.6, (2, 5), 0.8),
    5: EvidenceHabits(1.0, 0.95, (3, 6), 0.9),
}


@dataclass
class FeedbackItem:
    feedback_id: str
    received_at: datetime
    team: str  # as the export writes it: the team's name or an alias
    linked: tuple[Issue, ...] = ()  # epics or issues; their keys exist once issues are numbered


@dataclass
class TeamEvidence:
    rng: random.Random
    level: int
    team: str
    factory: IssueFactory  # the team's project, on this stream
    sprints: list[Sprint]
    stories: list[Issue]  # the team's issues from its sprints and backlog
    now: datetime
    feedback: list[FeedbackItem] = field(default_factory=list)
    _epics: list[tuple[Issue, datetime | None, list[Issue]]] = field(default_factory=list)

    @property
    def habits(self) -> EvidenceHabits:
        return EVIDENCE_BY_LEVEL[self.level]

    @property
    def begin(self) -> datetime:
        return self.sprints[0].actual_start_at - 30 * _DAY

    def play(self) -> None:
        self._retro_actions()
        self._play_epics()
        self._monthly_feedback()
        self._epic_feedback()

    def _retro_actions(self) -> None:
        closed = [s for s in self.sprints if s.complete_at is not None]
        done_index = 0
        for index, sprint in enumerate(closed):
            if not evenly(index, self.habits.retro_share):
                continue
            for _ in range(self.rng.randint(1, 3)):
                hours = self.rng.uniform(2, 4.5 * 24)
                created = whole_millis(sprint.complete_at + timedelta(hours=hours))
                if created >= self.now:
                    continue
                recorder = self.factory.new(created, issue_type="Task")
                recorder.issue.labels = (RETRO_ACTION_LABEL,)
                in_time = evenly(done_index, self.habits.retro_done_in_30d)
                done_index += 1
                days = self.rng.uniform(1, 28) if in_time else self.rng.uniform(35, 80)
                self._work_until(recorder, whole_millis(created + timedelta(days=days)))

    def _play_epics(self) -> None:
        taken: set[int] = set()
        created = whole_millis(self.begin + timedelta(days=self.rng.uniform(0, 7)))
        while created < self.now - 7 * _DAY:
            recorder = self.factory.new(created, issue_type="Epic")
            recorder.issue.labels = ()
            done_at = whole_millis(created + timedelta(days=self.rng.uniform(28, 70)))
            shipped = self._work_until(recorder, done_at)
            until = shipped or self.now
            candidates = [
                s
                for s in self.stories
                if s.issue_type == "Story"
                and s.parent_key is None
                and id(s) not in taken
                and created <= s.created_at <= until
            ]
            children = self.rng.sample(candidates, min(len(candidates), self.rng.randint(2, 5)))
            taken |= {id(s) for s in children}
            self.factory.parents += [(story, recorder.issue) for story in children]
            self._epics.append((recorder.issue, shipped, children))
            created += EPIC_EVERY

    def _monthly_feedback(self) -> None:
        low, high = self.habits.feedback_per_month
        month = self.begin.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        while month < self.now:
            following = (month + 32 * _DAY).replace(day=1)
            for _ in range(self.rng.randint(low, high)):
                self._record(instant_between(self.rng, month, min(following, self.now)), ())
            month = following

    def _epic_feedback(self) -> None:
        delivered = [(epic, shipped, kids) for epic, shipped, kids in self._epics if shipped]
        for index, (epic, shipped, children) in enumerate(delivered):
            if not evenly(index, self.habits.epics_linked):
                continue
            for _ in range(self.rng.randint(1, 2)):
                received = instant_between(self.rng, max(self.begin, epic.created_at), shipped)
                target = self.rng.choice(children) if children and self.rng.random() < 0.5 else epic
                self._record(received, (target,))

    def _record(self, received: datetime, linked: tuple[Issue, ...]) -> None:
        # Exports spell the team both ways; the demo config lists "<name> team" as an alias.
        spelling = self.team if len(self.feedback) % 2 else f"{self.team} team"
        key = self.factory.project_key
        self.feedback.append(
            FeedbackItem(f"FB-{key}-{len(self.feedback) + 1:04d}", received, spelling, linked)
        )

    def _work_until(self, recorder: IssueRecorder, done_at: datetime) -> datetime | None:
        """Walk the issue to Done at `done_at`, or part-way until now when that is later."""
        created = recorder.issue.created_at
        if done_at < self.now:
            events = finishing_walk(self.rng, TO_DO, created, done_at, done_at=done_at)
        else:
            events = partial_walk(self.rng, TO_DO, created, self.now - timedelta(minutes=1))
        for at, status in events:
            recorder.set(at, STATUS, status)
        return done_at if recorder.status == DONE else None
