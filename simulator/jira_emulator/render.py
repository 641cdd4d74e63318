"""Ground truth rendered in Atlassian's JSON shapes: issues, their fields, sprints, users.

Shapes follow real Jira Cloud responses (see /work/shared/realdata): platform timestamps
carry the account's offset ("2020-06-12T08:38:51.882+0800"), agile dates are UTC with a Z.
Changelog histories are rendered by `simulator.jira_emulator.changelog`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from simulator.jira_format import (
    ISSUE_TYPES,
    STATUS_CATEGORIES,
    offset_millis,
    utc_millis,
)
from simulator.model import (
    ADOPTION_ACTUAL_FIELD_ID,
    ADOPTION_TARGET_FIELD_ID,
    EPIC_LINK_FIELD_ID,
    ESTIMATE,
    ESTIMATE_FIELD_ID,
    RANK_FIELD_ID,
    SPRINT,
    SPRINT_FIELD_ID,
    STATUS,
    Issue,
    Sprint,
)

if TYPE_CHECKING:  # the Site builds a render cache from this module: no import cycle
    from simulator.jira_emulator.site import Site

PEOPLE = ("Ana Lima", "Ben Okafor", "Chen Wei", "Dora Novak", "Eli Cohen", "Fay Moreau")


@cache
def _account_id(name: str) -> str:
    return "5f" + hashlib.sha1(name.encode()).hexdigest()[:22]


def person(site: Site, index: int) -> dict:
    """One of a few simulated colleagues (authors, assignees, the API user)."""
    name = PEOPLE[index % len(PEOPLE)]
    account_id = _account_id(name)
    return {
        "self": f"{site.api_root}/user?accountId={account_id}",
        "accountId": account_id,
        "displayName": name,
        "active": True,
        "accountType": "atlassian",
    }


def agile_sprint(site: Site, sprint: Sprint) -> dict:
    """A sprint as GET /rest/agile/1.0/board/{id}/sprint lists it.

    Cloud's startDate is the real start; Data Center keeps the planned start in startDate
    and reports the click that started the sprint as activatedDate.
    """
    body = {
        "id": sprint.id,
        "self": f"{site.base_url}/rest/agile/1.0/sprint/{sprint.id}",
        "state": sprint.state,
        "name": sprint.name,
    }
    body.update(_sprint_dates(site, sprint))
    if not site.is_cloud and sprint.actual_start_at is not None:
        body["activatedDate"] = utc_millis(sprint.actual_start_at)
    body["originBoardId"] = sprint.origin_board_id
    body["goal"] = sprint.goal
    return body


def _sprint_dates(site: Site, sprint: Sprint) -> dict:
    start = sprint.actual_start_at if site.is_cloud else sprint.start_at
    dates = {"startDate": start, "endDate": sprint.end_at, "completeDate": sprint.complete_at}
    return {name: utc_millis(moment) for name, moment in dates.items() if moment is not None}


def _sprint_field(site: Site, issue: Issue) -> list[dict] | None:
    sprints = [site.org.sprints[sprint_id] for sprint_id in issue.current(SPRINT)]
    if not sprints:
        return None
    return [
        {
            "id": sprint.id,
            "name": sprint.name,
            "state": sprint.state,
            "boardId": sprint.origin_board_id,
            "goal": sprint.goal,
            **_sprint_dates(site, sprint),
        }
        for sprint in sprints
    ]


def _status(site: Site, status_id: str) -> dict:
    status = site.org.status(status_id)
    category = STATUS_CATEGORIES[status.category]
    return {
        "self": f"{site.api_root}/status/{status.id}",
        "description": "",
        "iconUrl": f"{site.base_url}/",
        "name": status.name,
        "id": status.id,
        "statusCategory": {"self": f"{site.api_root}/statuscategory/{category['id']}", **category},
    }


def _issue_type(site: Site, issue: Issue) -> dict:
    type_id, hierarchy_level = ISSUE_TYPES[issue.issue_type]
    return {
        "self": f"{site.api_root}/issuetype/{type_id}",
        "id": type_id,
        "description": "",
        "name": issue.issue_type,
        "subtask": issue.is_subtask,
        "hierarchyLevel": hierarchy_level,
    }


def _project(site: Site, issue: Issue) -> dict:
    project = site.projects[issue.project_key]
    return {
        "self": f"{site.api_root}/project/{project.id}",
        "id": project.id,
        "key": project.key,
        "name": project.name,
        "projectTypeKey": "software",
        "simplified": False,
    }


def _parent(site: Site, issue: Issue) -> dict | None:
    parent = site.issue(issue.parent_key) if issue.parent_key else None
    if parent is None or (parent.issue_type == "Epic" and not site.is_cloud):
        return None  # Data Center links epics through the Epic Link field
    return {
        "id": str(parent.id),
        "key": parent.key,
        "self": f"{site.api_root}/issue/{parent.id}",
        "fields": {
            "summary": parent.summary,
            "status": _status(site, parent.current(STATUS)),
            "issuetype": _issue_type(site, parent),
        },
    }


def _epic_link(site: Site, issue: Issue) -> str | None:
    """Data Center: the key of the issue's epic."""
    parent = site.issue(issue.parent_key) if issue.parent_key else None
    if site.is_cloud or parent is None or parent.issue_type != "Epic":
        return None
    return parent.key


