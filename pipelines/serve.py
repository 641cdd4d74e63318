"""`maturity serve`: register the nightly schedule with a Prefect server and run what it
schedules, until stopped. The backfill flow is registered too (no schedule), so an analyst can
start one from the Prefect UI with its parameters.

Needs a real Prefect server (`prefect server start`, and PREFECT_API_URL pointing at it):
Prefect refuses to schedule against the temporary server it starts on its own.
"""

from __future__ import annotations

from prefect.schedules import Cron

from pipelines.settings import ConfigError, Settings


def nightly_schedule(settings: Settings) -> Cron:
    """The schedule `[schedule]` describes: its cron expression read in its time zone."""
    return Cron(settings.schedule.cron, timezone=settings.schedule.timezone)


def deployments(settings: Settings) -> list:
    """The nightly deployment (scheduled) and the backfill deployment (on demand), both with
    this configuration file's absolute path as their parameter."""
    from pipelines.flows import backfill, nightly

    config = {"config_path": str(settings.config_path.resolve())}
    return [
        nightly.to_deployment(
            name=settings.schedule.deployment,
            schedules=[nightly_schedule(settings)],
            parameters=config,
            description=f"Nightly sync, validation and assessment ({settings.schedule.cron}, "
            f"{settings.schedule.timezone}).",
            tags=["prodops-maturity"],
        ),
        backfill.to_deployment(
            name=f"{settings.schedule.deployment}-backfill",
            parameters=config,
            description="Assessments as of every period end between two dates.",
            tags=["prodops-maturity"],
        ),
    ]


def api_url() -> str | None:
    from prefect.settings import get_current_settings

    return get_current_settings().api.url


def serve(settings: Settings) -> None:
    """Blocks: polls the server for scheduled runs and runs them here, one at a time (the
    warehouse has one writer)."""
    import logging

    from prefect import serve as prefect_serve

    # The Prefect client logs every poll of the server at INFO: keep the service's log readable.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if not api_url():
        raise ConfigError(
            "maturity serve needs a Prefect server: start one with `prefect server start` and "
            "set PREFECT_API_URL=http://127.0.0.1:4200/api (or use cron with `maturity run`, "
            "see the README)"
        )
    prefect_serve(*deployments(settings), limit=1)
