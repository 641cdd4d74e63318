"""One Jira source, streamed as batches of records in the order they should land.

Each `Batch` names its stream (boards, sprints, issues, ...) and carries records whose
key columns sit beside the untouched `payload`. Nothing here knows where they land.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from connectors.jira.client import GREENHOPPER_BASE, JiraConnection, JiraSourceError
from connectors.jira.fields import BASE_ISSUE_FIELDS, estimate_field_ids, sprint_field_id
from connectors.jira.pages import (
    iter_board_pages,
    iter_changelog_histories,
    iter_issue_pages,
    iter_sprint_pages,
)

MAX_CHANGELOG_FIELDS = 10  # bulkfetch accepts at most ten field ids a call


@dataclass
class Batch:
    """Records that land together, in one transaction: stream name -> records."""

    parts: dict[str, list[dict]]
    # How far the source got once this batch is committed (resumable cursors build on it).
    position: dict = field(default_factory=dict)

    @classmethod
    def of(cls, stream: str, records: list[dict]) -> Batch:
        return cls({stream: records})


@dataclass
class SyncCounts:
    boards: int = 0
    sprints: int = 0
    issues: int = 0
    histories: int = 0
    sprint_reports: int = 0


def iter_source(
    conn: JiraConnection,
    *,
    boards: list[int],
    estimate_field: str = "auto",
    page_size: int = 100,
    updated_since: datetime | None = None,
    known_sprint_reports: frozenset[tuple[int, int]] = frozenset(),
    counts: SyncCounts | None = None,
) -> Iterator[Batch]:
    counts = counts if counts is not None else SyncCounts()
    yield Batch.of("server_info", [{"payload": conn.get("serverInfo")}])
    myself = conn.get("myself")
    yield Batch.of("myself", [{"payload": _without_personal_data(myself)}])
    fields = conn.get("field")
    yield Batch.of("fields", [{"payload": f} for f in fields])

    sprint_field = sprint_field_id(fields)
    if sprint_field is None:
        raise JiraSourceError(
            f"{conn.base_url}: no Sprint field (schema {'gh-sprint'}) in /field: "
            "is Jira Software installed and the account allowed to see it?",
            url=conn.base_url,
        )
    wanted = set(boards)
    board_rows = [
        b for page in iter_board_pages(conn) for b in page if not wanted or b["id"] in wanted
    ]
    missing = wanted - {b["id"] for b in board_rows}
    if missing:
        raise JiraSourceError(
            f"{conn.base_url}: board(s) {sorted(missing)} are not visible as scrum boards to this "
            "account; check the ids in maturity.toml (maturity doctor lists the visible boards)",
            url=conn.base_url,
        )
    counts.boards = len(board_rows)
    yield Batch.of("boards", [{"board_id": b["id"], "payload": b} for b in board_rows])

    estimate_fields = set(estimate_field_ids(fields))
    closed_sprints: list[tuple[int, int]] = []
    for board in board_rows:
        config = conn.get(f"board/{board['id']}/configuration", base=_agile())
        board_estimate = ((config.get("estimation") or {}).get("field") or {}).get("fieldId")
        if board_estimate:
            estimate_fields.add(board_estimate)
        yield Batch.of("board_configurations", [{"board_id": board["id"], "payload": config}])
        for page in iter_sprint_pages(conn, board["id"]):
            counts.sprints += len(page)
            closed_sprints += [(board["id"], s["id"]) for s in page if s.get("state") == "closed"]
            yield Batch.of(
                "sprints",
                [{"board_id": board["id"], "sprint_id": s["id"], "payload": s} for s in page],
            )
    if estimate_field != "auto":
        estimate_fields.add(estimate_field)

    projects = sorted({(b.get("location") or {}).get("projectKey") for b in board_rows} - {None})
    if projects:
        tracked = [sprint_field, "status", *sorted(estimate_fields)][:MAX_CHANGELOG_FIELDS]
        request_fields = [*BASE_ISSUE_FIELDS, sprint_field, *sorted(estimate_fields)]
        jql = _issue_jql(projects, updated_since, _account_zone(myself))
        for issues in iter_issue_pages(conn, jql, request_fields, page_size):
            histories = list(iter_changelog_histories(conn, issues, tracked))
            counts.issues += len(issues)
            counts.histories += len(histories)
            issue_rows = [
                {"issue_id": int(i["id"]), "issue_key": i["key"], "payload": _strip_embedded(i)}
                for i in issues
            ]
            # A page of issues lands with its complete histories, or not at all.
            yield Batch({"issues": issue_rows, "changelogs": histories})

    for board_id, sprint_id in closed_sprints:
        if (board_id, sprint_id) in known_sprint_reports:
            continue
        counts.sprint_reports += 1
        yield Batch.of("sprint_reports", [_sprint_report(conn, board_id, sprint_id)])


def _agile() -> str:
    return "{server}/rest/agile/1.0/{path}"


def _account_zone(myself: dict) -> ZoneInfo:
    try:
        return ZoneInfo(myself.get("timeZone") or "UTC")
    except (KeyError, ValueError):
        return ZoneInfo("UTC")


def _issue_jql(projects: list[str], updated_since: datetime | None, zone: ZoneInfo) -> str:
    keys = ", ".join(f'"{p}"' for p in projects)
    jql = f"project in ({keys})"
    if updated_since is not None:
        # JQL reads datetimes in the account's zone, at minute precision.
        local = updated_since.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        jql += f' AND updated >= "{local}"'
    return jql + " ORDER BY created ASC, key ASC"


def _strip_embedded(issue: dict) -> dict:
    # The embedded changelog is truncated on Cloud; histories land in their own table.
    return {k: v for k, v in issue.items() if k != "changelog"}


def _without_personal_data(myself: dict) -> dict:
    return {k: myself.get(k) for k in ("accountId", "timeZone", "locale") if k in myself}


def _sprint_report(conn: JiraConnection, board_id: int, sprint_id: int) -> dict:
    # Undocumented endpoint: a refusal is recorded as "unavailable", never an error.
    try:
        body = conn.get(
            "rapid/charts/sprintreport",
            {"rapidViewId": board_id, "sprintId": sprint_id},
            base=GREENHOPPER_BASE,
        )
        status = 200
    except JiraSourceError as err:
        if err.status not in (403, 404):
            raise
        body, status = None, err.status
    return {"board_id": board_id, "sprint_id": sprint_id, "http_status": status, "payload": body}
