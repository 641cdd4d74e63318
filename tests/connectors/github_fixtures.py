"""Helpers for the GitHub tests: a simulated GitHub side, a config pointing at its emulator,
and the pipeline's GitHub steps run the way `maturity sync` / `maturity run` run them."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from pipelines.demo import demo_github_settings, write_github_config
from pipelines.github_sync import sync_github_sources
from pipelines.run import recorded_run, run_pipeline
from pipelines.settings import load_settings
from simulator.github_model import GithubOrg
from simulator.github_org import generate_github

TOKEN_ENV = "TEST_GITHUB_TOKEN"
NOW = datetime(2025, 6, 2, tzinfo=UTC)  # a Monday; Q2 2025 has begun
# Teams at levels 1-5 and 3 again: the organisation is at level 3 (two thirds reach it).
TEAMS = (
    ("Payments", 1),
    ("Search", 2),
    ("Onboarding", 3),
    ("Billing", 4),
    ("Mobile", 5),
    ("Platform", 3),
)


def github_org(*, seed: int = 11, organisation_level: int | None = None) -> GithubOrg:
    return generate_github(TEAMS, seed=seed, now=NOW, organisation_level=organisation_level)


def write_config(folder: Path, url: str, gh: GithubOrg, *, extra: str = "") -> Path:
    """A maturity.toml with one GitHub source (no Jira) and the simulated teams."""
    return write_github_config(
        folder / "maturity.toml",
        demo_github_settings(gh, url),
        token_env=TOKEN_ENV,
        source_lines=("secondary_rate_wait_seconds = 1", extra),
        tables=("[assessment]", "stability_resamples = 0"),
    )


def sync(config: Path, *, full: bool = False) -> dict:
    """One `maturity sync` of the GitHub sources; returns the source's summary."""
    settings = load_settings(config)
    with recorded_run(settings, "sync", {"full": full}) as run:
        found = sync_github_sources(run.con, settings, run.run_id, full=full)
    return found["gh"]


def run(config: Path, as_of: date | None = None):
    """`maturity run`: sync, then derive everything as of `as_of` (default: NOW's date)."""
    return run_pipeline(load_settings(config), as_of=as_of or NOW.date())


def assess(config: Path, as_of: date | None = None):
    """`maturity assess`: derive everything from what is synced, as of `as_of`."""
    settings = load_settings(config)
    return run_pipeline(settings, as_of=as_of or NOW.date(), kind="assess", do_sync=False)


def query(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()
