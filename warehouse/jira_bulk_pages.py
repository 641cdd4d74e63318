"""Cloud's bulkfetch pages read inside DuckDB: the fast `HistoryReader` of the Jira sync.

Parsing a page of a thousand histories with Python's json and encoding each history back to
JSON text for raw cost most of a sync's time and all of its Python objects. DuckDB parses
the delivered text, outside the GIL, and hands back an Arrow table of raw.jira_changelogs
rows (each history's JSON whole) plus the small facts the completeness check needs. It
answers exactly as connectors/jira/history_pages.PythonHistoryReader does (see the tests);
the connector does not know which one it was given.

The reader works in its own in-memory database, never in the warehouse: a page being read
is not data yet. Each thread that uses it gets its own cursor (the sync finds page tokens in
one thread while it reads the previous group's pages in another).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from warehouse.sql import read_sql

HERE = Path(__file__).parent / "jira_bulk"
# A reader holds one group of pages (about 1,000 issues, some 5 MB) at a time. The limit is
# a ceiling, not a reservation: a sync's memory was the same with 64 MB and 128 MB, but at
# 32 MB a group of ordinary pages failed for want of memory, and real histories (long text
# fields changed) make far larger pages than the simulator's.
READER_MEMORY_LIMIT = "128MB"


class PageError(ValueError):
    """A page that is not JSON, or a history without numeric ids (`issue_id` names it)."""

    def __init__(self, message: str, *, issue_id: str | None = None):
        super().__init__(message)
        self.issue_id = issue_id


@dataclass
class ReadHistories:
    """Duck-typed as connectors.jira.history_pages.BulkHistories (warehouse imports no
    connector): `table` holds the rows, `records` stays empty."""

    table: Any
    last_items: dict[str, dict[str, dict]]
    held: dict[str, int]
    histories: int
    items: int
    records: list[dict] = field(default_factory=list)


class DuckDBHistoryReader:
    def __init__(self, *, error: type[ValueError] = PageError) -> None:
        """`error`: the exception to raise for a malformed page, built like PageError (the
        connector passes its own, so that it needs to know nothing of this module)."""
        self.error = error
        self.con = duckdb.connect(
            ":memory:", config={"memory_limit": READER_MEMORY_LIMIT, "threads": 1}
        )
        self._local = threading.local()
        self._cursors: list[duckdb.DuckDBPyConnection] = []

    def close(self) -> None:
        for cursor in self._cursors:
            cursor.close()
        self.con.close()

    @property
    def _con(self) -> duckdb.DuckDBPyConnection:
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            cursor = self._local.cursor = self.con.cursor()
            self._cursors.append(cursor)
        return cursor

    def next_token(self, page: str) -> str | None:
        try:
            ((token,),) = self._con.execute(read_sql(HERE / "next_token.sql"), [page]).fetchall()
        except duckdb.InvalidInputException:
            raise self.error("not valid JSON") from None
        return token or None

    def read(self, pages: list[str], tracked_fields: list[str]) -> ReadHistories:
        con = self._con
        con.register("bulk_pages", pa.table({"page_seq": range(len(pages)), "body": pages}))
        try:
            con.execute(read_sql(HERE / "explode.sql"))
        except duckdb.InvalidInputException:
            raise self.error("not valid JSON") from None
        finally:
            con.unregister("bulk_pages")
        rows = con.sql(read_sql(HERE / "rows.sql")).to_arrow_table()
        # rows.sql puts a history without numeric ids first
        if rows.num_rows and not (rows["issue_id"][0].is_valid and rows["history_id"][0].is_valid):
            issue = rows["issue_ref"][0].as_py()
            raise self.error("a history without a numeric id", issue_id=issue)
        last: dict[str, dict[str, dict]] = {}
        for issue, field_id, item in con.execute(
            read_sql(HERE / "last_items.sql"), [tracked_fields]
        ).fetchall():
            last.setdefault(issue, {})[field_id] = item
        held = dict(con.execute(read_sql(HERE / "held.sql")).fetchall())
        table = rows.select(["issue_id", "history_id", "payload", "item_count"])
        return _counted(table, last, held)

    def issue_table(self, pages: list[str], positions: list[tuple[int, int]]) -> pa.Table:
        con = self._con
        kept = pa.table(
            {
                "kept_seq": range(len(positions)),
                "page_seq": [page for page, _ in positions],
                "issue_seq": [at for _, at in positions],
            }
        )
        con.register("search_pages", pa.table({"page_seq": range(len(pages)), "body": pages}))
        con.register("kept_issues", kept)
        try:
            return con.sql(read_sql(HERE / "issues.sql")).to_arrow_table()
        except duckdb.InvalidInputException:
            raise self.error("not valid JSON") from None
        finally:
            con.unregister("search_pages")
            con.unregister("kept_issues")

    def is_json(self, text: str) -> bool:
        ((valid,),) = self._con.execute(read_sql(HERE / "is_json.sql"), [text]).fetchall()
        return bool(valid)

    def without(self, bulk: ReadHistories, issue_ids: set[str]) -> ReadHistories:
        gone = pa.array([int(i) for i in issue_ids], pa.int64())
        kept = bulk.table.filter(pc.invert(pc.is_in(bulk.table["issue_id"], value_set=gone)))
        return _counted(kept, bulk.last_items, bulk.held)


def _counted(table, last, held) -> ReadHistories:
    items = pc.sum(table["item_count"]).as_py() or 0
    return ReadHistories(table, last, held, table.num_rows, items)
