"""Writing an issue's history one change at a time.

An `IssueRecorder` keeps the current value of each tracked field so that every Change
gets the right `before`, refuses changes out of chronological order and skips no-op
changes (Jira writes no changelog item when a value does not change).
"""

from __future__ import annotations

from datetime import datetime

from simulator.model import ESTIMATE, SPRINT, STATUS, Change, Issue


class IssueRecorder:
    __slots__ = ("issue", "values")

    def __init__(self, issue: Issue) -> None:
        self.issue = issue
        self.values = {
            SPRINT: issue.current(SPRINT),
            STATUS: issue.current(STATUS),
            ESTIMATE: issue.current(ESTIMATE),
        }

    @property
    def sprints(self) -> tuple[int, ...]:
        return self.values[SPRINT]

    @property
    def status(self) -> str:
        return self.values[STATUS]

    @property
    def estimate(self) -> float | None:
        return self.values[ESTIMATE]

    @property
    def last_at(self) -> datetime:
        """When the issue last changed (its creation when it never did)."""
        return self.issue.updated_at

    def set(self, at: datetime, field_name: str, value: object) -> None:
        if at < self.last_at or at < self.issue.created_at:
            raise ValueError(
                f"{self.issue.key or self.issue.summary}: a {field_name} change at {at} "
                f"would precede the issue's last change or creation at {self.last_at}"
            )
        before = self.values[field_name]
        if value == before:
            return
        self.issue.changes.append(Change(at, field_name, before, value))
        self.values[field_name] = value

    def add_sprint(self, at: datetime, sprint_id: int) -> None:
        """Jira appends a sprint to the field; closed sprints stay listed."""
        if sprint_id not in self.sprints:
            self.set(at, SPRINT, (*self.sprints, sprint_id))

    def remove_sprint(self, at: datetime, sprint_id: int) -> None:
        self.set(at, SPRINT, tuple(s for s in self.sprints if s != sprint_id))
