"""Opening the warehouse file: one writer at a time, always migrated, always UTC."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.migrate import migrate

# DuckDB's own default is 80% of the machine's memory, and it keeps every block it wrote
# cached while it may: a first build from raw at 200,000 issues grew to 1.5 GB for what fits in
# 800 MB (issue 4). Over the limit DuckDB drops clean blocks and spills to <file>.tmp instead.
DEFAULT_MEMORY_LIMIT = "800MB"
MEMORY_LIMIT_PATTERN = r"^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$"
CHECKPOINT_THRESHOLD = "512MB"  # see open_warehouse and bounded_for_sync


class WarehouseBusyError(Exception):
    """Another process holds the warehouse file."""


def open_warehouse(
    path: Path, *, read_only: bool = False, memory_limit: str = DEFAULT_MEMORY_LIMIT
) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) and migrate the warehouse; a held file is a clear error.

    `memory_limit` caps DuckDB's memory (e.g. "800MB", "4GB"); the process uses somewhat more.
    """
    if not re.fullmatch(MEMORY_LIMIT_PATTERN, memory_limit):
        raise ValueError(f"memory limit {memory_limit!r}: write e.g. 800MB or 4GB")
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
    # SET takes no bound parameter; the value was checked against MEMORY_LIMIT_PATTERN above.
    con.execute(f"SET memory_limit = '{memory_limit}'")
    if not read_only:
        migrate(con)
    return con


# While a sync lands pages. DuckDB keeps every appended row in memory until a checkpoint
# folds the WAL into the file, so with the 512 MB threshold above a 200,000-issue sync held
# most of its raw data in memory (issue 3: memory must not grow with the organisation).
# During a sync: checkpoint every 32 MB of WAL and cap DuckDB's buffers at 64 MB (it spills
# beyond; the peaks of a sync's memory were its checkpoints filling 96 MB, with no gain in
# speed over 64); afterwards the warehouse's own settings (its configured memory limit) come
# back, for the model builds.
# What a sync lands is JSON text of a few hundred bytes a row, which DuckDB would compress
# with FSST after analysing it: measured on 600,000 changelog rows, forcing ZSTD instead
# took 40% less time to commit and checkpoint (the main thread's largest cost in a sync) and
# wrote a file 4x smaller, for 25% more time to read it back. (DuckDB picks ZSTD by itself
# only for strings averaging 4 kB.) Columns ZSTD cannot hold keep DuckDB's own choice.
SYNC_SETTINGS = (
    "SET checkpoint_threshold = '32MB'; SET memory_limit = '64MB'; SET force_compression = 'zstd'"
)


@contextmanager
def bounded_for_sync(
    con: duckdb.DuckDBPyConnection, memory_limit: str = DEFAULT_MEMORY_LIMIT
) -> Iterator[None]:
    """`memory_limit`: the warehouse's own (as open_warehouse was given it), restored after."""
    if not re.fullmatch(MEMORY_LIMIT_PATTERN, memory_limit):
        raise ValueError(f"memory limit {memory_limit!r}: write e.g. 800MB or 4GB")
    con.execute(SYNC_SETTINGS)
    try:
        yield
    finally:
        con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
        con.execute("RESET force_compression")
        # SET takes no bound parameter; the value was checked against MEMORY_LIMIT_PATTERN.
        con.execute(f"SET memory_limit = '{memory_limit}'")
