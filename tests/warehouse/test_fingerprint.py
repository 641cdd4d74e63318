"""The marts' content hash: blind to row order and to which run wrote a row, and to nothing else;
and the run ledger and data-quality results are described like the marts are."""

from __future__ import annotations

import pytest

from warehouse.connection import open_warehouse
from warehouse.fingerprint import LINEAGE_COLUMNS, marts_fingerprint

ROW = "INSERT INTO marts.dim_rulesets VALUES (?, 'productops-v1', '2.0.0', 3, 'criteria: []', ?)"


@pytest.fixture
def con(tmp_path):
    con = open_warehouse(tmp_path / "w.duckdb")
    yield con
    con.close()


def test_the_hash_ignores_row_order_and_lineage_but_not_content(con):
    con.execute(ROW, ["a", "run-1"])
    con.execute(ROW, ["b", "run-1"])
    first, first_lineage = marts_fingerprint(con), marts_fingerprint(con, include_lineage=True)
    con.execute("DELETE FROM marts.dim_rulesets")
    con.execute(ROW, ["b", "run-2"])  # another order, another run
    con.execute(ROW, ["a", "run-2"])
    assert marts_fingerprint(con) == first
    assert marts_fingerprint(con, include_lineage=True) != first_lineage
    con.execute("UPDATE marts.dim_rulesets SET criteria_count = 4 WHERE ruleset_hash = 'a'")
    changed = marts_fingerprint(con)
    assert changed["dim_rulesets"] != first["dim_rulesets"] and changed["*"] != first["*"]
    assert changed["fct_sprints"] == first["fct_sprints"] == "0:"


def test_lineage_columns_are_exactly_the_run_ids(con):
    named = {
        c
        for (c,) in con.execute(
            "SELECT DISTINCT column_name FROM duckdb_columns() WHERE schema_name = 'marts'"
            " AND column_name LIKE '%run_id'"
        ).fetchall()
    }
    assert named == set(LINEAGE_COLUMNS)


def test_the_run_ledger_and_quality_results_are_described(con):
    undocumented = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'meta'"
        " AND table_name IN ('runs', 'expectation_results') AND coalesce(comment, '') = ''"
    ).fetchall()
    assert undocumented == []
