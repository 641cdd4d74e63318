"""A whole run: open the warehouse, record the run, sync, derive, record the outcome."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

import duckdb

from maturity.engine import Assessment
from pipelines.settings import Settings
from pipelines.steps import DeriveResult, derive, sync
from warehouse.connection import open_warehouse
from warehouse.runs import finish_run, start_run


@dataclass
class RunSummary:
    run_id: str
    as_of_dates: list[date]
    sync_counts: dict
    row_counts: dict
    seconds: float
    assessments: list[Assessment] = field(default_factory=list)


@dataclass
class RecordedRun:
    con: duckdb.DuckDBPyConnection
    run_id: str
    row_counts: dict = field(default_factory=dict)


@contextmanager
def recorded_run(settings: Settings, kind: str, parameters: dict) -> Iterator[RecordedRun]:
    """Hold the warehouse for one run and record it in meta.runs, failed or succeeded."""
    con = open_warehouse(settings.warehouse_path)
    try:
        run = RecordedRun(con, start_run(con, kind, parameters))
        try:
            yield run
        except BaseException as err:
            finish_run(con, run.run_id, status="failed", error=f"{type(err).__name__}: {err}")
            raise
        finish_run(con, run.run_id, status="succeeded", row_counts=run.row_counts)
    finally:
        con.close()


def run_pipeline(
    settings: Settings,
    *,
    as_of: date,
    kind: str = "run",
    full: bool = False,
    do_sync: bool = True,
) -> RunSummary:
    started = time.monotonic()
    parameters = {"as_of": as_of.isoformat(), "full": full, "sync": do_sync}
    with recorded_run(settings, kind, parameters) as run:
        sync_counts = sync(run.con, settings, run.run_id, full=full) if do_sync else {}
        derived: DeriveResult = derive(run.con, settings, run.run_id, [as_of])
        run.row_counts = {**derived.row_counts, "sync": sync_counts}
    return RunSummary(
        run_id=run.run_id,
        as_of_dates=[as_of],
        sync_counts=sync_counts,
        row_counts=derived.row_counts,
        seconds=round(time.monotonic() - started, 2),
        assessments=derived.assessments,
    )
