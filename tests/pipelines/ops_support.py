"""Shared by the operations tests: a small simulated organisation served by the Jira emulator,
a configuration that reaches it the way a real one would (credentials by environment), and
read-only looks into the warehouse."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from pipelines.demo import DEMO_EMAIL_ENV, DEMO_TOKEN_ENV, write_demo_config
from simulator.generate import generate_organisation
from simulator.jira_emulator import JiraEmulator
from warehouse.fingerprint import marts_fingerprint

EMAIL_ENV, TOKEN_ENV = "OPS_JIRA_EMAIL", "OPS_JIRA_TOKEN"
NOW = datetime(2026, 6, 1, tzinfo=UTC)
AS_OF = "2026-06-01"
REPO = Path(__file__).resolve().parents[2]


def small_org(*, teams: int = 2, months: int = 4, seed: int = 5):
    return generate_organisation(seed=seed, now=NOW, teams=teams, months=months)


@contextmanager
def served(org, folder: Path) -> Iterator[tuple[Path, JiraEmulator]]:
    """The emulator running, a config naming it, and its credentials in the environment."""
    with JiraEmulator(org) as jira, pytest.MonkeyPatch.context() as env:
        config = write_demo_config(
            folder / "maturity.toml",
            jira_url=jira.url,
            teams=[(t.name, t.board_ids) for t in org.teams],
        )
        text = config.read_text().replace(DEMO_EMAIL_ENV, EMAIL_ENV)
        config.write_text(text.replace(DEMO_TOKEN_ENV, TOKEN_ENV))
        env.setenv(EMAIL_ENV, jira.email)
        env.setenv(TOKEN_ENV, jira.token)
        yield config, jira


def query(path: Path, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def fingerprint(path: Path, *, include_lineage: bool = False) -> dict[str, str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return marts_fingerprint(con, include_lineage=include_lineage)
    finally:
        con.close()


def duplicate_keys(path: Path) -> dict[str, int]:
    """Rows beyond the first for each primary key of each mart: all zero when there are none."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        keys = con.execute(
            "SELECT table_name, constraint_column_names FROM duckdb_constraints()"
            " WHERE schema_name = 'marts' AND constraint_type = 'PRIMARY KEY'"
        ).fetchall()
        found = {}
        for table, columns in keys:
            cols = ", ".join(f'"{c}"' for c in columns)
            found[table] = con.execute(
                f'SELECT count(*) - count(DISTINCT ({cols})) FROM marts."{table}"'
            ).fetchone()[0]
        return found
    finally:
        con.close()
