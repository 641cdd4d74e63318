"""Helpers for sprint tests: land an organisation in a fresh in-memory warehouse, build the
models, and read outcomes back in the shape the simulator's yardstick gives them."""

from __future__ import annotations

from datetime import datetime

import duckdb

from benchmarks.raw_org import land_organisation
from simulator.model import Organisation
from simulator.scenarios import ScenarioBuilder, at
from simulator.sprint_report import SprintReportUnavailable, sprint_outcomes
from warehouse.migrate import migrate
from warehouse.transform import JiraSourceConfig, TeamBoard, build_models

Outcomes = dict[tuple[int, int, str], tuple[str, float | None, float | None]]
REVIEW_IS_DONE = [
    ("To Do", ("10000",)),
    ("In Progress", ("10001",)),
    ("Done", ("10002", "10003")),
]


def empty_warehouse() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    migrate(con)
    return con


def build(con: duckdb.DuckDBPyConnection, org: Organisation) -> dict[str, int]:
    teams = [TeamBoard(team.name, "sim", board) for team in org.teams for board in team.board_ids]
    return build_models(con, [JiraSourceConfig("sim", "auto")], teams)


def warehouse_of(
    org: Organisation,
    *,
    deployment: str = "cloud",
    with_reports: bool = True,
    loaded_at: datetime | None = None,
) -> duckdb.DuckDBPyConnection:
    con = empty_warehouse()
    land_organisation(
        con, org, deployment=deployment, with_reports=with_reports, loaded_at=loaded_at
    )
    build(con, org)
    return con


def outcomes(con: duckdb.DuckDBPyConnection) -> Outcomes:
    rows = con.execute(
        "SELECT board_id, sprint_id, issue_key, outcome, points_at_start, points_at_end"
        " FROM marts.fct_sprint_issues"
    ).fetchall()
    return {(b, s, k): (o, p0, p1) for b, s, k, o, p0, p1 in rows}


def truth(org: Organisation) -> Outcomes:
    """The simulator's sprint report outcomes for every board and started sprint."""
    found: Outcomes = {}
    for board in org.boards:
        for sprint_id in board.sprint_ids:
            try:
                result = sprint_outcomes(org, board.id, sprint_id)
            except SprintReportUnavailable:
                continue
            for key, o in result.items():
                found[(board.id, sprint_id, key)] = (o.outcome, o.points_at_start, o.points_at_end)
    return found


def table(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def remapped_board_warehouse() -> tuple[Organisation, duckdb.DuckDBPyConnection]:
    """Board 11 moves In Review into its Done column on day 20, between its two sprints, and
    a sync sees it that day; Jira's sprint reports, fetched on day 30, use the new mapping."""
    b = ScenarioBuilder(now=at(30))
    pay = b.board("PAY")
    s1 = b.sprint(pay, start=at(0, 9), complete=at(14, 9))
    s2 = b.sprint(pay, start=at(14, 10), complete=at(28, 9))
    b.issue("PAY", created=at(-3), estimate=3).add_sprint(at(-1), s1).status(at(4), "In Review")
    b.issue("PAY", created=at(-3), estimate=2).add_sprint(at(13), s2).status(at(16), "In Review")
    org = b.build()
    con = empty_warehouse()
    land_organisation(con, org, loaded_at=at(2), with_reports=False)
    pay.columns = REVIEW_IS_DONE  # remapped on day 20, seen by that day's sync
    land_organisation(con, org, loaded_at=at(20), board_ids=[pay.id], with_reports=False)
    land_organisation(con, org, loaded_at=at(30))  # Jira's reports now use the new mapping
    build(con, org)
    return org, con
