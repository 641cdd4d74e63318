"""meta.sync_state: where each source's incremental sync starts next time."""

from __future__ import annotations

from datetime import datetime

import duckdb

from warehouse.runs import utc_now


def read_watermark(
    con: duckdb.DuckDBPyConnection, source_name: str, stream: str
) -> datetime | None:
    rows = con.execute(
        "SELECT watermark FROM meta.sync_state WHERE source_name = ? AND stream = ?",
        [source_name, stream],
    ).fetchall()
    return rows[0][0] if rows else None


def write_watermark(
    con: duckdb.DuckDBPyConnection, source_name: str, stream: str, watermark: datetime
) -> None:
    con.execute(
        "INSERT OR REPLACE INTO meta.sync_state"
        " (source_name, stream, cursor, watermark, updated_at) VALUES (?, ?, NULL, ?, ?)",
        [source_name, stream, watermark, utc_now()],
    )
