"""Opening the warehouse file: one writer at a time, always migrated, always UTC."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.migrate import migrate

CHECKPOINT_THRESHOLD = "512MB"  # see open_warehouse and bounded_for_sync


class WarehouseBusyError(Exception):
    """Another process holds the warehouse file."""


def open_warehouse(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) and migrate the warehouse; a held file is a clear error."""
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as err:
        if "lock" not in str(err).lower():
            raise
        holder = re.search(r"PID (\d+)", str(err))
        who = f"process {holder.group(1)}" if holder else "another process"
        raise WarehouseBusyError(
            f"warehouse is busy: {path} is held by {who} (a run in progress?). "
            "Wait for it to finish, or stop it, then try again."
        ) from None
    # Every timestamp in the warehouse is UTC; never let the machine's zone leak in.
    con.execute("SET TimeZone = 'UTC'")
    # A sync appends in many small transactions; checkpointing every 16 MB of WAL (the
    # default) rewrote the file again and again. DuckDB still checkpoints on close.
    con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
    if not read_only:
        migrate(con)
    return con


# While a sync lands pages. DuckDB keeps every appended row in memory until a checkpoint
# folds the WAL into the file, so with the 512 MB threshold above a 200,000-issue sync held
# most of its raw data in memory (issue 3: memory must not grow with the organisation).
# During a sync: checkpoint every 32 MB of WAL and cap DuckDB's buffers (it spills beyond);
# afterwards the warehouse's own settings come back, for the model builds.
SYNC_SETTINGS = "SET checkpoint_threshold = '32MB'; SET memory_limit = '96MB'"
WAREHOUSE_SETTINGS = f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'; RESET memory_limit"


@contextmanager
def bounded_for_sync(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.execute(SYNC_SETTINGS)
    try:
        yield
    finally:
        con.execute(WAREHOUSE_SETTINGS)
