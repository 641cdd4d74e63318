"""End to end: a hand-built organisation served by the Jira emulator over HTTP, synced with
the real `jira` client by `maturity run`, and the sprint figures checked against numbers
worked out by hand from Jira's sprint-report rules."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.cli import main
from pipelines.demo import write_demo_config
from simulator.jira_emulator import JiraEmulator
from simulator.scenarios import ScenarioBuilder, at

EMAIL_ENV, TOKEN_ENV = "E2E_JIRA_EMAIL", "E2E_JIRA_TOKEN"


def hand_built_organisation():
    b = ScenarioBuilder(now=at(30))
    pay = b.board("PAY", team="Payments")
    s1 = b.sprint(pay, start=at(0, 9), complete=at(14, 9))
    s2 = b.sprint(pay, start=at(14, 10), complete=at(28, 9))
    s3 = b.sprint(pay, start=at(28, 10))  # active
    b.sprint(pay)  # future
    carry = at(14, 9, second=1)  # Jira carries unfinished work over just after completion

    # PAY-1 committed, completed.
    p1 = b.issue("PAY", created=at(-3), estimate=3)
    p1.add_sprint(at(-1), s1).status(at(2), "In Progress").status(at(5), "Done")
    # PAY-2 committed, not completed, carried over (S1 stays in the field: not a removal),
    # then committed to S2 and completed there.
    b.issue("PAY", created=at(-3), estimate=5).add_sprint(at(-1), s1).status(
        at(3), "In Progress"
    ).sprints(carry, s1, s2).status(at(20), "Done")
    # PAY-3 committed, removed mid-sprint.
    b.issue("PAY", created=at(-3), estimate=2).add_sprint(at(-1), s1).remove_sprint(at(4), s1)
    # PAY-4 added after the start, completed.
    b.issue("PAY", created=at(3), estimate=1).add_sprint(at(3, 12), s1).status(at(10), "Done")
    # PAY-5 created directly inside the running sprint (no changelog item), not completed.
    b.issue("PAY", created=at(6), estimate=2, sprints=(s1,))
    # PAY-6 committed at 3 points, re-estimated to 8 during the sprint, completed.
    b.issue("PAY", created=at(-3), estimate=3).add_sprint(at(-1), s1).estimate(at(2), 8).status(
        at(9), "Done"
    )
    # PAY-7 already done when it entered the sprint: completed in another sprint.
    b.issue("PAY", created=at(-10)).status(at(-5), "Done").add_sprint(at(1), s1)
    # PAY-8 a sub-task of PAY-1: listed, never counted.
    b.issue("PAY", created=at(1), issue_type="Sub-task", parent=p1).status(at(4), "Done")
    # PAY-9 committed without an estimate, completed: counts as an issue, 0 points.
    b.issue("PAY", created=at(-3)).add_sprint(at(-1), s1).status(at(8), "Done")
    # PAY-10 committed, removed, re-added: in the sprint at both ends, completed.
    b.issue("PAY", created=at(-3), estimate=2).add_sprint(at(-1), s1).remove_sprint(
        at(5), s1
    ).add_sprint(at(7), s1).status(at(12), "Done")
    # PAY-11 added exactly at the start instant (counts as committed), carried over, then
    # removed from S2.
    b.issue("PAY", created=at(-3), estimate=1).add_sprint(at(0, 9), s1).sprints(
        carry, s1, s2
    ).remove_sprint(at(16), s2)
    # PAY-12 done exactly at the completion instant: completed.
    b.issue("PAY", created=at(-3), estimate=2).add_sprint(at(-1), s1).status(at(14, 9), "Done")
    # PAY-13 added to S2 and removed again.
    b.issue("PAY", created=at(15), estimate=3).add_sprint(at(15, 1), s2).remove_sprint(at(17), s2)
    # PAY-14 committed to the active sprint.
    b.issue("PAY", created=at(27), estimate=5).add_sprint(at(28), s3).status(at(29), "In Progress")
    return b.build()


# Worked out by hand from the rules in ../shared/JIRA.md (see the comments above).
EXPECTED_OUTCOMES = {
    (1, "PAY-1"): ("committed_completed", 3, 3),
    (1, "PAY-2"): ("committed_not_completed", 5, 5),
    (1, "PAY-3"): ("committed_removed", 2, 2),
    (1, "PAY-4"): ("added_completed", 1, 1),
    (1, "PAY-5"): ("added_not_completed", 2, 2),
    (1, "PAY-6"): ("committed_completed", 3, 8),
    (1, "PAY-7"): ("completed_in_another_sprint", None, None),
    (1, "PAY-8"): ("added_completed", None, None),
    (1, "PAY-9"): ("committed_completed", None, None),
    (1, "PAY-10"): ("committed_completed", 2, 2),
    (1, "PAY-11"): ("committed_not_completed", 1, 1),
    (1, "PAY-12"): ("committed_completed", 2, 2),
    (2, "PAY-2"): ("committed_completed", 5, 5),
    (2, "PAY-11"): ("committed_removed", 1, 1),
    (2, "PAY-13"): ("added_removed", 3, 3),
    (3, "PAY-14"): ("committed_not_completed", 5, 5),
}
SPRINT_COLUMNS = (
    "committed_issues, committed_points, committed_estimated_issues, added_issues, added_points,"
    " removed_issues, removed_points, completed_issues, completed_points,"
    " completed_committed_points, not_completed_issues, completed_in_another_sprint_issues,"
    " reestimated_points_delta, round(predictability_pct, 2), round(strict_predictability_pct, 2),"
    " is_provisional, state, team"
)
EXPECTED_SPRINTS = {
    1: (
        8,
        18.0,
        7,
        2,
        3.0,
        1,
        2.0,
        6,
        16.0,
        15.0,
        3,
        1,
        5.0,
        88.89,
        83.33,
        False,
        "closed",
        "Payments",
    ),
    2: (
        2,
        6.0,
        2,
        1,
        3.0,
        2,
        4.0,
        1,
        5.0,
        5.0,
        0,
        0,
        0.0,
        83.33,
        83.33,
        False,
        "closed",
        "Payments",
    ),
    3: (1, 5.0, 1, 0, 0.0, 0, 0.0, 0, 0.0, 0.0, 1, 0, 0.0, 0.0, 0.0, True, "active", "Payments"),
}


@pytest.fixture(scope="module")
def synced(tmp_path_factory):
    """The organisation synced once by `maturity run`; yields the warehouse and the output."""
    folder = tmp_path_factory.mktemp("e2e")
    org = hand_built_organisation()
    with JiraEmulator(org) as jira, pytest.MonkeyPatch.context() as env:
        config = write_demo_config(
            folder / "maturity.toml", jira_url=jira.url, teams=[("Payments", [11])]
        )
        text = config.read_text().replace("MATURITY_DEMO_JIRA_EMAIL", EMAIL_ENV)
        config.write_text(text.replace("MATURITY_DEMO_JIRA_TOKEN", TOKEN_ENV))
        env.setenv(EMAIL_ENV, jira.email)
        env.setenv(TOKEN_ENV, jira.token)
        exit_code = main(["run", "--config", str(config), "--as-of", "2024-01-31"])
        token = jira.token
    yield folder / "warehouse.duckdb", exit_code, token


def query(path: Path, sql: str):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_the_run_succeeds_and_is_recorded(synced):
    path, exit_code, _ = synced
    assert exit_code == 0
    runs = query(path, "SELECT kind, status, error FROM meta.runs")
    assert runs == [("run", "succeeded", None)]


def test_every_issue_gets_the_outcome_jira_would_report(synced):
    path, _, _ = synced
    rows = query(
        path,
        "SELECT sprint_id, issue_key, outcome, points_at_start, points_at_end"
        " FROM marts.fct_sprint_issues",
    )
    found = {(s, k): (o, p0, p1) for s, k, o, p0, p1 in rows}
    assert found == EXPECTED_OUTCOMES


def test_sprint_figures_match_the_hand_worked_sprint_reports(synced):
    path, _, _ = synced
    rows = query(path, f"SELECT sprint_id, {SPRINT_COLUMNS} FROM marts.fct_sprints")
    assert {row[0]: tuple(row[1:]) for row in rows} == {
        s: tuple(pytest.approx(v) if isinstance(v, float) else v for v in expected)
        for s, expected in EXPECTED_SPRINTS.items()
    }


def test_two_sprints_are_too_few_to_judge_so_the_level_is_not_proven(synced):
    path, _, _ = synced
    level = query(
        path,
        "SELECT level_proven, level_ceiling FROM marts.fct_maturity_assessments"
        " WHERE entity = 'Payments'",
    )
    assert level == [(1, 5)]  # nothing failed, nothing proven: the ceiling stays open
    statuses = dict(
        query(
            path,
            "SELECT criterion_id, status FROM marts.fct_criterion_results"
            " WHERE entity = 'Payments'",
        )
    )
    # Too few sprints for the Jira criteria; the others' sources are not configured.
    assert {statuses[c] for c in ("consistent_sprint_cadence", "predictable_delivery")} == {
        "insufficient"
    }
    assert set(statuses.values()) == {"insufficient", "unknown"}
    predictability = query(
        path,
        "SELECT round(value, 2), n_samples FROM marts.fct_indicator_values"
        " WHERE indicator_id = 'sprint_predictability' AND entity = 'Payments'",
    )
    assert predictability == [(86.11, 2)]  # median of 88.89 and 83.33


def test_the_token_never_reaches_the_warehouse(synced):
    path, _, token = synced
    assert token.encode() not in path.read_bytes()
