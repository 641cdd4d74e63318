"""Prefect flows: thin shells over the same library steps the CLI runs.

Only the network step (sync) retries; deriving is deterministic, so a retry would fail the
same way. Tasks never cache: a cached extract would replay stale data in a backfill.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from pipelines.exit_codes import exit_code_for_sync
from pipelines.periods import period_ends
from pipelines.run import RecordedRun, recorded_run
from pipelines.settings import Settings, load_settings
from pipelines.steps import derive, sync


@task(name="sync sources", retries=2, retry_delay_seconds=[30, 120], cache_policy=NO_CACHE)
def sync_task(run: RecordedRun, settings: Settings, full: bool) -> dict:
    return sync(run.con, settings, run.run_id, full=full)


@task(name="derive marts, indicators and levels", cache_policy=NO_CACHE)
def derive_task(run: RecordedRun, settings: Settings, as_of: date) -> dict:
    return derive_dates_task.fn(run, settings, [as_of])


@task(name="derive as of several dates", cache_policy=NO_CACHE)
def derive_dates_task(run: RecordedRun, settings: Settings, as_of_dates: Sequence[date]) -> dict:
    """Validation (staging, then marts) happens inside: a critical failure rolls back."""
    result = derive(run.con, settings, run.run_id, list(as_of_dates))
    return {
        **result.row_counts,
        "data_quality": result.quality,
        "sprint_reconciliation": result.reconciliation,
    }


@flow(name="nightly", log_prints=True)
def nightly(config_path: str = "maturity.toml", as_of: str | None = None, full: bool = False):
    """Incremental sync of every source, then staging (validated), marts (validated),
    indicators and the assessment as of `as_of` (default: today, UTC)."""
    settings = load_settings(Path(config_path))
    day = date.fromisoformat(as_of) if as_of else datetime.now(UTC).date()
    parameters = {"as_of": day.isoformat(), "full": full, "flow": "nightly"}
    with recorded_run(settings, "nightly", parameters) as run:
        sync_counts = sync_task(run, settings, full)
        row_counts = derive_task(run, settings, day)
        run.row_counts = {**row_counts, "sync": sync_counts}
        run.exit_code = exit_code_for_sync(sync_counts)  # a refused file source shows in meta.runs
    if settings.schedule.export_dir is not None:
        export_task(settings)
    return {"run_id": run.run_id, "as_of": day.isoformat(), **run.row_counts}


@task(name="export marts as Parquet", cache_policy=NO_CACHE)
def export_task(settings: Settings) -> dict:
    """After the run has released the warehouse: BI tools reading files see the new marts."""
    from warehouse.connection import open_warehouse
    from warehouse.export import export_marts

    folder = settings.schedule.export_dir
    folder = folder if folder.is_absolute() else settings.config_path.parent / folder
    con = open_warehouse(settings.warehouse_path, read_only=True)
    try:
        return export_marts(con, folder, file_format="parquet")
    finally:
        con.close()


@flow(name="backfill", log_prints=True)
def backfill(
    config_path: str = "maturity.toml",
    start: str = "",
    end: str | None = None,
    every: str = "month",
    resync: bool = False,
    full: bool = False,
):
    """Assessments as of every period end (`every`: week, month or quarter) from `start` to
    `end` (default: today, UTC), derived in one transaction; `resync` syncs every source first.
    Each date's assessments under the current rule set version are replaced, other versions'
    kept."""
    settings = load_settings(Path(config_path))
    last = date.fromisoformat(end) if end else datetime.now(UTC).date()
    dates = period_ends(date.fromisoformat(start), last, every)
    parameters = {
        "from": start,
        "to": last.isoformat(),
        "every": every,
        "as_of_dates": len(dates),
        "resync": resync,
        "full": full,
        "flow": "backfill",
    }
    with recorded_run(settings, "backfill-flow", parameters) as run:
        sync_counts = sync_task(run, settings, full) if resync else {}
        row_counts = derive_dates_task(run, settings, dates)
        run.row_counts = {**row_counts, "sync": sync_counts}
        run.exit_code = exit_code_for_sync(sync_counts)
    return {"run_id": run.run_id, "as_of_dates": [d.isoformat() for d in dates], **run.row_counts}
