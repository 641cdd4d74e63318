"""Issues deleted in Jira, found inside the warehouse: nothing here holds a list of every
issue of the organisation in Python. Deleted issues stay in raw (append-only); they are
recorded in raw.jira_issue_deletions and left out of every sprint figure."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from warehouse.sql import read_sql
from warehouse.sync_state import finish_sync

log = logging.getLogger("maturity.sync")
HERE = Path(__file__).parent
ID_SWEEP = "id_sweep"


def record_unseen(
    con: duckdb.DuckDBPyConnection, source_name: str, run_id: str, *, since, loaded_at
) -> None:
    """After a sync that read everything: what it did not see since `since` is gone."""
    params = [source_name, run_id, loaded_at, since]
    found = con.execute(read_sql(HERE / "jira_deleted_unseen.sql"), params).fetchall()
    _recorded(con, source_name, found[0][0], loaded_at)


class IdSweep:
    """The ids an id sweep delivers, page by page, into a temp table; `finish` records as
    deleted every live issue they do not name. The caller owns the transaction."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.started = False

    def add(self, records: list[dict]) -> None:
        if not self.started:
            self.con.execute(read_sql(HERE / "jira_swept_ids.sql"))
            self.started = True
        if records:
            ids = pa.table({"issue_id": pa.array([r["issue_id"] for r in records], pa.int64())})
            self.con.register("swept_page", ids)
            try:
                self.con.execute(read_sql(HERE / "jira_swept_ids_page.sql"))
            finally:
                self.con.unregister("swept_page")

    def finish(self, source_name: str, run_id: str, loaded_at: datetime) -> None:
        self.add([])  # a sweep that found no issue at all still ends
        params = [source_name, run_id, loaded_at]
        found = self.con.execute(read_sql(HERE / "jira_deleted_absent.sql"), params).fetchall()
        _recorded(self.con, source_name, found[0][0], loaded_at)
        self.started = False


def _recorded(con, source_name: str, count: int, loaded_at: datetime) -> None:
    finish_sync(con, source_name, ID_SWEEP, loaded_at)
    if count:
        log.info("%s: %d issues deleted in Jira since the last sweep", source_name, count)
