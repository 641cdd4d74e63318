"""Creating one board's issues: readable summaries, types, labels and estimates.

Keys and ids are assigned only once the whole organisation exists (`number_issues`), in
creation order, the way Jira numbers them; until then sub-tasks point at their parent
object.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime

from simulator.history import IssueRecorder
from simulator.launch_exports import evenly
from simulator.model import Issue
from simulator.status_walk import TO_DO

FIBONACCI_POINTS = (1.0, 2.0, 3.0, 5.0, 8.0, 13.0)
_POINT_WEIGHTS = (2, 4, 5, 5, 3, 1)

_VERBS = ("Add", "Refactor", "Speed up", "Document", "Validate", "Migrate", "Localise", "Audit")
_THINGS = (
    "checkout flow",
    "invoice export",
    "search ranking",
    "signup form",
    "push notifications",
    "rate limiter",
    "audit log",
    "settings page",
    "webhook retries",
    "CSV import",
    "session cache",
    "onboarding tour",
)
_LABELS = ("backend", "frontend", "tech-debt", "customer-feedback")
DISCOVERY_LABEL = "discovery"
FIRST_ISSUE_ID = 10001


def random_points(rng: random.Random) -> float:
    return rng.choices(FIBONACCI_POINTS, _POINT_WEIGHTS)[0]


def neighbour_points(rng: random.Random, points: float) -> float:
    """A re-estimate: the next Fibonacci value up (more often) or down."""
    index = FIBONACCI_POINTS.index(points)
    step = 1 if rng.random() < 0.65 else -1
    return FIBONACCI_POINTS[min(max(index + step, 0), len(FIBONACCI_POINTS) - 1)]


class IssueFactory:
    """Creates the issues of one project; `issues` and `parents` collect what it made."""

    def __init__(self, rng: random.Random, project_key: str, discovery_share: float) -> None:
        self.rng = rng
        self.project_key = project_key
        self.discovery_share = discovery_share
        self.issues: list[Issue] = []
        self.parents: list[tuple[Issue, Issue]] = []  # (sub-task, parent)

    def new(
        self,
        created_at: datetime,
        *,
        issue_type: str | None = None,
        sprints: tuple[int, ...] = (),
        estimate: float | None = None,
        parent: Issue | None = None,
    ) -> IssueRecorder:
        rng = self.rng
        if issue_type is None:
            issue_type = rng.choices(("Story", "Bug", "Task"), (6, 2, 2))[0]
        summary = f"{rng.choice(_VERBS)} {rng.choice(_THINGS)}"
        if issue_type == "Bug":
            summary = f"Fix: {summary.lower()} fails intermittently"
        issue = Issue(
            id=0,
            key="",
            project_key=self.project_key,
            issue_type=issue_type,
            summary=summary,
            created_at=created_at,
            initial_status=TO_DO,
            initial_sprints=sprints,
            initial_estimate=estimate,
            labels=self._labels(),
        )
        self.issues.append(issue)
        if parent is not None:
            self.parents.append((issue, parent))
        return IssueRecorder(issue)

    def _labels(self) -> tuple[str, ...]:
        roll = self.rng.random()
        if roll < self.discovery_share:
            return (DISCOVERY_LABEL,)
        if roll < 0.5:
            return (self.rng.choice(_LABELS),)
        return ()


def spread_discovery(issues: list[Issue], share: float) -> None:
    """Relabel one project's work items (neither sub-tasks nor epics nor retro actions), in
    creation order, so that discovery is `share` of them in every stretch of time, not only on
    average: a team that does discovery does it every quarter. Draws nothing at random, so the
    rest of the organisation stays as generated."""
    items = [
        i
        for i in issues
        if not i.is_subtask and i.issue_type != "Epic" and "retro-action" not in i.labels
    ]
    for index, issue in enumerate(items):
        others = tuple(label for label in issue.labels if label != DISCOVERY_LABEL)
        issue.labels = (DISCOVERY_LABEL,) if evenly(index, share) else others


def number_issues(issues: list[Issue], parents: list[tuple[Issue, Issue]]) -> list[Issue]:
    """Give ids and keys in creation order (as Jira does) and link sub-tasks to parents.

    Returns the issues sorted by id. Python's sort is stable, so issues created at the same
    instant keep the order in which the generator made them.
    """
    ordered = sorted(issues, key=lambda issue: issue.created_at)
    numbers: Counter[str] = Counter()
    for issue_id, issue in enumerate(ordered, start=FIRST_ISSUE_ID):
        numbers[issue.project_key] += 1
        issue.id = issue_id
        issue.key = f"{issue.project_key}-{numbers[issue.project_key]}"
    for subtask, parent in parents:
        subtask.parent_key = parent.key
    return ordered