def _resolution_date(site: Site, issue: Issue) -> str | None:
    """When the issue last entered a done-category status, if it is done now."""
    if site.org.status(issue.current(STATUS)).category != "done":
        return None
    resolved = issue.created_at
    for change in issue.changes:
        if change.field == STATUS and site.org.status(change.after).category == "done":
            resolved = change.at
    return offset_millis(resolved, site.org.time_zone)


def _subtasks(site: Site, issue: Issue) -> list[dict]:
    """Jira's `subtasks` field: each sub-task's key, summary, status and type, in the order
    they were created (Jira shows them in that order unless someone reorders them)."""
    return [
        {
            "id": str(child.id),
            "key": child.key,
            "self": f"{site.api_root}/issue/{child.id}",
            "fields": {
                "summary": child.summary,
                "status": _status(site, child.current(STATUS)),
                "issuetype": _issue_type(site, child),
            },
        }
        for child in site.subtasks_of(issue.key)
    ]


def _components(site: Site, issue: Issue) -> list[dict]:
    return [
        {"self": f"{site.api_root}/component/{10100 + i}", "id": str(10100 + i), "name": name}
        for i, name in enumerate(issue.components)
    ]


def _rank(issue: Issue) -> str:
    digits, number = "", issue.id
    while number:
        number, remainder = divmod(number, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[remainder] + digits
    return f"0|i{digits:0>5}:"


FIELD_RENDERERS: dict[str, Callable[[Site, Issue], object]] = {
    "summary": lambda site, issue: issue.summary,
    "issuetype": _issue_type,
    "status": lambda site, issue: _status(site, issue.current(STATUS)),
    "project": _project,
    "created": lambda site, issue: offset_millis(issue.created_at, site.org.time_zone),
    "updated": lambda site, issue: offset_millis(issue.updated_at, site.org.time_zone),
    "resolutiondate": _resolution_date,
    "parent": _parent,
    "labels": lambda site, issue: list(issue.labels),
    SPRINT_FIELD_ID: _sprint_field,
    ESTIMATE_FIELD_ID: lambda site, issue: issue.current(ESTIMATE),
    RANK_FIELD_ID: lambda site, issue: _rank(issue),
    "duedate": lambda site, issue: issue.due_date.isoformat() if issue.due_date else None,
    "components": _components,
    "subtasks": _subtasks,
    ADOPTION_TARGET_FIELD_ID: lambda site, issue: issue.custom_values.get(ADOPTION_TARGET_FIELD_ID),
    ADOPTION_ACTUAL_FIELD_ID: lambda site, issue: issue.custom_values.get(ADOPTION_ACTUAL_FIELD_ID),
    EPIC_LINK_FIELD_ID: _epic_link,
}
# Fields only launch checklists read: not rendered ahead for every issue by `warm` (a sprint
# sync never asks for them, and the benchmarks warm hundreds of thousands of issues).
LAUNCH_FIELDS = frozenset(
    {"duedate", "components", "subtasks", ADOPTION_TARGET_FIELD_ID, ADOPTION_ACTUAL_FIELD_ID}
)


# Fields whose rendering depends only on a small key (a status, a type, a sprint list):
# `fragments.RenderCache` renders each once per key rather than once per issue.
SHARED_FIELD_KEYS: dict[str, Callable[[Issue], object]] = {
    "issuetype": lambda issue: issue.issue_type,
    "status": lambda issue: issue.current(STATUS),
    "project": lambda issue: issue.project_key,
    "labels": lambda issue: issue.labels,
    SPRINT_FIELD_ID: lambda issue: issue.current(SPRINT),
}


def issue_envelope(site: Site, issue: Issue) -> dict:
    """An issue without its fields: what every search result wraps the fields in."""
    return {
        "expand": "operations,versionedRepresentations,editmeta,changelog,renderedFields",
        "id": str(issue.id),
        "self": f"{site.api_root}/issue/{issue.id}",
        "key": issue.key,
        "fields": {},
    }


def issue_json(site: Site, issue: Issue, fields: list[str]) -> dict:
    """An issue with the requested fields only (unknown names are ignored, as Jira does)."""
    body = issue_envelope(site, issue)
    body["fields"] = {
        name: FIELD_RENDERERS[name](site, issue) for name in fields if name in FIELD_RENDERERS
    }
    return body
