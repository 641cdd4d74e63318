"""The run ledger, meta.runs: every run is recorded when it starts and when it ends."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import duckdb


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def new_run_id() -> str:
    # Sortable to the millisecond, so the newest run is the greatest id; unique by its suffix.
    now = datetime.now(UTC)
    return now.strftime("%Y%m%dT%H%M%S") + f"{now.microsecond // 1000:03d}Z-" + uuid.uuid4().hex[:8]


def start_run(con: duckdb.DuckDBPyConnection, kind: str, parameters: dict) -> str:
    run_id = new_run_id()
    con.execute(
        "INSERT INTO meta.runs (run_id, kind, started_at, status, parameters)"
        " VALUES (?, ?, ?, 'running', ?)",
        [run_id, kind, utc_now(), json.dumps(parameters, sort_keys=True, default=str)],
    )
    return run_id


def finish_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    *,
    status: str,
    row_counts: dict | None = None,
    error: str | None = None,
    exit_code: int | None = None,
) -> None:
    con.execute(
        "UPDATE meta.runs SET finished_at = ?, status = ?, row_counts = ?, error = ?,"
        " exit_code = ? WHERE run_id = ?",
        [
            utc_now(),
            status,
            json.dumps(row_counts or {}, sort_keys=True, default=str),
            error,
            exit_code,
            run_id,
        ],
    )


def abandon_stale_runs(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Mark runs still 'running' as 'abandoned' and return their ids. Call it only while
    holding the warehouse for writing: DuckDB lets one process write the file at a time, so a
    run still marked running cannot be alive; it was killed (or its machine went down)."""
    rows = con.execute(
        "UPDATE meta.runs SET status = 'abandoned', finished_at = ?,"
        " error = coalesce(error, 'killed or lost before it finished: found still running by a'"
        " || ' later run; the derived tables are those of the last run that completed')"
        " WHERE status = 'running' RETURNING run_id",
        [utc_now()],
    ).fetchall()
    return sorted(r[0] for r in rows)
