"""Landing source records in raw.* exactly as delivered, with source, run and load time."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime

import duckdb
import pyarrow as pa

# raw table -> the key columns that sit beside the payload, in table order.
RAW_TABLES: dict[str, tuple[str, ...]] = {
    "jira_server_info": (),
    "jira_myself": (),
    "jira_fields": (),
    "jira_boards": ("board_id",),
    "jira_board_configurations": ("board_id",),
    "jira_sprints": ("board_id", "sprint_id"),
    "jira_issues": ("issue_id", "issue_key"),
    "jira_changelogs": ("issue_id", "history_id"),
    "jira_sprint_reports": ("board_id", "sprint_id", "http_status"),
    "jira_launch_issues": ("issue_id", "issue_key", "parent_key"),
    "github_repo_checks": ("repo_full_name", "http_status", "is_full_visit", "etag"),
    "github_listings": ("repo_full_name", "path", "http_status"),
    "github_files": ("repo_full_name", "path", "sha"),
    "github_commits": ("repo_full_name", "path", "sha"),
    "github_issues": ("repo_full_name", "number"),
    "github_pulls": ("repo_full_name", "number"),
    "github_releases": ("repo_full_name", "release_id"),
    "github_tags": ("repo_full_name", "tag_name", "commit_sha"),
}
# Tables whose rows are plain columns, no payload.
PAYLOADLESS = {
    "jira_issue_deletions": ("issue_id", "issue_key"),
    "jira_launch_loads": ("jira_source", "base_url", "jql", "launches", "subtasks"),
}


# Compact and unchecked: the payloads come from a JSON parser, so they cannot be circular,
# and this is the hot loop of a sync.
_dumps = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":")).encode


def land(
    con: duckdb.DuckDBPyConnection,
    table: str,
    rows: Iterable[Mapping],
    *,
    source_name: str,
    run_id: str,
    loaded_at: datetime,
) -> int:
    """Append rows (each: its key columns plus `payload`, a JSON-able object, or
    `payload_text`, the JSON text as delivered, already checked) to raw.<table>.

    The caller owns the transaction, so a page lands together with its sync cursor.
    """
    keys = RAW_TABLES[table] if table in RAW_TABLES else PAYLOADLESS[table]
    rows = list(rows)
    if not rows:
        return 0
    columns: dict[str, list] = {
        "source_name": [source_name] * len(rows),
        "run_id": [run_id] * len(rows),
        "loaded_at": [loaded_at] * len(rows),
    }
    for key in keys:
        columns[key] = [row[key] for row in rows]
    if table in RAW_TABLES:
        columns["payload"] = [_payload_text(row) for row in rows]
    column_list = ", ".join(columns)
    con.register("raw_batch", pa.table(columns))
    try:
        # The table name comes from RAW_TABLES above, never from input.
        con.execute(f"INSERT INTO raw.{table} ({column_list}) SELECT {column_list} FROM raw_batch")
    finally:
        con.unregister("raw_batch")
    return len(rows)


def _payload_text(row: Mapping) -> str | None:
    if "payload_text" in row:
        return row["payload_text"]
    return None if row["payload"] is None else _dumps(row["payload"])


def land_table(
    con: duckdb.DuckDBPyConnection,
    table: str,
    rows: pa.Table,
    *,
    source_name: str,
    run_id: str,
    loaded_at: datetime,
) -> int:
    """Append rows already shaped for raw.<table> (its key columns and `payload` as JSON
    text, e.g. exploded from delivered pages by jira_bulk_pages.py); other columns of `rows`
    are ignored. The caller owns the transaction."""
    if not rows.num_rows:
        return 0
    columns = ", ".join([*RAW_TABLES[table], "payload"])
    con.register("raw_rows", rows)
    try:
        # Names come from RAW_TABLES above, never from input; values are bound.
        con.execute(
            f"INSERT INTO raw.{table} (source_name, run_id, loaded_at, {columns})"
            f" SELECT ?, ?, ?, {columns} FROM raw_rows",
            [source_name, run_id, loaded_at],
        )
    finally:
        con.unregister("raw_rows")
    return rows.num_rows
