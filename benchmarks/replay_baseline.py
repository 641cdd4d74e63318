"""The baseline the vectorised reconstruction is measured against: a straightforward per-issue
replay in pandas and Python, the way one would first write it.

It reads the same typed staging tables the SQL models read (so JSON parsing is *not* part of
its time, which favours the baseline), groups the tracked changes by issue, and for each issue
walks every board and sprint it ever listed: membership at the start and at completion, the
first entry and the last exit, then status and estimate at those moments by binary search on
the issue's sorted changes. Same semantics as warehouse/marts/fct_sprint_issues.sql.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict

import duckdb
import pandas as pd


def _ids(text: str | None) -> tuple[int, ...]:
    out = []
    for part in (text or "").split(","):
        part = part.strip()
        if part.lstrip("-").isdigit():
            out.append(int(part))
    return tuple(out)


class _Timeline:
    """One field of one issue: its changes sorted by (instant, history, item)."""

    __slots__ = ("at", "initial", "to")

    def __init__(self, rows: list[tuple], current) -> None:
        rows.sort(key=lambda r: (r[0], r[1], r[2]))
        self.at = [r[0] for r in rows]
        self.to = [r[4] for r in rows]
        self.initial = rows[0][3] if rows else current

    def value_at(self, moment):
        index = bisect_right(self.at, moment)
        return self.to[index - 1] if index else self.initial


def _sprints(con: duckdb.DuckDBPyConnection) -> dict[int, list[tuple]]:
    frame = con.execute(
        "SELECT sprint_id, board_id, t0, t1, done_status_ids, estimate_field_id"
        " FROM staging.jira_sprint_windows"
    ).df()
    by_sprint: dict[int, list[tuple]] = defaultdict(list)
    for row in frame.itertuples(index=False):
        by_sprint[row.sprint_id].append(
            (row.board_id, row.t0, row.t1, set(row.done_status_ids), row.estimate_field_id)
        )
    return by_sprint


def replay(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per board, sprint and issue: outcome, points at start and at end."""
    sprints = _sprints(con)
    changes = con.execute(
        "SELECT issue_id, field_key, field_id, changed_at, history_id, item_seq, from_value,"
        " to_value FROM staging.jira_field_changes"
        " UNION ALL SELECT issue_id, 'status', 'status', changed_at, change_seq, 0, from_status,"
        " to_status FROM staging.jira_status_changes"
    ).df()
    issues = con.execute(
        "SELECT issue_id, created_at, status_id, sprint_ids FROM staging.jira_issues"
    ).df()
    estimates = con.execute("SELECT issue_id, field_id, points FROM staging.jira_issue_estimates")
    current_points = {(i, f): p for i, f, p in estimates.fetchall()}
    by_issue: dict[int, list[tuple]] = defaultdict(list)
    for row in changes.itertuples(index=False):
        by_issue[row.issue_id].append(row)

    out = []
    for issue in issues.itertuples(index=False):
        rows = by_issue.get(issue.issue_id, [])
        fields: dict[str, list[tuple]] = defaultdict(list)
        for r in rows:
            key = "status" if r.field_key == "status" else r.field_id
            fields[key].append((r.changed_at, r.history_id, r.item_seq, r.from_value, r.to_value))
        sprint_rows = [r for r in rows if r.field_key == "sprint"]
        membership = _Timeline(
            [
                (r.changed_at, r.history_id, r.item_seq, _ids(r.from_value), _ids(r.to_value))
                for r in sprint_rows
            ],
            tuple(int(s) for s in issue.sprint_ids),
        )
        status = _Timeline(fields.get("status", []), issue.status_id)
        ever = set(membership.initial) | {s for to in membership.to for s in to}
        for sprint_id in ever:
            for board_id, t0, t1, done, estimate_field in sprints.get(sprint_id, ()):
                found = _outcome(issue, membership, sprint_id, t0, t1)
                if found is None:
                    continue
                in_at_start, in_at_end, entered, end_moment = found
                points = _Timeline(
                    list(fields.get(estimate_field, [])),
                    current_points.get((issue.issue_id, estimate_field)),
                )
                if status.value_at(entered) in done:
                    outcome = "completed_in_another_sprint"
                else:
                    prefix = "committed_" if in_at_start else "added_"
                    if not in_at_end:
                        suffix = "removed"
                    elif status.value_at(t1) in done:
                        suffix = "completed"
                    else:
                        suffix = "not_completed"
                    outcome = prefix + suffix
                out.append(
                    (
                        board_id,
                        sprint_id,
                        issue.issue_id,
                        outcome,
                        _number(points.value_at(entered)),
                        _number(points.value_at(end_moment)),
                    )
                )
    return pd.DataFrame(
        out,
        columns=[
            "board_id",
            "sprint_id",
            "issue_id",
            "outcome",
            "points_at_start",
            "points_at_end",
        ],
    )


def _outcome(issue, membership: _Timeline, sprint_id: int, t0, t1):
    """(in at start, in at end, entry moment, end moment) or None when never in [T0, T1]."""
    created = issue.created_at
    in_at_start = created <= t0 and sprint_id in membership.value_at(t0)
    entered = t0 if in_at_start else None
    if entered is None:
        if t0 < created <= t1 and sprint_id in membership.initial:
            entered = created
        else:
            before = membership.initial
            for at, to in zip(membership.at, membership.to, strict=True):
                if at > t1:
                    break
                if at > t0 and sprint_id in to and sprint_id not in before:
                    entered = at
                    break
                before = to
    if entered is None:
        return None
    in_at_end = sprint_id in membership.value_at(t1)
    end_moment = t1
    if not in_at_end:
        before = membership.initial
        for at, to in zip(membership.at, membership.to, strict=True):
            if at > t1:
                break
            if sprint_id in before and sprint_id not in to:
                end_moment = at
            before = to
    return in_at_start, in_at_end, entered, end_moment


def _number(value) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None
