"""What an issue sync reads (scope) and how far it got (cursor).

Pages come in `created, key` order, so a cursor (the newest `created` landed and the ids
landed at that instant) says exactly where a killed sync stopped: a resumed sync asks for
`created >= that minute` and skips what it already holds. The same mechanism recovers from
an expired Cloud page token mid-sync.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from connectors.jira.jql import parse_jira_time
from connectors.jira.pages import DATACENTER_RESULT_WINDOW


@dataclass(frozen=True)
class IssueCursor:
    """How far an issue sync got: what it asked for, and the newest issue it landed."""

    updated_since: datetime | None = None
    boundary_created: datetime | None = None
    boundary_ids: tuple[str, ...] = ()
    pages: int = 0

    def holds(self, issue: dict) -> bool:
        if self.boundary_created is None:
            return False
        created = parse_jira_time(issue["fields"]["created"])
        return created < self.boundary_created or (
            created == self.boundary_created and str(issue["id"]) in self.boundary_ids
        )

    def after(self, issues: list[dict]) -> IssueCursor:
        boundary, ids = self.boundary_created, list(self.boundary_ids)
        for issue in issues:
            created = parse_jira_time(issue["fields"]["created"])
            if boundary is None or created > boundary:
                boundary, ids = created, [str(issue["id"])]
            elif created == boundary:
                ids.append(str(issue["id"]))
        return replace(
            self, boundary_created=boundary, boundary_ids=tuple(ids), pages=self.pages + 1
        )

    def to_json(self) -> dict:
        return {
            "updated_since": self.updated_since.isoformat() if self.updated_since else None,
            "boundary_created": self.boundary_created.isoformat()
            if self.boundary_created
            else None,
            "boundary_ids": list(self.boundary_ids),
            "pages": self.pages,
        }

    @classmethod
    def from_json(cls, data: dict) -> IssueCursor:
        def when(key: str) -> datetime | None:
            return datetime.fromisoformat(data[key]) if data.get(key) else None

        return cls(
            when("updated_since"),
            when("boundary_created"),
            tuple(data.get("boundary_ids", ())),
            int(data.get("pages", 0)),
        )


@dataclass(frozen=True)
class IssueScope:
    """What to read: which projects, which fields, which of them are tracked over time."""

    projects: list[str]
    zone: ZoneInfo
    fields: list[str]
    sprint_field: str
    estimate_fields: list[str]
    page_size: int = 100
    result_window: int = DATACENTER_RESULT_WINDOW  # Data Center pages no further than this

    @property
    def checked_fields(self) -> list[str]:
        """Fields whose history must replay to the current value (history_check.py)."""
        return [self.sprint_field, "status", *self.estimate_fields]

    @property
    def tracked_fields(self) -> list[str]:
        return self.checked_fields[:10]  # bulkfetch takes at most 10 field ids
