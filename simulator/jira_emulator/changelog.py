"""Changelog histories in Jira's shape, rendered from an issue's changes.

A history groups one issue's changes made at the same instant. Histories also carry
items nobody tracks (Rank, assignee, resolution, description), as real changelogs do,
so consumers must filter by field id. Sprint items carry ids joined by ", " (names can
contain commas); estimate items carry numbers as strings in fromString/toString only.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from simulator.jira_emulator.render import person
from simulator.jira_format import number_text, offset_millis
from simulator.model import (
    ESTIMATE,
    ESTIMATE_FIELD_ID,
    RANK_FIELD_ID,
    SPRINT,
    SPRINT_FIELD_ID,
    Change,
    Issue,
)

if TYPE_CHECKING:  # the Site builds a render cache from this module: no import cycle
    from simulator.jira_emulator.site import Site

_NOISE_DELAY = timedelta(minutes=2)


def history_list(site: Site, issue: Issue, field_ids: set[str] | None = None) -> list[dict]:
    """The issue's histories, oldest first; with `field_ids`, only items of those fields
    (histories left empty are dropped). History ids do not depend on the filter."""
    histories = []
    for index, (moment, changes) in enumerate(_moments(issue)):
        items = [item for change in changes for item in _items(site, change, issue.id)]
        if not changes:
            items.append(_untracked("description", None, None, None, "Acceptance criteria added"))
        if (issue.id + index) % 4 == 0:
            items.append(_untracked("Rank", "", "", "", "Ranked higher", RANK_FIELD_ID, "custom"))
        if field_ids is not None:
            items = [item for item in items if item.get("fieldId") in field_ids]
        if items:
            histories.append(
                {
                    "id": str(issue.id * 10_000 + index),
                    "author": person(site, issue.id + index),
                    "created": offset_millis(moment, site.org.time_zone),
                    "items": items,
                }
            )
    return histories


def _moments(issue: Issue) -> list[tuple[datetime, list[Change]]]:
    """Changes grouped by instant; some issues also get an edit that tracks nothing."""
    grouped: dict[datetime, list[Change]] = {}
    for change in issue.changes:
        grouped.setdefault(change.at, []).append(change)
    edited_at = issue.created_at + _NOISE_DELAY
    if issue.id % 3 == 0 and edited_at <= issue.updated_at:
        grouped.setdefault(edited_at, [])
    return sorted(grouped.items(), key=lambda moment: moment[0])


def _items(site: Site, change: Change, issue_id: int) -> list[dict]:
    if change.field == SPRINT:
        names = site.org.sprints
        return [
            {
                "field": "Sprint",
                "fieldtype": "custom",
                "fieldId": SPRINT_FIELD_ID,
                "from": ", ".join(str(s) for s in change.before),
                "fromString": ", ".join(names[s].name for s in change.before),
                "to": ", ".join(str(s) for s in change.after),
                "toString": ", ".join(names[s].name for s in change.after),
            }
        ]
    if change.field == ESTIMATE:
        return [
            {
                "field": "Story point estimate",
                "fieldtype": "custom",
                "fieldId": ESTIMATE_FIELD_ID,
                "from": None,
                "fromString": number_text(change.before),
                "to": None,
                "toString": number_text(change.after),
            }
        ]
    before, after = site.org.status(change.before), site.org.status(change.after)
    items = [
        {
            "field": "status",
            "fieldtype": "jira",
            "fieldId": "status",
            "from": before.id,
            "fromString": before.name,
            "to": after.id,
            "toString": after.name,
        }
    ]
    if before.category == "new" and after.category == "indeterminate":
        assignee = person(site, issue_id)
        items.append(
            _untracked("assignee", None, None, assignee["accountId"], assignee["displayName"])
        )
    if (before.category == "done") != (after.category == "done"):
        resolved, unresolved = ("10000", "Done"), (None, None)
        old, new = (unresolved, resolved) if after.category == "done" else (resolved, unresolved)
        items.append(_untracked("resolution", *old, *new))
    return items


def _untracked(
    name: str,
    from_value: str | None,
    from_string: str | None,
    to_value: str | None,
    to_string: str | None,
    field_id: str | None = None,
    field_type: str = "jira",
) -> dict:
    return {
        "field": name,
        "fieldtype": field_type,
        "fieldId": field_id or name,
        "from": from_value,
        "fromString": from_string,
        "to": to_value,
        "toString": to_string,
    }
