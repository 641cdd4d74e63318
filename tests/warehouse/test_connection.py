"""The warehouse file: migrated once, forward only, and a clear error when it is held."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import duckdb
import pytest

from warehouse.connection import (
    SYNC_SETTINGS,
    WarehouseBusyError,
    bounded_for_sync,
    open_warehouse,
)
from warehouse.migrate import available_migrations


def test_every_layer_exists_and_migrations_are_recorded_once(tmp_path):
    path = tmp_path / "w.duckdb"
    con = open_warehouse(path)
    schemas = {r[0] for r in con.execute("SELECT schema_name FROM duckdb_schemas()").fetchall()}
    assert {"raw", "staging", "marts", "meta"} <= schemas
    con.close()
    con = open_warehouse(path)  # reopening applies nothing twice
    versions = [r[0] for r in con.execute("SELECT version FROM meta.schema_migrations").fetchall()]
    assert versions == [v for v, _, _ in available_migrations()]
    con.close()


def test_every_mart_table_and_column_is_described(tmp_path):
    con = open_warehouse(tmp_path / "w.duckdb")
    undocumented = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns()"
        " WHERE schema_name = 'marts' AND (comment IS NULL OR comment = '')"
    ).fetchall()
    tables = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'marts'"
        " AND (comment IS NULL OR comment = '')"
    ).fetchall()
    con.close()
    assert undocumented == [] and tables == []


def test_a_second_writer_is_told_the_warehouse_is_busy(tmp_path):
    path = tmp_path / "w.duckdb"
    open_warehouse(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(path)!r})
            print("holding", flush=True)
            sys.stdin.readline()
        """),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(WarehouseBusyError) as err:
            open_warehouse(path)
        message = str(err.value)
        assert message.startswith("warehouse is busy")
        assert str(path) in message and f"process {holder.pid}" in message
    finally:
        holder.communicate("done\n", timeout=30)


def test_a_sync_runs_with_bounded_memory_and_the_settings_come_back_after(tmp_path) -> None:
    con = open_warehouse(tmp_path / "w.duckdb")
    settings = (
        "SELECT current_setting('memory_limit'), current_setting('checkpoint_threshold'),"
        " current_setting('force_compression')"
    )
    before = con.execute(settings).fetchall()
    scratch = duckdb.connect()
    scratch.execute(SYNC_SETTINGS)
    with bounded_for_sync(con):
        assert con.execute(settings).fetchall() == scratch.execute(settings).fetchall()
        assert con.execute(settings).fetchall() != before
    assert con.execute(settings).fetchall() == before
    con.close()
