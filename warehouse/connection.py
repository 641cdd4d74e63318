"""Opening the warehouse file: one writer at a time, always migrated, always UTC."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from warehouse.migrate import migrate


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
    con.execute("SET checkpoint_threshold = '512MB'")
    if not read_only:
        migrate(con)
    return con
