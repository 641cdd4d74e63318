"""Syncing every configured Jira source into raw.*, one committed batch at a time."""

from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import UTC, timedelta

import duckdb

from connectors.jira.client import connect
from connectors.jira.sync import SyncCounts, iter_source
from pipelines.settings import JiraSourceSettings, Settings, secret
from warehouse.raw import land
from warehouse.runs import utc_now
from warehouse.sync_state import read_watermark, write_watermark

log = logging.getLogger("maturity.sync")
WATERMARK_OVERLAP = timedelta(hours=1)


def sync_jira_sources(
    con: duckdb.DuckDBPyConnection, settings: Settings, run_id: str, *, full: bool = False
) -> dict[str, dict]:
    return {
        source.name: sync_jira_source(con, source, settings, run_id, full=full)
        for source in settings.sources.jira
    }


def sync_jira_source(
    con: duckdb.DuckDBPyConnection,
    source: JiraSourceSettings,
    settings: Settings,
    run_id: str,
    *,
    full: bool = False,
) -> dict:
    started = utc_now()
    email = (
        secret(source.email_env, purpose="the Jira account e-mail")
        if (source.email_env and source.deployment != "datacenter")
        else None
    )
    conn = connect(
        source.url,
        email=email,
        token=secret(source.token_env, purpose="the Jira API token"),
        deployment=source.deployment,
        timeout=source.timeout_seconds,
    )
    team_boards = [b for t in settings.teams for s, b in t.board_refs() if s == source.name]
    boards = sorted(set(source.boards) | set(team_boards)) if source.boards else []
    watermark = None if full else read_watermark(con, source.name, "issues")
    counts = SyncCounts()
    known_reports = frozenset(
        con.execute(
            "SELECT DISTINCT board_id, sprint_id FROM raw.jira_sprint_reports"
            " WHERE source_name = ? AND http_status = 200",
            [source.name],
        ).fetchall()
    )
    for batch in iter_source(
        conn,
        boards=boards,
        estimate_field=source.estimate_field,
        page_size=source.page_size,
        updated_since=(watermark.replace(tzinfo=UTC) - WATERMARK_OVERLAP) if watermark else None,
        known_sprint_reports=known_reports,
        counts=counts,
    ):
        loaded_at = utc_now()
        con.execute("BEGIN TRANSACTION")
        try:
            for stream, records in batch.parts.items():
                land(
                    con,
                    f"jira_{stream}",
                    records,
                    source_name=source.name,
                    run_id=run_id,
                    loaded_at=loaded_at,
                )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
    # Only a finished sync moves the watermark the next incremental sync starts from.
    newest = con.execute(
        "SELECT max((payload ->> '$.fields.updated')::TIMESTAMPTZ AT TIME ZONE 'UTC')"
        " FROM raw.jira_issues WHERE source_name = ?",
        [source.name],
    ).fetchall()[0][0]
    if newest is not None:
        write_watermark(con, source.name, "issues", newest)
    summary = {
        **asdict(counts),
        "deployment": conn.deployment,
        "seconds": round((utc_now() - started).total_seconds(), 2),
    }
    log.info("synced %s: %s", source.name, summary)
    return summary
