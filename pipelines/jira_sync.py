"""Syncing every configured Jira source into raw.*, one committed batch at a time.

Each batch lands in one transaction with the sync cursor that says how far the source got,
so a killed sync resumes where it stopped: no page twice, none skipped. The watermark the
next incremental sync starts from moves only when the whole sync finished.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from connectors.jira.client import connect
from connectors.jira.history_pages import MalformedHistories
from connectors.jira.retry import RetryPolicy
from connectors.jira.scope import IssueCursor
from connectors.jira.sync import Batch, SyncCounts, iter_source
from pipelines.jira_deletions import ID_SWEEP, IdSweep, record_unseen
from pipelines.progress import SyncProgress
from pipelines.settings import JiraSourceSettings, Settings, secret
from warehouse.connection import bounded_for_sync
from warehouse.jira_bulk_pages import DuckDBHistoryReader
from warehouse.raw import land, land_table
from warehouse.runs import utc_now
from warehouse.sql import read_sql
from warehouse.sync_state import finish_sync, read_state, write_cursor

HERE = Path(__file__).parent
log = logging.getLogger("maturity.sync")
WATERMARK_OVERLAP = timedelta(hours=1)
ISSUES = "issues"


def sync_jira_sources(
    con: duckdb.DuckDBPyConnection, settings: Settings, run_id: str, *, full: bool = False
) -> dict[str, dict]:
    with bounded_for_sync(con, settings.warehouse.memory_limit):
        return {
            source.name: sync_jira_source(con, source, settings, run_id, full=full)
            for source in settings.sources.jira
        }


def open_connection(source: JiraSourceSettings):
    wants_email = source.email_env and source.deployment != "datacenter"
    email = secret(source.email_env, purpose="the Jira account e-mail") if wants_email else None
    hint = f"{source.email_env} and {source.token_env}" if wants_email else source.token_env
    return connect(
        source.url,
        email=email,
        token=secret(source.token_env, purpose="the Jira API token"),
        deployment=source.deployment,
        timeout=source.timeout_seconds,
        credential_hint=f"the credentials in {hint}",
        max_concurrency=source.max_concurrency,
        retry=RetryPolicy(
            max_attempts=source.max_retries + 1, base_delay_seconds=source.backoff_seconds
        ),
    )


def sync_jira_source(
    con: duckdb.DuckDBPyConnection,
    source: JiraSourceSettings,
    settings: Settings,
    run_id: str,
    *,
    full: bool = False,
) -> dict:
    started = time.monotonic()
    conn = open_connection(source)
    state = read_state(con, source.name, ISSUES)
    sync_started_at = utc_now()
    if state.cursor and not full:
        cursor = IssueCursor.from_json(state.cursor)
        sync_started_at = datetime.fromisoformat(state.cursor["sync_started_at"])
        log.info("%s: resuming an interrupted sync after %d pages", source.name, cursor.pages)
    elif state.watermark and not full:
        cursor = IssueCursor(updated_since=state.watermark.replace(tzinfo=UTC) - WATERMARK_OVERLAP)
    else:
        cursor = IssueCursor()
    # A sync that reads everything sees every live issue: it is a sweep in itself.
    reads_everything = cursor.updated_since is None
    team_boards = [b for t in settings.teams for s, b in t.board_refs() if s == source.name]
    counts = SyncCounts()
    progress = SyncProgress(source.name)
    lander = BatchLander(con, source.name, run_id)
    # Bulkfetch pages are read inside DuckDB, not parsed in Python (warehouse/jira_bulk_pages.py).
    reader = DuckDBHistoryReader(error=MalformedHistories)
    batches = iter_source(
        conn,
        boards=sorted(set(source.boards) | set(team_boards)) if source.boards else [],
        estimate_field=source.estimate_field,
        page_size=source.page_size,
        result_window=source.max_result_window,
        cursor=cursor,
        known_sprint_reports=_known_sprint_reports(con, source.name),
        counts=counts,
        sweep_ids=not reads_everything and _sweep_due(con, source),
        reader=reader,
    )
    try:
        for batch in batches:
            if batch.position is not None:
                batch.position = {**batch.position, "sync_started_at": sync_started_at.isoformat()}
            lander.land(batch)
            progress.update(counts.issues, counts.expected_issues)
    finally:
        # Every batch landed whole, with its cursor: keep them even when the source fails
        # after them, so the next sync resumes from there.
        lander.commit()
        conn.stop()  # read-ahead threads retrying a request give up now
        batches.close()  # ends the page threads before their reader closes
        reader.close()
    progress.update(counts.issues, counts.expected_issues, force=True)
    progress.close()
    if reads_everything:
        con.execute("BEGIN TRANSACTION")
        try:
            record_unseen(con, source.name, run_id, since=sync_started_at, loaded_at=utc_now())
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    landed = con.execute(
        read_sql(HERE / "jira_newest_update.sql"), [source.name, sync_started_at]
    ).fetchall()[0][0]
    # A sync that read everything saw every live issue; otherwise the watermark from before
    # it stands for everything landed earlier.
    earlier = None if reads_everything else state.watermark
    newest = max((t for t in (earlier, landed) if t is not None), default=None)
    finish_sync(con, source.name, ISSUES, newest)
    summary = {
        **{k: v for k, v in asdict(counts).items() if k != "inconsistent_histories"},
        "inconsistent_histories": len(counts.inconsistent_histories),
        "deployment": conn.deployment,
        "requests": conn.stats.requests,
        "retries": conn.stats.retries,
        "seconds": round(time.monotonic() - started, 2),
    }
    log.info(
        "synced %s (%s): %s issues, %s changelog items, %s sprints, %s requests, %s retries,"
        " %.1f s",
        source.name,
        conn.deployment,
        f"{counts.issues:,}",
        f"{counts.changelog_items:,}",
        f"{counts.sprints:,}",
        f"{conn.stats.requests:,}",
        conn.stats.retries,
        summary["seconds"],
    )
    return summary


class BatchLander:
    """Lands batches in transactions of about a second's worth of pages: each batch with its
    cursor, so a kill loses at most the uncommitted pages, which the resumed sync refetches.
    (One commit per page would cost more than the landing itself.)"""

    COMMIT_EVERY_SECONDS = 1.0

    def __init__(self, con: duckdb.DuckDBPyConnection, source_name: str, run_id: str):
        self.con, self.source_name, self.run_id = con, source_name, run_id
        self.open_since: float | None = None
        self.position: dict | None = None  # the newest cursor, written with the commit
        self.sweep = IdSweep(con)

    def land(self, batch: Batch) -> None:
        if self.open_since is None:
            self.con.execute("BEGIN TRANSACTION")
            self.open_since = time.monotonic()
        try:
            loaded_at = utc_now()
            stamp = {"source_name": self.source_name, "run_id": self.run_id, "loaded_at": loaded_at}
            for stream, records in batch.parts.items():
                if stream == "issue_ids":
                    self.sweep.add(records)
                elif stream == "issue_sweep_end":
                    self.sweep.finish(self.source_name, self.run_id, loaded_at)
                else:
                    land(self.con, f"jira_{stream}", records, **stamp)
            for stream, table in batch.tables.items():
                land_table(self.con, f"jira_{stream}", table, **stamp)
            if batch.position is not None:
                self.position = batch.position
        except BaseException:
            self.con.execute("ROLLBACK")
            self.open_since, self.position = None, None
            raise
        if time.monotonic() - self.open_since >= self.COMMIT_EVERY_SECONDS:
            self.commit()

    def commit(self) -> None:
        if self.open_since is None:
            return
        if self.position is not None:
            write_cursor(self.con, self.source_name, ISSUES, self.position)
            self.position = None
        self.con.execute("COMMIT")
        self.open_since = None


def _sweep_due(con: duckdb.DuckDBPyConnection, source: JiraSourceSettings) -> bool:
    last = read_state(con, source.name, ID_SWEEP).watermark
    return last is None or utc_now() - last >= timedelta(days=source.deleted_sweep_days)


def _known_sprint_reports(con: duckdb.DuckDBPyConnection, source_name: str) -> frozenset:
    rows = con.execute(
        "SELECT DISTINCT board_id, sprint_id FROM raw.jira_sprint_reports"
        " WHERE source_name = ? AND http_status = 200",
        [source_name],
    ).fetchall()
    return frozenset((b, s) for b, s in rows)
