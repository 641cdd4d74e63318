"""Suites guarding the marts before BI sees them, checked just before the run commits.

Every marts table gets its key checked: its primary key read from the catalog, so a mart added
later is guarded without anyone remembering to (`KEYS` declares the key of a mart without a
primary key). `RULES` adds what must hold for a level to be believed: levels in 1-5, a
ceiling never below the proven level, shares in 0-1, known statuses.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.quality.checks import WARNING, Check, Suite, between, not_before, one_of, unique
from warehouse.quality.suites_jira import ESTIMATE_WHY, SPRINT_OUTCOMES
from warehouse.sql import read_sql

LEVEL_NAMES = ("Ad-Hoc", "Emerging", "Defined", "Managed", "Optimizing")
CRITERION_STATUSES = ("pass", "fail", "warn", "not_applicable", "insufficient", "unknown", "error")
SCOPES = ("team", "organisation")


def _level(column: str) -> Check:
    return between(column, 1, 5, why="maturity levels run from 1 (Ad-Hoc) to 5 (Optimizing)")


def _share(column: str, high: float = 1) -> Check:
    return between(column, 0, high, why=f"a share: between 0 and {high:g}")


# Marts without a primary key, and the columns that identify a row. The largest marts are
# rewritten whole on every run, and an index behind a primary key made that commit five to ten
# times slower (migrations 0060, 0063): their key is declared here and checked before every
# commit instead.
KEYS: dict[str, tuple[str, ...]] = {
    "fct_sprint_issues": ("source_name", "board_id", "sprint_id", "issue_id"),
    "dim_issues": ("source_name", "issue_id"),
    "fct_work_items": ("team", "source_name", "issue_id"),
}

RULES: dict[str, tuple[Check, ...]] = {
    "fct_maturity_assessments": (
        one_of("scope", SCOPES, why="assessments are of a team or the organisation"),
        _level("level_proven"),
        _level("level_ceiling"),
        not_before(
            "level_ceiling",
            "level_proven",
            why="the ceiling is never below the proven level (missing evidence only caps)",
        ),
        one_of("level_name", LEVEL_NAMES, why="the name of level_proven"),
        _share("confidence"),
        _share("level_proven_probability"),
    ),
    "fct_criterion_results": (
        one_of("status", CRITERION_STATUSES, why="the statuses the README documents"),
        _level("level"),
        not_before("window_end", "window_start", severity=WARNING, why="an evidence window"),
    ),
    "fct_indicator_values": (
        one_of("entity_type", SCOPES, why="values are of a team or the organisation"),
        between("n_samples", 0, why="a count of observations"),
        not_before("window_end", "window_start", severity=WARNING, why="an evidence window"),
    ),
    "fct_level_stability": (
        one_of("basis", ("proven", "ceiling"), why="stability of level_proven or level_ceiling"),
        _level("level"),
        _share("probability"),
    ),
    "fct_organisation_rollups": (
        _share("coverage_pct", 100),
        _level("two_thirds_level_proven"),
        _level("two_thirds_level_ceiling"),
    ),
    "fct_level_transitions": (
        _level("level_proven_before"),
        _level("level_proven_after"),
        one_of("direction", ("up", "down", "mixed"), why="the documented directions"),
        not_before("as_of_date", "previous_as_of_date", why="a transition goes forward in time"),
    ),
    "fct_sprints": (
        one_of("state", ("active", "closed"), why="only started sprints have figures"),
        not_before("completed_at", "started_at", why="a sprint completes after it starts"),
        between(
            "committed_points",
            0,
            severity=WARNING,
            why="negative committed points come from negative estimates",
        ),
    ),
    "fct_sprint_issues": (
        one_of("outcome", SPRINT_OUTCOMES, why="the sprint-report outcomes are a fixed set"),
        not_before("left_at", "entered_at", severity=WARNING, why="an issue leaves after entering"),
        between("points_at_start", 0, severity=WARNING, why=ESTIMATE_WHY),
        between("points_at_end", 0, severity=WARNING, why=ESTIMATE_WHY),
    ),
}


def marts_suites(con: duckdb.DuckDBPyConnection) -> tuple[Suite, ...]:
    """One suite per marts table: its key, then its rules."""
    keys = dict(KEYS)
    for table, columns in con.execute(
        read_sql(Path(__file__).with_name("mart_keys.sql"))
    ).fetchall():
        keys.setdefault(table, tuple(columns))
    tables = con.execute(read_sql(Path(__file__).with_name("mart_tables.sql"))).fetchall()
    suites = []
    for (table,) in tables:
        checks = ((unique(*keys[table]),) if table in keys else ()) + RULES.get(table, ())
        if checks:
            suites.append(Suite(f"marts.{table}", f"marts.{table}", checks))
    return tuple(suites)
