"""Jira's sprint report against the reconstruction: figures from Jira where it answered,
every differing issue explained with a reason class, and the agreement summary line."""

from __future__ import annotations

import json

import duckdb
import pytest

from benchmarks.raw_org import land_organisation
from simulator.scenarios import ScenarioBuilder, at
from simulator.sprint_report import sprint_report
from tests.warehouse.sprint_support import (
    build,
    empty_warehouse,
    remapped_board_warehouse,
    table,
)
from warehouse.transform import reconciliation_summary

T0, T1 = at(0, 9), at(14, 9)
RECONCILIATION = (
    "SELECT issue_key, jira_outcome, reconstructed_outcome, differs_in, reason_class"
    " FROM marts.fct_sprint_reconciliation ORDER BY issue_key"
)


def small_org():
    b = ScenarioBuilder(now=at(20))
    s1 = b.sprint(b.board("PAY"), start=T0, complete=T1)
    # PAY-1: done, re-opened on day 13: not completed
    b.issue("PAY", created=at(-3), estimate=3).add_sprint(at(-1), s1).status(at(5), "Done").status(
        at(13), "In Progress"
    )
    # PAY-2: done 30 seconds after the sprint completed: not completed
    b.issue("PAY", created=at(-3), estimate=2).add_sprint(at(-1), s1).status(
        at(14, 9, second=30), "Done"
    )
    # PAY-3: committed, never started
    b.issue("PAY", created=at(-3), estimate=5).add_sprint(at(-1), s1)
    # PAY-4: completed
    b.issue("PAY", created=at(-3), estimate=1).add_sprint(at(-1), s1).status(at(6), "Done")
    return b.build()


def land_report(con: duckdb.DuckDBPyConnection, body: dict | None, status: int = 200) -> None:
    """A later answer of Jira's sprint report for board 11, sprint 1 (the latest 200 wins)."""
    con.execute(
        "INSERT INTO raw.jira_sprint_reports VALUES ('sim', 'later', ?, 11, 1, ?, ?)",
        [at(21).replace(tzinfo=None), status, None if body is None else json.dumps(body)],
    )


def move(body: dict, key: str, to_list: str) -> dict:
    contents = body["contents"]
    for name in (
        "completedIssues",
        "issuesNotCompletedInCurrentSprint",
        "puntedIssues",
        "issuesCompletedInAnotherSprint",
    ):
        found = [i for i in contents[name] if i["key"] == key]
        contents[name] = [i for i in contents[name] if i["key"] != key]
        contents[to_list] += found
    return body


@pytest.fixture
def org():
    return small_org()


def test_a_missing_history_is_a_history_gap(org):
    con = empty_warehouse()
    land_organisation(con, org)
    # The re-opening of PAY-1 never reached the warehouse.
    con.execute(
        "DELETE FROM raw.jira_changelogs WHERE issue_id = 10001"
        " AND payload ->> '$.created' LIKE '2024-01-14%'"
    )
    build(con, org)
    rows = table(con, RECONCILIATION + "")
    assert rows == [
        ("PAY-1", "committed_not_completed", "committed_completed", "outcome", "history_gap")
    ]
    (reason,) = table(con, "SELECT reason FROM marts.fct_sprint_reconciliation")[0]
    assert "status" in reason
    assert table(
        con, "SELECT figures_source, is_reconciled, differing_issues FROM marts.fct_sprints"
    ) == [("jira_sprint_report", False, 1)]


def test_an_issue_jira_lists_but_the_warehouse_lacks_is_a_history_gap(org):
    con = empty_warehouse()
    land_organisation(con, org)
    con.execute("DELETE FROM raw.jira_issues WHERE issue_key = 'PAY-3'")
    con.execute("DELETE FROM raw.jira_changelogs WHERE issue_id = 10003")
    build(con, org)
    assert table(con, RECONCILIATION) == [
        (
            "PAY-3",
            "committed_not_completed",
            None,
            "outcome, points_at_start, points_at_end",
            "history_gap",
        )
    ]
    # Jira's figures stand: PAY-3's five committed points count.
    assert table(con, "SELECT committed_issues, committed_points FROM marts.fct_sprints") == [
        (4, 11.0)
    ]


