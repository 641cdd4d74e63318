"""A whole run: open the warehouse, record the run, sync, derive, record the outcome."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

import duckdb

from maturity.engine import Assessment
from pipelines.exit_codes import EXIT_OK, exit_code_for, exit_code_for_sync
from pipelines.periods import period_ends
from pipelines.settings import Settings
from pipelines.steps import DeriveResult, derive, sync
from warehouse.connection import open_warehouse
from warehouse.quality.runner import DataQualityError, prefetch_gx
from warehouse.runs import abandon_stale_runs, finish_run, start_run

log = logging.getLogger("maturity.run")


@dataclass
class RunSummary:
    run_id: str
    as_of_dates: list[date]
    sync_counts: dict
    row_counts: dict
    seconds: float
    assessments: list[Assessment] = field(default_factory=list)
    quality: dict = field(default_factory=dict)
    reconciliation: dict = field(default_factory=dict)  # warehouse.transform.reconciliation_summary
    exit_code: int = EXIT_OK


@dataclass
class RecordedRun:
    con: duckdb.DuckDBPyConnection
    run_id: str
    row_counts: dict = field(default_factory=dict)
    exit_code: int = EXIT_OK  # a run can succeed and still report a refused source (4 or 2)


@contextmanager
def recorded_run(settings: Settings, kind: str, parameters: dict) -> Iterator[RecordedRun]:
    """Hold the warehouse for one run and record it in meta.runs, failed or succeeded, with
    its exit code. Runs a killed process left 'running' are marked 'abandoned' first: holding
    the file for writing proves no other process is running (one run per process at a time)."""
    con = open_warehouse(settings.warehouse_path, memory_limit=settings.warehouse.memory_limit)
    try:
        abandoned = abandon_stale_runs(con)
        if abandoned:
            log.warning("runs killed before they finished, marked abandoned: %s", abandoned)
        run = RecordedRun(con, start_run(con, kind, parameters))
        log.info("run %s (%s) started: %s", run.run_id, kind, parameters)
        try:
            yield run
        except BaseException as err:
            if isinstance(err, DataQualityError):
                run.row_counts = {**run.row_counts, "data_quality": err.report.summary()}
            finish_run(
                con,
                run.run_id,
                status="failed",
                error=f"{type(err).__name__}: {err}",
                row_counts=run.row_counts,
                exit_code=exit_code_for(err),
            )
            raise
        finish_run(
            con, run.run_id, status="succeeded", row_counts=run.row_counts, exit_code=run.exit_code
        )
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
    parameters = {"as_of": as_of.isoformat(), "full": full, "sync": do_sync}
    return _sync_and_derive(settings, kind, parameters, [as_of], do_sync=do_sync, full=full)


def run_backfill(
    settings: Settings,
    *,
    start: date,
    end: date,
    every: str = "month",
    resync: bool = False,
    full: bool = False,
    kind: str = "backfill",
) -> RunSummary:
    """Assess as of every period end in [start, end] in one derive transaction (models built
    once, then indicators and assessments per date). Each date's assessments under the current
    rule set version replace those stored before; other versions' are kept. `resync` syncs
    every source first (incrementally unless `full`)."""
    dates = period_ends(start, end, every)
    parameters = {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "every": every,
        "as_of_dates": len(dates),
        "resync": resync,
        "full": full,
    }
    return _sync_and_derive(settings, kind, parameters, dates, do_sync=resync, full=full)


def _sync_and_derive(
    settings: Settings,
    kind: str,
    parameters: dict,
    as_of_dates: list[date],
    *,
    do_sync: bool,
    full: bool,
) -> RunSummary:
    """One recorded run: sync (when asked), then derive as of every date in one transaction."""
    started = time.monotonic()
    with recorded_run(settings, kind, parameters) as run:
        prefetch_gx()  # the validation library loads while the sources sync
        sync_counts = _sync(run, settings, full) if do_sync else {}
        derived: DeriveResult = derive(run.con, settings, run.run_id, as_of_dates)
        run.row_counts = {
            **derived.row_counts,
            "sync": sync_counts,
            "data_quality": derived.quality,
            "sprint_reconciliation": derived.reconciliation,
        }
        run.exit_code = exit_code_for_sync(sync_counts)
    return RunSummary(
        run_id=run.run_id,
        as_of_dates=list(as_of_dates),
        sync_counts=sync_counts,
        row_counts=derived.row_counts,
        seconds=round(time.monotonic() - started, 2),
        assessments=derived.assessments,
        quality=derived.quality,
        reconciliation=derived.reconciliation,
        exit_code=run.exit_code,
    )


def _sync(run: RecordedRun, settings: Settings, full: bool) -> dict:
    log.info("sync: every source (%s)", "full" if full else "incremental")
    return sync(run.con, settings, run.run_id, full=full)
