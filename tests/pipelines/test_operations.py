"""Operations: idempotent runs (content hash), backfills that replace only their own rule set
version, abandoned runs, and a data-quality failure that stops a run before the marts change."""

from __future__ import annotations

import json
import shutil
from datetime import date

import duckdb
import pytest

from pipelines.cli import main
from pipelines.exit_codes import EXIT_DATA_QUALITY, exit_code_for
from pipelines.periods import period_ends
from pipelines.settings import ConfigError
from tests.pipelines.ops_support import (
    AS_OF,
    duplicate_keys,
    fingerprint,
    query,
    served,
    small_org,
)
from warehouse.quality.gate import STAGING_SUITES
from warehouse.quality.runner import DataQualityError, QualityReport


@pytest.fixture(scope="module")
def synced(tmp_path_factory):
    """A small organisation synced and assessed once; the emulator stays up for reruns."""
    folder = tmp_path_factory.mktemp("ops")
    with served(small_org(), folder) as (config, _):
        assert main(["run", "--config", str(config), "--as-of", AS_OF]) == 0
        yield config


@pytest.fixture
def warehouse(synced, tmp_path):
    """A private copy of the synced warehouse and its config (the emulator is shared)."""
    for name in ("maturity.toml", "warehouse.duckdb"):
        shutil.copy(synced.parent / name, tmp_path / name)
    return tmp_path / "maturity.toml", tmp_path / "warehouse.duckdb"


def test_running_twice_gives_the_same_marts_and_no_duplicate_rows(warehouse):
    config, path = warehouse
    before, lineage = fingerprint(path), fingerprint(path, include_lineage=True)
    assert main(["run", "--config", str(config), "--as-of", AS_OF]) == 0
    assert main(["assess", "--config", str(config), "--as-of", AS_OF]) == 0
    assert fingerprint(path) == before  # every business column of every mart, row for row
    # The lineage columns (run_id) are what differ, and all that differs.
    assert (
        fingerprint(path, include_lineage=True)["fct_maturity_assessments"]
        != lineage["fct_maturity_assessments"]
    )
    assert set(duplicate_keys(path).values()) == {0}
    assert query(path, "SELECT count(*) FROM marts.fct_sprints")[0][0] > 0


def test_a_backfill_replaces_its_rule_set_version_and_keeps_the_others(warehouse):
    config, path = warehouse
    args = ["backfill", "--config", str(config), "--from", "2026-02-01", "--to", "2026-05-31"]
    assert main(args) == 0
    per_date = query(
        path,
        "SELECT as_of_date, count(*) FROM marts.fct_maturity_assessments GROUP BY ALL ORDER BY ALL",
    )
    month_ends = [date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30), date(2026, 5, 31)]
    assert per_date == [(d, 3) for d in month_ends] + [(date(2026, 6, 1), 3)]
    # An older rule set version's assessments of one of those dates, as an earlier release left.
    con = duckdb.connect(str(path))
    for table in ("fct_maturity_assessments", "fct_criterion_results"):
        con.execute(
            f"INSERT INTO marts.{table} BY NAME SELECT * REPLACE ('0.9.0' AS ruleset_version,"
            f" 'older-run' AS run_id) FROM marts.{table} WHERE as_of_date = DATE '2026-03-31'"
        )
    con.close()
    before = fingerprint(path)
    assert main(args) == 0
    assert fingerprint(path) == before  # the same dates again: replaced, not added to
    versions = query(
        path,
        "SELECT ruleset_version, run_id = 'older-run', count(*) FROM marts.fct_maturity_assessments"
        " WHERE as_of_date = DATE '2026-03-31' GROUP BY ALL ORDER BY ALL",
    )
    assert versions[0] == ("0.9.0", True, 3)  # kept
    assert versions[1][1:] == (False, 3)  # this version's: the latest backfill's run
    assert set(duplicate_keys(path).values()) == {0}
    runs = query(
        path, "SELECT kind, status, exit_code, parameters FROM meta.runs ORDER BY started_at"
    )
    assert runs[-1][:3] == ("backfill", "succeeded", 0)
    assert json.loads(runs[-1][3])["as_of_dates"] == 4


def test_a_run_left_running_by_a_kill_is_marked_abandoned_by_the_next(warehouse):
    config, path = warehouse
    con = duckdb.connect(str(path))
    con.execute(
        "INSERT INTO meta.runs (run_id, kind, started_at, status)"
        " VALUES ('killed-run', 'run', TIMESTAMP '2026-06-01 02:15', 'running')"
    )
    con.close()
    assert main(["assess", "--config", str(config), "--as-of", AS_OF]) == 0
    found = dict(
        (r[0], r[1:])
        for r in query(path, "SELECT run_id, status, finished_at IS NOT NULL, error FROM meta.runs")
    )
    status, finished, error = found["killed-run"]
    assert (status, finished) == ("abandoned", True) and "killed" in error
    assert query(path, "SELECT count(*) FROM meta.runs WHERE status = 'running'") == [(0,)]


