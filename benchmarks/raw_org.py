"""A simulated organisation landed straight into raw.*, without HTTP.

The payloads are the emulator's own renderings (the shapes the connector lands after a
sync): issues with the fields the connector asks for and no embedded changelog, complete
changelog histories (Cloud: only the tracked fields, as bulkfetch returns them; Data
Center: every item), board configurations, the sprints each board lists, and Jira's sprint
report (the simulator's ground truth) for every closed sprint. Used by tests for small
hand-built cases and by `benchmarks.reconstruction` for large organisations, where going
through HTTP would measure the emulator rather than the warehouse.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

import duckdb
import pyarrow as pa

from connectors.jira.fields import BASE_ISSUE_FIELDS
from simulator.jira_emulator import agile_api, platform_api
from simulator.jira_emulator.changelog import history_list
from simulator.jira_emulator.render import agile_sprint, issue_json
from simulator.jira_emulator.request import Request
from simulator.jira_emulator.site import CLOUD, Site
from simulator.model import ESTIMATE_FIELD_ID, SPRINT_FIELD_ID, Board, Organisation
from simulator.sprint_report import SprintReportUnavailable, sprint_report

TRACKED_FIELDS = (SPRINT_FIELD_ID, "status", ESTIMATE_FIELD_ID)
ISSUE_FIELDS = [*BASE_ISSUE_FIELDS, SPRINT_FIELD_ID, ESTIMATE_FIELD_ID]
# raw table -> the key columns beside the payload (as in warehouse.raw.RAW_TABLES)
KEYS = {
    "jira_server_info": (),
    "jira_fields": (),
    "jira_boards": ("board_id",),
    "jira_board_configurations": ("board_id",),
    "jira_sprints": ("board_id", "sprint_id"),
    "jira_issues": ("issue_id", "issue_key"),
    "jira_changelogs": ("issue_id", "history_id"),
    "jira_sprint_reports": ("board_id", "sprint_id", "http_status"),
}
_BATCH = 20_000


def site_of(org: Organisation, deployment: str = CLOUD) -> Site:
    return Site(
        org,
        base_url="http://jira.invalid",
        deployment=deployment,
        account_email="sim@example.com",
        search_page_size=100,
        changelog_page_size=100,
    )


def raw_batches(
    org: Organisation,
    *,
    source_name: str = "sim",
    deployment: str = CLOUD,
    run_id: str = "fixture",
    loaded_at: datetime | None = None,
    with_reports: bool = True,
    board_ids: Iterable[int] | None = None,
    with_source: bool = True,
) -> Iterator[tuple[str, pa.Table]]:
    """(raw table, Arrow batch) pairs: the organisation as one sync at `loaded_at`.

    `board_ids` limits what is rendered about boards (configuration, sprints, reports) and
    leaves issues out, e.g. to land a configuration snapshot after a board was remapped.
    `with_source=False` leaves out the server info and field list (one copy is enough).
    """
    site = site_of(org, deployment)
    moment = (loaded_at or org.now).astimezone(UTC).replace(tzinfo=None)
    wanted = set(board_ids) if board_ids is not None else {b.id for b in org.boards}
    boards = [b for b in org.boards if b.id in wanted]
    streams: list[tuple[str, Iterable[dict]]] = []
    if board_ids is None and with_source:
        streams += [
            ("jira_server_info", [{"payload": platform_api.server_info(site, None)}]),
            ("jira_fields", ({"payload": f} for f in platform_api.fields(site, None))),
        ]
    streams += [
        ("jira_boards", ({"board_id": b.id, "payload": _board_listing(site, b)} for b in boards)),
        (
            "jira_board_configurations",
            ({"board_id": b.id, "payload": _configuration(site, b)} for b in boards),
        ),
        (
            "jira_sprints",
            (
                {"board_id": b.id, "sprint_id": s, "payload": agile_sprint(site, org.sprints[s])}
                for b in boards
                for s in b.sprint_ids
            ),
        ),
    ]
    if board_ids is None:
        visible = [i for i in org.issues if not i.is_deleted]
        tracked = set(TRACKED_FIELDS) if site.is_cloud else None
        streams += [
            (
                "jira_issues",
                (
                    {
                        "issue_id": i.id,
                        "issue_key": i.key,
                        "payload": issue_json(site, i, ISSUE_FIELDS),
                    }
                    for i in visible
                ),
            ),
            (
                "jira_changelogs",
                (
                    {"issue_id": i.id, "history_id": int(h["id"]), "payload": h}
                    for i in visible
                    for h in history_list(site, i, tracked)
                ),
            ),
        ]
    if with_reports:
        streams.append(("jira_sprint_reports", _reports(site, org, boards)))
    for table, rows in streams:
        for batch in _batches(rows):
            columns = {
                "source_name": [source_name] * len(batch),
                "run_id": [run_id] * len(batch),
                "loaded_at": [moment] * len(batch),
            }
            for key in KEYS[table]:
                columns[key] = [row[key] for row in batch]
            columns["payload"] = [
                None if row["payload"] is None else json.dumps(row["payload"]) for row in batch
            ]
            yield table, pa.table(columns)


def land_organisation(con: duckdb.DuckDBPyConnection, org: Organisation, **options) -> dict:
    """Append the organisation to raw.* (options: those of `raw_batches`); row counts."""
    counts: dict[str, int] = {}
    for table, batch in raw_batches(org, **options):
        land_batch(con, table, batch)
        counts[table] = counts.get(table, 0) + batch.num_rows
    return counts


def land_batch(con: duckdb.DuckDBPyConnection, table: str, batch: pa.Table) -> None:
    names = ", ".join(batch.column_names)
    con.register("raw_org_batch", batch)
    try:
        # The table name is one of KEYS, never input.
        con.execute(f"INSERT INTO raw.{table} ({names}) SELECT {names} FROM raw_org_batch")
    finally:
        con.unregister("raw_org_batch")


def _board_listing(site: Site, board: Board) -> dict:
    listing = agile_api.boards(site, _request({"maxResults": ["50"]}))
    start = 0
    while not any(b["id"] == board.id for b in listing["values"]) and not listing["isLast"]:
        start += 50
        listing = agile_api.boards(site, _request({"startAt": [str(start)]}))
    return next(b for b in listing["values"] if b["id"] == board.id)


def _configuration(site: Site, board: Board) -> dict:
    return agile_api.board_configuration(site, _request({}, {"boardId": str(board.id)}))


def _reports(site: Site, org: Organisation, boards: list[Board]) -> Iterator[dict]:
    for board in boards:
        for sprint_id in board.sprint_ids:
            if org.sprints[sprint_id].state != "closed":
                continue  # the connector asks only about closed sprints
            try:
                body = sprint_report(
                    org, board.id, sprint_id, issues=site.sprint_candidates.get(sprint_id, [])
                )
                status = 200
            except SprintReportUnavailable:
                body, status = None, 404
            yield {
                "board_id": board.id,
                "sprint_id": sprint_id,
                "http_status": status,
                "payload": body,
            }


def _request(query: dict[str, list[str]], path_params: dict[str, str] | None = None) -> Request:
    return Request("GET", "/", query, path_params=path_params or {})


def _batches(rows: Iterable[dict]) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) == _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
