"""meta.expectation_results: one row per expectation per run, for BI to chart data quality."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd

from warehouse.quality.runner import Outcome
from warehouse.sql import read_sql


def store_outcomes(con: duckdb.DuckDBPyConnection, run_id: str, outcomes: Sequence[Outcome]) -> int:
    """Write (replace) this run's rows for these expectations, inside the caller's transaction."""
    if not outcomes:
        return 0
    frame = pd.DataFrame(
        [
            {
                "run_id": run_id,
                "checked_at": o.checked_at,
                "layer": o.layer,
                "suite": o.suite.name,
                "table_name": o.suite.table,
                "expectation_id": o.check.check_id,
                "expectation_type": _snake(o.check.expectation),
                "columns": list(o.check.columns),
                "arguments": json.dumps(dict(o.check.arguments), sort_keys=True, default=str),
                "severity": o.check.severity,
                "is_success": o.success,
                "element_count": o.element_count,
                "unexpected_count": o.unexpected_count,
                "unexpected_pct": o.unexpected_pct,
                "unexpected_sample": json.dumps(o.sample, sort_keys=True, default=str),
                "error": o.error,
                "description": o.check.why,
            }
            for o in outcomes
        ]
    )
    con.register("outcome_frame", frame)
    try:
        con.execute(read_sql(Path(__file__).with_name("store.sql")))
    finally:
        con.unregister("outcome_frame")
    return len(frame)


def store_outcomes_apart(
    con: duckdb.DuckDBPyConnection, run_id: str, outcomes: Sequence[Outcome]
) -> int:
    """The same in a transaction of its own: after a rollback, the failed run still says why."""
    con.execute("BEGIN TRANSACTION")
    try:
        written = store_outcomes(con, run_id, outcomes)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return written


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name).lstrip("_")