def test_a_critical_data_quality_failure_stops_the_run_before_the_marts_change(warehouse, capsys):
    config, path = warehouse
    # Jira delivers a closed sprint whose completion is before its start.
    con = duckdb.connect(str(path))
    con.execute(
        "INSERT INTO raw.jira_sprints SELECT source_name, 'tampered', loaded_at + INTERVAL 1 DAY,"
        ' board_id, sprint_id, json_merge_patch(payload, \'{"completeDate":'
        ' "2001-01-01T00:00:00.000Z"}\') FROM raw.jira_sprints'
        " WHERE payload ->> '$.state' = 'closed' ORDER BY sprint_id LIMIT 1"
    )
    con.close()
    before = fingerprint(path, include_lineage=True)
    capsys.readouterr()
    assert main(["assess", "--config", str(config), "--as-of", AS_OF]) == EXIT_DATA_QUALITY
    err = capsys.readouterr().err
    assert "staging.jira_sprints not_before(completed_at, started_at)" in err
    assert "2001-01-01" in err  # an offending value
    assert fingerprint(path, include_lineage=True) == before  # rolled back: nothing changed
    run_id, status, exit_code, counts = query(
        path,
        "SELECT run_id, status, exit_code, row_counts FROM meta.runs ORDER BY started_at DESC"
        " LIMIT 1",
    )[0]
    assert (status, exit_code) == ("failed", EXIT_DATA_QUALITY)
    assert json.loads(counts)["data_quality"]["failed_critical"] == 1
    failed = query(
        path,
        "SELECT suite, expectation_id, severity, unexpected_count FROM meta.expectation_results"
        " WHERE run_id = ? AND NOT is_success",
        [run_id],
    )
    assert failed == [("staging.jira_sprints", "not_before:completed_at,started_at", "critical", 1)]


def test_the_run_summary_and_the_ledger_report_data_quality(warehouse, capsys):
    config, path = warehouse
    capsys.readouterr()
    assert main(["assess", "--config", str(config), "--as-of", AS_OF]) == 0
    assert "data quality:" in capsys.readouterr().err
    counts, exit_code = query(
        path, "SELECT row_counts, exit_code FROM meta.runs ORDER BY started_at DESC LIMIT 1"
    )[0]
    quality = json.loads(counts)["data_quality"]
    assert exit_code == 0 and quality["failed_critical"] == 0 and quality["expectations"] > 40
    layers = dict(query(path, "SELECT layer, count(*) FROM meta.expectation_results GROUP BY 1"))
    assert layers["staging"] > 0 and layers["marts"] > 0


def test_every_staging_model_has_a_suite(synced):
    tables = {
        f"staging.{t}"
        for (t,) in query(
            synced.parent / "warehouse.duckdb",
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'staging'",
        )
    }
    guarded = {s.table for s in STAGING_SUITES}
    assert sorted(tables - guarded) == []


def test_period_ends_are_week_month_and_quarter_ends():
    assert period_ends(date(2024, 1, 15), date(2024, 4, 30), "month") == [
        date(2024, 1, 31),
        date(2024, 2, 29),
        date(2024, 3, 31),
        date(2024, 4, 30),
    ]
    assert period_ends(date(2024, 2, 1), date(2024, 12, 31), "quarter") == [
        date(2024, 3, 31),
        date(2024, 6, 30),
        date(2024, 9, 30),
        date(2024, 12, 31),
    ]
    assert period_ends(date(2024, 1, 1), date(2024, 1, 21), "week") == [
        date(2024, 1, 7),
        date(2024, 1, 14),
        date(2024, 1, 21),
    ]
    assert len(period_ends(date(2024, 11, 23), date(2026, 11, 23), "month")) == 24
    with pytest.raises(ConfigError, match="no month ends"):
        period_ends(date(2024, 1, 2), date(2024, 1, 20), "month")
    with pytest.raises(ConfigError, match="before"):
        period_ends(date(2024, 2, 1), date(2024, 1, 1), "month")


def test_each_failure_has_its_documented_exit_code():
    assert exit_code_for(ConfigError("x")) == 2
    assert exit_code_for(DataQualityError(QualityReport())) == 4
    assert exit_code_for(RuntimeError("a bug")) == 1
