"""Prefect flows: thin shells over the same library steps the CLI runs.

Only the network step (sync) retries; deriving is deterministic, so a retry would fail the
same way. Tasks never cache: a cached extract would replay stale data in a backfill.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from pipelines.run import RecordedRun, recorded_run
from pipelines.settings import Settings, load_settings
from pipelines.steps import derive, sync


@task(name="sync sources", retries=2, retry_delay_seconds=[30, 120], cache_policy=NO_CACHE)
def sync_task(run: RecordedRun, settings: Settings, full: bool) -> dict:
    return sync(run.con, settings, run.run_id, full=full)


@task(name="derive marts, indicators and levels", cache_policy=NO_CACHE)
def derive_task(run: RecordedRun, settings: Settings, as_of: date) -> dict:
    return derive(run.con, settings, run.run_id, [as_of]).row_counts


@flow(name="nightly", log_prints=True)
def nightly(config_path: str = "maturity.toml", as_of: str | None = None, full: bool = False):
    """Incremental sync of every source, then staging, marts, indicators and the assessment
    as of `as_of` (default: today, UTC)."""
    settings = load_settings(Path(config_path))
    day = date.fromisoformat(as_of) if as_of else datetime.now(UTC).date()
    parameters = {"as_of": day.isoformat(), "full": full, "flow": "nightly"}
    with recorded_run(settings, "nightly", parameters) as run:
        sync_counts = sync_task(run, settings, full)
        row_counts = derive_task(run, settings, day)
        run.row_counts = {**row_counts, "sync": sync_counts}
    return {"run_id": run.run_id, "as_of": day.isoformat(), **run.row_counts}