def test_an_issue_deleted_in_jira_since_the_report_is_a_history_gap(org):
    con = empty_warehouse()
    land_organisation(con, org)
    con.execute(
        "INSERT INTO raw.jira_issue_deletions VALUES ('sim', 'sweep', ?, 10004, 'PAY-4')",
        [at(25).replace(tzinfo=None)],
    )
    build(con, org)
    assert table(con, RECONCILIATION) == [
        (
            "PAY-4",
            "committed_completed",
            None,
            "outcome, points_at_start, points_at_end",
            "history_gap",
        )
    ]
    (reason,) = table(con, "SELECT reason FROM marts.fct_sprint_reconciliation")[0]
    assert "deleted in Jira" in reason
    assert table(con, "SELECT count(*) FROM marts.fct_sprint_issues") == [(3,)]


def test_a_difference_at_the_completion_instant_is_carry_over_timing(org):
    con = empty_warehouse()
    land_organisation(con, org)
    # A Jira that closed the sprint a minute later saw PAY-2 done.
    land_report(con, move(sprint_report(org, 11, 1), "PAY-2", "completedIssues"))
    build(con, org)
    assert table(con, RECONCILIATION) == [
        ("PAY-2", "committed_completed", "committed_not_completed", "outcome", "carry_over_timing")
    ]
    (reason,) = table(con, "SELECT reason FROM marts.fct_sprint_reconciliation")[0]
    assert reason == "a status change 30.0 s from the completion instant"


def test_a_difference_without_evidence_is_other(org):
    con = empty_warehouse()
    land_organisation(con, org)
    land_report(con, move(sprint_report(org, 11, 1), "PAY-3", "puntedIssues"))
    build(con, org)
    assert table(con, RECONCILIATION) == [
        ("PAY-3", "committed_removed", "committed_not_completed", "outcome", "other")
    ]
    # Jira's figures are reported, and say the issue was removed.
    assert table(
        con, "SELECT removed_issues, not_completed_issues, figures_source FROM marts.fct_sprints"
    ) == [(1, 2, "jira_sprint_report")]


def test_a_board_remapped_between_completion_and_report_is_explained():
    _, con = remapped_board_warehouse()
    assert table(con, RECONCILIATION) == [
        ("PAY-1", "committed_completed", "committed_not_completed", "outcome", "board_remapped")
    ]
    (reason,) = table(con, "SELECT reason FROM marts.fct_sprint_reconciliation")[0]
    assert "Done column changed" in reason and "10002" in reason
    assert table(
        con,
        "SELECT sprint_id, is_reconciled, completed_issues FROM marts.fct_sprints ORDER BY 1",
    ) == [(1, False, 1), (2, True, 1)]


def test_without_a_report_the_figures_are_reconstructed(org):
    con = empty_warehouse()
    land_organisation(con, org, with_reports=False)
    land_report(con, None, status=403)
    build(con, org)
    assert table(
        con,
        "SELECT figures_source, is_reconciled, differing_issues, committed_issues,"
        " completed_issues FROM marts.fct_sprints",
    ) == [("reconstructed", None, None, 4, 1)]
    assert reconciliation_summary(con)["line"].startswith("sprint reports: Jira gave none")


def test_a_report_once_answered_outlives_a_later_refusal(org):
    con = empty_warehouse()
    land_organisation(con, org)
    land_report(con, None, status=404)
    build(con, org)
    assert table(con, "SELECT figures_source, is_reconciled FROM marts.fct_sprints") == [
        ("jira_sprint_report", True)
    ]


def test_the_summary_gives_the_agreement_rate(org):
    con = empty_warehouse()
    land_organisation(con, org)
    land_report(con, move(sprint_report(org, 11, 1), "PAY-3", "puntedIssues"))
    build(con, org)
    summary = reconciliation_summary(con)
    assert summary["issues_compared"] == 4 and summary["issues_differing"] == 1
    assert summary["agreement_pct"] == pytest.approx(75.0)
    assert summary["differing_by_reason"] == {"other": 1}
    assert summary["line"] == (
        "sprint reports: Jira reported 1 of 1 closed sprints; 0 agree issue by issue; "
        "3 of 4 issues agree (75.0%); differences: other 1 (marts.fct_sprint_reconciliation)"
    )
