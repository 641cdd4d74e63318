"""Launches kept in Jira: one issue of type "Launch" per launch, its readiness checklist as
sub-tasks, for the emulator to serve beside the sprint issues.

The launches are those `simulator.launch_exports.team_launches` writes to files, so a team's
launch evidence from Jira follows its level exactly as its exported files do. How each fact is
kept, as Jira sites usually keep it:
- planned date: the due date; actual date: when the launch issue was resolved (moved to a
  done status); a launch not launched yet is in progress;
- team: a component named after the team; project: one launch project for the organisation;
- adoption: two number custom fields (target, actual; `ADOPTION_*_FIELD_ID`);
- checklist: one sub-task per item, done (resolved) on its done date or still to do; a launch
  without a checklist has no sub-tasks.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from simulator.launch_exports import Launch, team_launches
from simulator.model import (
    ADOPTION_ACTUAL_FIELD_ID,
    ADOPTION_TARGET_FIELD_ID,
    STATUS,
    Change,
    Issue,
    Organisation,
)

LAUNCH_PROJECT = "LCH"
LAUNCH_TYPE = "Launch"
TO_DO, IN_PROGRESS, DONE = "10000", "10001", "10003"


def add_launch_issues(org: Organisation, project_key: str = LAUNCH_PROJECT) -> list[Launch]:
    """Append every team's launches (and their checklist sub-tasks) to `org.issues`; return
    the launches, the truth a test compares the synced launches with."""
    next_id = max((issue.id for issue in org.issues), default=10000) + 1
    number = 0
    launches = []
    for index in range(len(org.teams)):
        for launch in team_launches(org, index):
            launches.append(launch)
            number += 1
            parent = _launch_issue(org, launch, next_id, f"{project_key}-{number}", project_key)
            org.issues.append(parent)
            next_id += 1
            for item, done, when in launch.checklist or []:
                number += 1
                org.issues.append(
                    _item_issue(org, parent, item, done, when, next_id, f"{project_key}-{number}")
                )
                next_id += 1
    return launches


def _at(org: Organisation, day: date, hour: int) -> datetime:
    """Midday-ish on that day in the account's zone, so the day survives the trip to UTC."""
    return datetime.combine(day, time(hour), ZoneInfo(org.time_zone)).astimezone(UTC)


def _launch_issue(org: Organisation, launch: Launch, issue_id: int, key: str, project: str):
    created = _at(org, launch.planned - timedelta(days=60), 9)
    changes = [Change(created + timedelta(days=1), STATUS, TO_DO, IN_PROGRESS)]
    if launch.actual is not None:
        changes.append(Change(_at(org, launch.actual, 12), STATUS, IN_PROGRESS, DONE))
    custom: dict[str, object] = {}
    if launch.adoption_target is not None:
        custom[ADOPTION_TARGET_FIELD_ID] = launch.adoption_target
    if launch.adoption_actual is not None:
        custom[ADOPTION_ACTUAL_FIELD_ID] = launch.adoption_actual
    return Issue(
        id=issue_id,
        key=key,
        project_key=project,
        issue_type="Launch",
        summary=launch.name,
        created_at=created,
        initial_status=TO_DO,
        changes=changes,
        due_date=launch.planned,
        components=(launch.team,),
        custom_values=custom,
    )


def _item_issue(org, parent: Issue, item: str, done: bool, when, issue_id: int, key: str):
    created = parent.created_at + timedelta(hours=1)
    changes = [Change(_at(org, when, 11), STATUS, TO_DO, DONE)] if done and when else []
    return Issue(
        id=issue_id,
        key=key,
        project_key=parent.project_key,
        issue_type="Sub-task",
        summary=item,
        created_at=created,
        initial_status=TO_DO,
        changes=changes,
        parent_key=parent.key,
    )
