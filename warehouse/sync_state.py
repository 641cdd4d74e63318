"""meta.sync_state: how far each source's sync got (cursor), and where the next incremental
sync starts (watermark). The cursor is written in the same transaction as the page it
describes; the watermark moves only when a whole sync finished."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import duckdb

from warehouse.runs import utc_now


@dataclass(frozen=True)
class SyncState:
    cursor: dict | None
    watermark: datetime | None


def read_state(con: duckdb.DuckDBPyConnection, source_name: str, stream: str) -> SyncState:
    rows = con.execute(
        "SELECT cursor, watermark FROM meta.sync_state WHERE source_name = ? AND stream = ?",
        [source_name, stream],
    ).fetchall()
    if not rows:
        return SyncState(None, None)
    cursor, watermark = rows[0]
    return SyncState(json.loads(cursor) if cursor else None, watermark)


def write_cursor(
    con: duckdb.DuckDBPyConnection, source_name: str, stream: str, cursor: dict | None
) -> None:
    state = read_state(con, source_name, stream)
    _upsert(con, source_name, stream, cursor, state.watermark)


def finish_sync(
    con: duckdb.DuckDBPyConnection, source_name: str, stream: str, watermark: datetime | None
) -> None:
    """The sync completed: forget its cursor, move the watermark."""
    _upsert(con, source_name, stream, None, watermark)


def _upsert(con, source_name, stream, cursor, watermark) -> None:
    con.execute(
        "INSERT OR REPLACE INTO meta.sync_state"
        " (source_name, stream, cursor, watermark, updated_at) VALUES (?, ?, ?, ?, ?)",
        [source_name, stream, json.dumps(cursor) if cursor else None, watermark, utc_now()],
    )
