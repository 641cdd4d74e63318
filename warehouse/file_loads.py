"""Landing exported files: accepted rows in raw.*, refused rows in meta.quarantine, and one
raw.file_loads row per file version, all in the caller's transaction (a file lands whole or
not at all). Which file contents were loaded before decides what is new (content hash).
"""

from __future__ import annotations

import json
from datetime import datetime

import duckdb
import pandas as pd
import pyarrow as pa

# raw table -> its columns besides source_name, run_id and loaded_at (see 0020_file_sources).
FILE_TABLES: dict[str, tuple[str, ...]] = {
    "survey_responses": (
        "file_sha256",
        "row_number",
        "respondent_hash",
        "team",
        "wave",
        "submitted_at",
        "total_hours",
        "meeting_coordination_hours",
        "reporting_hours",
        "tool_research_hours",
        "process_design_hours",
        "is_complete",
        "incomplete_reason",
    ),
    "launches": (
        "file_sha256",
        "row_number",
        "launch_id",
        "launch_name",
        "team",
        "planned_date",
        "actual_date",
        "adoption_target",
        "adoption_actual",
        "has_checklist",
    ),
    "launch_items": (
        "file_sha256",
        "row_number",
        "launch_id",
        "item_position",
        "item_depth",
        "item_name",
        "is_done",
        "done_date",
    ),
    "outcome_metrics": ("file_sha256", "row_number", "metric_date", "metric", "value", "team"),
    "feedback_items": (
        "file_sha256",
        "row_number",
        "feedback_id",
        "received_date",
        "team",
        "jira_keys",
    ),
}
QUARANTINE_COLUMNS = (
    "source_kind",
    "source_name",
    "file_path",
    "file_sha256",
    "row_number",
    "record_kind",
    "record_key",
    "field",
    "column_name",
    "value",
    "reason",
    "expectation_id",
)


def loaded_versions(
    con: duckdb.DuckDBPyConnection, source_kind: str, source_name: str
) -> dict[str, str]:
    """Every file content (SHA-256) this source loaded before -> the path it was loaded from."""
    rows = con.execute(
        "SELECT file_sha256, any_value(file_path) FROM raw.file_loads"
        " WHERE source_kind = ? AND source_name = ? GROUP BY file_sha256",
        [source_kind, source_name],
    ).fetchall()
    return dict(rows)


def loaded_paths(con: duckdb.DuckDBPyConnection, source_kind: str, source_name: str) -> set[str]:
    rows = con.execute(
        "SELECT DISTINCT file_path FROM raw.file_loads WHERE source_kind = ? AND source_name = ?",
        [source_kind, source_name],
    ).fetchall()
    return {r[0] for r in rows}


def land_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    frame: pd.DataFrame,
    *,
    source_name: str,
    run_id: str,
    loaded_at: datetime,
) -> int:
    """Append the frame's rows (its columns named as in FILE_TABLES[table]) to raw.<table>."""
    columns = FILE_TABLES[table]
    if frame.empty:
        return 0
    # An Arrow table DuckDB scans in place: registering the DataFrame itself would have it
    # convert every text column of a million rows first.
    batch = pa.Table.from_pandas(frame.loc[:, list(columns)], preserve_index=False)
    con.register("file_batch", batch)
    try:
        # The table name comes from FILE_TABLES above, never from input.
        con.execute(
            f"INSERT INTO raw.{table} BY NAME"
            " SELECT *, ? AS source_name, ? AS run_id, ? AS loaded_at FROM file_batch",
            [source_name, run_id, loaded_at],
        )
    finally:
        con.unregister("file_batch")
    return batch.num_rows


def record_file_load(con: duckdb.DuckDBPyConnection, load: dict) -> None:
    """One raw.file_loads row; `column_map` is a dict."""
    row = {**load, "column_map": json.dumps(load.get("column_map") or {}, sort_keys=True)}
    frame = pd.DataFrame([row])
    con.register("file_load_row", frame)
    try:
        con.execute("INSERT INTO raw.file_loads BY NAME SELECT * FROM file_load_row")
    finally:
        con.unregister("file_load_row")


def quarantine_rows(
    con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, *, run_id: str, at: datetime
) -> int:
    if frame.empty:
        return 0
    batch = frame.loc[:, list(QUARANTINE_COLUMNS)].copy()
    batch["value"] = batch["value"].map(_text).astype("object")
    batch.insert(0, "quarantined_at", at)
    batch.insert(0, "run_id", run_id)
    con.register("quarantine_batch", batch)
    try:
        con.execute("INSERT INTO meta.quarantine BY NAME SELECT * FROM quarantine_batch")
    finally:
        con.unregister("quarantine_batch")
    return len(batch)


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value)
    return text if len(text) <= 200 else text[:197] + "..."
