"""Jira's sprint report computed directly from the ground truth: the product's yardstick.

It is deliberately written from the definitions below, in plain Python over the issue
histories, independently of how the product reconstructs it in SQL.

For board B and sprint S:
- T0 = S.actual_start_at; T1 = S.complete_at for a closed sprint, `org.now` for the active
  one. A future sprint has no report (`SprintReportUnavailable`; 404 in the emulator),
  nor has a sprint the board does not list.
- The value of a field "at t" is its value after every change with `at <= t`
  (`Issue.value_at`); an issue does not exist before its `created_at`. Deleted issues are
  not reported (Jira no longer has them).
- Done at t: the status at t is one of B's done statuses (the last board column that has
  statuses) in the column mapping in effect at T1 (`Board.columns_at`): a board remapped
  after the sprint closed does not rewrite the sprint's figures here, whereas Jira's own
  report may; the product keeps dated configurations to tell the two apart.
- An issue is "ever in S" when S is in its sprints at some moment in [created_at, T1].
- Entry time E: T0 when the issue exists and is in S at T0; otherwise the first moment in
  (T0, T1] at which S enters its sprints (a change whose `after` has S and `before` has
  not, or its creation with S in `initial_sprints`). Issues in S only before T0 or only
  after T1 are not part of the report.
- Outcome: Done at E -> `completed_in_another_sprint`; else in S at T0 -> `committed_*`;
  else `added_*`. Suffix: not in S at T1 -> `_removed`; in S and Done at T1 ->
  `_completed`; else `_not_completed`. A carry-over at completion appends the next sprint
  ("S" -> "S, S'"), so the issue is still in S at T1 and is not removed.
- points_at_start = estimate at E; points_at_end = estimate at T1 when in S at T1, else
  the estimate at the moment it last left S.
- Sub-tasks get outcomes like any issue but are never summed and never listed.

Greenhopper body: `completedIssues` = *_completed, `issuesNotCompletedInCurrentSprint` =
*_not_completed, `puntedIssues` = *_removed, `issuesCompletedInAnotherSprint`;
`issueKeysAddedDuringSprint` = added_* (removed ones included). "...InitialEstimateSum"
sums points_at_start, the other sums points_at_end (no estimate counts 0);
`allIssuesEstimateSum` covers completed + not completed (the sprint's scope at T1).
A listed issue shows its status as of T1.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from simulator.jira_format import ISSUE_TYPES, human_date, offset_seconds
from simulator.model import ESTIMATE, SPRINT, STATUS, Issue, Organisation, Sprint

OUTCOMES = (
    "committed_completed",
    "committed_not_completed",
    "committed_removed",
    "added_completed",
    "added_not_completed",
    "added_removed",
    "completed_in_another_sprint",
)


class SprintReportUnavailable(LookupError):
    """Jira shows no report for this sprint on this board (future or not listed)."""


@dataclass(frozen=True)
class Outcome:
    outcome: str
    points_at_start: float | None
    points_at_end: float | None
    is_subtask: bool


def issues_by_sprint(issues: Iterable[Issue]) -> dict[int, list[Issue]]:
    """Every issue under every sprint id it ever listed: candidates for `sprint_outcomes`."""
    index: dict[int, list[Issue]] = defaultdict(list)
    for issue in issues:
        seen = set(issue.initial_sprints)
        for change in issue.changes:
            if change.field == SPRINT:
                seen.update(change.after)
        for sprint_id in seen:
            index[sprint_id].append(issue)
    return index


def sprint_outcomes(
    org: Organisation, board_id: int, sprint_id: int, *, issues: Iterable[Issue] | None = None
) -> dict[str, Outcome]:
    """The outcome of every issue ever in the sprint, by key.

    `issues` narrows the candidates (e.g. `issues_by_sprint(org.issues)[sprint_id]`);
    by default every issue of the organisation is examined.
    """
    sprint, t0, t1 = _window(org, board_id, sprint_id)
    done_ids = set(org.board(board_id).done_status_ids_at(t1))
    outcomes = {}
    for issue in org.issues if issues is None else issues:
        if issue.is_deleted or issue.created_at > t1:
            continue
        outcome = _outcome(issue, sprint.id, t0, t1, done_ids)
        if outcome is not None:
            outcomes[issue.key] = outcome
    return outcomes


def _window(org: Organisation, board_id: int, sprint_id: int) -> tuple[Sprint, datetime, datetime]:
    sprint = org.sprints.get(sprint_id)
    if sprint is None or sprint_id not in org.board(board_id).sprint_ids:
        raise SprintReportUnavailable(f"board {board_id} does not list sprint {sprint_id}")
    if sprint.state == "future" or sprint.actual_start_at is None:
        raise SprintReportUnavailable(f"sprint {sprint_id} has not started")
    t1 = sprint.complete_at if sprint.state == "closed" else org.now
    return sprint, sprint.actual_start_at, t1


def _outcome(
    issue: Issue, sprint_id: int, t0: datetime, t1: datetime, done_ids: set[str]
) -> Outcome | None:
    in_at_start = issue.created_at <= t0 and sprint_id in issue.value_at(SPRINT, t0)
    entry = t0 if in_at_start else _first_entry(issue, sprint_id, t0, t1)
    if entry is None:
        return None
    in_at_end = sprint_id in issue.value_at(SPRINT, t1)
    if issue.value_at(STATUS, entry) in done_ids:
        kind = "completed_in_another_sprint"
    else:
        prefix = "committed" if in_at_start else "added"
        if not in_at_end:
            suffix = "removed"
        elif issue.value_at(STATUS, t1) in done_ids:
            suffix = "completed"
        else:
            suffix = "not_completed"
        kind = f"{prefix}_{suffix}"
    end_moment = t1 if in_at_end else _last_exit(issue, sprint_id, t1)
    return Outcome(
        kind,
        issue.value_at(ESTIMATE, entry),
        issue.value_at(ESTIMATE, end_moment),
        issue.is_subtask,
    )


def _first_entry(issue: Issue, sprint_id: int, t0: datetime, t1: datetime) -> datetime | None:
    if t0 < issue.created_at <= t1 and sprint_id in issue.initial_sprints:
        return issue.created_at
    for change in issue.changes:
        if change.at > t1:
            break
        if (
            change.field == SPRINT
            and change.at > t0
            and sprint_id in change.after
            and sprint_id not in change.before
        ):
            return change.at
    return None


def _last_exit(issue: Issue, sprint_id: int, t1: datetime) -> datetime:
    exits = [
        change.at
        for change in issue.changes
        if change.field == SPRINT
        and change.at <= t1
        and sprint_id in change.before
        and sprint_id not in change.after
    ]
    return exits[-1]


def sprint_report(
    org: Organisation, board_id: int, sprint_id: int, *, issues: Iterable[Issue] | None = None
) -> dict:
    """The JSON body of GET /rest/greenhopper/1.0/rapid/charts/sprintreport."""
    sprint, _, t1 = _window(org, board_id, sprint_id)
    candidates = org.issues if issues is None else list(issues)
    outcomes = sprint_outcomes(org, board_id, sprint_id, issues=candidates)
    by_key = {issue.key: issue for issue in candidates}
    board = org.board(board_id)
    done_ids = set(board.done_status_ids_at(t1))
    lists: dict[str, list[dict]] = defaultdict(list)
    added = {}
    for key, outcome in outcomes.items():
        if outcome.is_subtask:
            continue
        listed = _listed_issue(org, by_key[key], outcome, t1, done_ids, board.estimate_field_id)
        lists[_LIST_OF[outcome.outcome]].append(listed)
        if outcome.outcome.startswith("added_"):
            added[key] = True
    contents = {name: lists[name] for name in _LIST_OF.values()}
    contents.update(_sums(outcomes))
    contents["issueKeysAddedDuringSprint"] = added
    return {
        "contents": contents,
        "sprint": _sprint_summary(org, sprint),
        "lastUserToClose": "Simulated Lead" if sprint.state == "closed" else None,
        "supportsPages": False,
    }


_LIST_OF = {
    "committed_completed": "completedIssues",
    "added_completed": "completedIssues",
    "committed_not_completed": "issuesNotCompletedInCurrentSprint",
    "added_not_completed": "issuesNotCompletedInCurrentSprint",
    "committed_removed": "puntedIssues",
    "added_removed": "puntedIssues",
    "completed_in_another_sprint": "issuesCompletedInAnotherSprint",
}

# Sum name -> (list it covers, use points at start?)
_SUMS = {
    "completedIssuesInitialEstimateSum": (("completedIssues",), True),
    "completedIssuesEstimateSum": (("completedIssues",), False),
    "issuesNotCompletedInitialEstimateSum": (("issuesNotCompletedInCurrentSprint",), True),
    "issuesNotCompletedEstimateSum": (("issuesNotCompletedInCurrentSprint",), False),
    "allIssuesEstimateSum": (("completedIssues", "issuesNotCompletedInCurrentSprint"), False),
    "puntedIssuesInitialEstimateSum": (("puntedIssues",), True),
    "puntedIssuesEstimateSum": (("puntedIssues",), False),
    "issuesCompletedInAnotherSprintInitialEstimateSum": (("issuesCompletedInAnotherSprint",), True),
    "issuesCompletedInAnotherSprintEstimateSum": (("issuesCompletedInAnotherSprint",), False),
}


def _sums(outcomes: dict[str, Outcome]) -> dict[str, dict[str, float]]:
    sums = {}
    for name, (lists, at_start) in _SUMS.items():
        total = 0.0
        for outcome in outcomes.values():
            if outcome.is_subtask or _LIST_OF[outcome.outcome] not in lists:
                continue
            points = outcome.points_at_start if at_start else outcome.points_at_end
            total += points or 0.0
        sums[name] = {"value": total}
    return sums


def _listed_issue(
    org: Organisation,
    issue: Issue,
    outcome: Outcome,
    t1: datetime,
    done_ids: set[str],
    estimate_field_id: str,
) -> dict:
    status = org.status(issue.value_at(STATUS, t1))
    return {
        "id": issue.id,
        "key": issue.key,
        "summary": issue.summary,
        "typeName": issue.issue_type,
        "typeId": ISSUE_TYPES[issue.issue_type][0],
        "statusId": status.id,
        "statusName": status.name,
        "done": status.id in done_ids,
        "estimateStatistic": _statistic(estimate_field_id, outcome.points_at_start),
        "currentEstimateStatistic": _statistic(estimate_field_id, outcome.points_at_end),
    }


def _statistic(estimate_field_id: str, points: float | None) -> dict:
    value = {} if points is None else {"value": float(points)}
    return {"statFieldId": estimate_field_id, "statFieldValue": value}


def _sprint_summary(org: Organisation, sprint: Sprint) -> dict:
    zone = org.time_zone
    summary = {
        "id": sprint.id,
        "sequence": sprint.id,
        "name": sprint.name,
        "state": sprint.state.upper(),
        "linkedPagesCount": 0,
        "goal": sprint.goal,
        "startDate": human_date(sprint.actual_start_at, zone),
        "endDate": human_date(sprint.end_at, zone) if sprint.end_at else None,
        "isoStartDate": offset_seconds(sprint.actual_start_at, zone),
        "isoEndDate": offset_seconds(sprint.end_at, zone) if sprint.end_at else None,
        "canUpdateSprint": True,
        "remoteLinks": [],
        "daysRemaining": 0,
    }
    if sprint.complete_at is not None:
        summary["completeDate"] = human_date(sprint.complete_at, zone)
        summary["isoCompleteDate"] = offset_seconds(sprint.complete_at, zone)
    return summary
