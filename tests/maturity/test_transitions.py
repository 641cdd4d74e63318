"""marts.fct_level_transitions: level changes between consecutive as-of dates, with the
criteria that changed and the cause: evidence, rule set, indicator or override."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from maturity.assess import AssessmentOptions, assess_evidence, store_assessments
from maturity.overrides import Override
from maturity.ruleset import parse_ruleset
from tests.maturity.evidence import AS_OF, CATALOGUE, FULL, SHIPPED_TEXT, team_evidence
from warehouse.connection import open_warehouse

DAY2 = AS_OF + timedelta(days=7)


def store(con, ruleset, evidence, as_of, run_id, overrides=()):
    values = [v for v in evidence.values()]
    found = assess_evidence(
        ruleset,
        values,
        teams=["T"],
        as_of=as_of,
        options=AssessmentOptions(overrides=tuple(overrides)),
    )
    store_assessments(con, found, run_id, ruleset=ruleset)


def transitions(con):
    return con.execute(
        "SELECT previous_as_of_date, as_of_date, level_proven_before, level_proven_after,"
        " direction, cause, changed_criteria, changed_criterion_ids"
        " FROM marts.fct_level_transitions WHERE scope = 'team'"
    ).fetchall()


@pytest.fixture
def con(tmp_path):
    connection = open_warehouse(tmp_path / "w.duckdb")
    yield connection
    connection.close()


def test_an_evidence_change(con):
    store(con, FULL, team_evidence(late_start_rate=50.0), AS_OF, "r1")
    store(con, FULL, team_evidence(), DAY2, "r2")
    assert transitions(con) == [
        (
            AS_OF,
            DAY2,
            2,
            5,
            "up",
            "evidence",
            "planning_without_delays: fail -> pass",
            ["planning_without_delays"],
        )
    ]


def test_no_change_no_row_and_the_order_of_storing_does_not_matter(con):
    store(con, FULL, team_evidence(), DAY2, "r1")
    store(con, FULL, team_evidence(late_start_rate=50.0), AS_OF, "r2")  # a backfill
    store(con, FULL, team_evidence(), DAY2 + timedelta(days=7), "r3")
    assert [(t[0], t[1], t[5]) for t in transitions(con)] == [(AS_OF, DAY2, "evidence")]


def test_a_rule_set_change(con):
    stricter = parse_ruleset(
        SHIPPED_TEXT.replace('version: "2.1.0"', 'version: "2.2.0"')
        .replace("op: lte, threshold: 20}", "op: lte, threshold: 0}", 1)
        .encode(),
        CATALOGUE,
        origin="test",
    )
    store(con, FULL, team_evidence(late_start_rate=10.0), AS_OF, "r1")
    store(con, stricter, team_evidence(late_start_rate=10.0), DAY2, "r2")
    (found,) = transitions(con)
    assert found[2:6] == (5, 2, "down", "rule set")
    versions = con.execute("SELECT ruleset_version FROM marts.dim_rulesets ORDER BY 1").fetchall()
    assert versions == [("2.1.0",), ("2.2.0",)]


def test_an_indicator_change(con):
    without_survey = parse_ruleset(
        SHIPPED_TEXT.encode(), CATALOGUE - {"pm_overhead_share"}, origin="test"
    )
    store(con, without_survey, team_evidence(), AS_OF, "r1")
    store(con, FULL, team_evidence(), DAY2, "r2")
    (found,) = transitions(con)
    assert found[2:6] == (1, 5, "up", "indicator")
    assert "pm_overhead_below_30: unknown -> pass" in found[6]


def test_an_override_change(con):
    kanban = Override("T", "planning_without_delays", "Kanban", date(2027, 1, 1), "Head of Product")
    store(con, FULL, team_evidence(late_start_rate=50.0), AS_OF, "r1")
    store(con, FULL, team_evidence(late_start_rate=50.0), DAY2, "r2", overrides=[kanban])
    (found,) = transitions(con)
    assert found[2:7] == (
        2,
        5,
        "up",
        "override",
        "planning_without_delays: fail -> not_applicable",
    )
