"""The data-quality runner on small readable tables: what it catches, how bad, what it records."""

from __future__ import annotations

import duckdb
import pytest

from warehouse.connection import open_warehouse
from warehouse.quality.checks import WARNING, Suite, between, not_before, one_of, unique
from warehouse.quality.gate import STAGING_SUITES, QualityGate
from warehouse.quality.runner import DataQualityError, validate
from warehouse.quality.suites_marts import marts_suites


@pytest.fixture
def con():
    con = duckdb.connect()
    con.execute("CREATE SCHEMA staging")
    con.execute(
        "CREATE TABLE staging.sprints AS SELECT * FROM (VALUES"
        " ('a', 1, 'closed', TIMESTAMP '2024-01-01', TIMESTAMP '2024-01-15', 3.0, 1::HUGEINT),"
        " ('a', 2, 'closed', TIMESTAMP '2024-01-15', TIMESTAMP '2024-01-10', -2.0, 2::HUGEINT),"
        " ('a', 2, 'weird', TIMESTAMP '2024-02-01', NULL, 1.0, 2::HUGEINT))"
        " t(source_name, sprint_id, state, started_at, completed_at, points, event_key)"
    )
    yield con
    con.close()


SUITE = Suite(
    "staging.sprints",
    "staging.sprints",
    (
        unique("source_name", "sprint_id"),
        one_of("state", ("active", "closed"), why="known states"),
        not_before("completed_at", "started_at", why="ordered dates"),
        between("points", 0, severity=WARNING, why="non-negative estimates"),
        unique("event_key", why="huge integers compared exactly"),
    ),
)


def test_every_failure_is_found_with_its_severity_and_offending_values(con):
    report = validate(con, [SUITE], layer="staging")
    found = {o.check.check_id: o for o in report.outcomes}
    assert [o.check.check_id for o in report.outcomes] == [c.check_id for c in SUITE.checks]
    assert not found["unique:source_name,sprint_id"].success
    assert found["unique:source_name,sprint_id"].unexpected_count == 2
    assert found["one_of:state"].sample == ["weird"]
    assert found["not_before:completed_at,started_at"].unexpected_count == 1  # null is skipped
    assert not found["between:points"].success and found["between:points"].sample == [-2.0]
    assert not found["unique:event_key"].success
    assert {o.check.check_id for o in report.critical_failures} == {
        "unique:source_name,sprint_id",
        "one_of:state",
        "not_before:completed_at,started_at",
        "unique:event_key",
    }
    assert [o.check.check_id for o in report.warnings] == ["between:points"]
    assert found["one_of:state"].element_count == 3  # every row, nothing sampled


def test_the_error_names_the_table_the_expectation_and_a_few_values(con):
    message = str(DataQualityError(validate(con, [SUITE], layer="staging")))
    assert "4 critical expectation(s)" in message
    assert "staging.sprints one_of(state)" in message and '"weird"' in message
    assert "meta.expectation_results" in message


def test_a_missing_table_or_column_fails_instead_of_passing_silently(con):
    suites = [
        Suite("staging.nowhere", "staging.nowhere", (unique("id"),)),
        Suite("staging.sprints", "staging.sprints", (unique("no_such_column"),)),
    ]
    report = validate(con, suites, layer="staging")
    assert [(o.success, o.error) for o in report.outcomes] == [
        (False, "table missing"),
        (False, "column missing"),
    ]


def test_a_clean_table_passes():
    con = duckdb.connect()
    con.execute("CREATE TABLE t AS SELECT range AS id FROM range(1000)")
    report = validate(con, [Suite("t", "main.t", (unique("id"),))], layer="staging")
    assert report.outcomes[0].success and report.summary()["failed_critical"] == 0


def test_a_critical_failure_is_recorded_even_though_the_run_rolls_back(tmp_path):
    con = open_warehouse(tmp_path / "w.duckdb")
    con.execute("CREATE TABLE staging.sprints (source_name VARCHAR, sprint_id BIGINT)")
    con.execute("INSERT INTO staging.sprints VALUES ('a', 1), ('a', 1)")
    gate = QualityGate(con, "run-1")
    gate_suites = [
        Suite("staging.sprints", "staging.sprints", (unique("source_name", "sprint_id"),))
    ]
    con.execute("BEGIN TRANSACTION")
    with pytest.raises(DataQualityError):
        gate._check(validate(con, gate_suites, layer="staging"))
    con.execute("ROLLBACK")
    gate.record_apart()
    rows = con.execute(
        "SELECT suite, expectation_id, severity, is_success, unexpected_count, columns"
        " FROM meta.expectation_results"
    ).fetchall()
    con.close()
    assert rows == [
        (
            "staging.sprints",
            "unique:source_name,sprint_id",
            "critical",
            False,
            2,
            ["source_name", "sprint_id"],
        )
    ]


def test_every_mart_has_its_key_checked(tmp_path):
    con = open_warehouse(tmp_path / "w.duckdb")
    tables = {
        r[0]
        for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'marts'"
        ).fetchall()
    }
    suites = {s.table: s for s in marts_suites(con)}
    con.close()
    assert {f"marts.{t}" for t in tables} == set(suites)
    assert all(s.checks[0].name == "unique" for s in suites.values())
    levels = {c.check_id for c in suites["marts.fct_maturity_assessments"].checks}
    assert {"between:level_proven", "not_before:level_ceiling,level_proven"} <= levels


def test_suite_names_are_unique_and_stable():
    names = [s.name for s in STAGING_SUITES]
    assert len(names) == len(set(names))
    assert all(s.name == s.table for s in STAGING_SUITES)
