"""The library steps every entry point runs: the CLI, the Prefect flows and the demo.

sync (commits page by page) -> derive (staging, marts, indicators and assessments, rebuilt
from raw in one transaction: a failure or a kill leaves the previous marts untouched).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import duckdb

from indicators.registry import compute_all, indicator_ids
from indicators.store import store_values
from maturity.assess import assess_all, store_assessments
from maturity.engine import Assessment
from maturity.ruleset import Ruleset, load_ruleset
from pipelines.jira_sync import sync_jira_sources
from pipelines.settings import Settings
from warehouse.transform import JiraSourceConfig, TeamBoard, build_models

log = logging.getLogger("maturity.steps")


@dataclass
class DeriveResult:
    row_counts: dict[str, int]
    assessments: list[Assessment] = field(default_factory=list)


def load_configured_ruleset(settings: Settings) -> Ruleset:
    return load_ruleset(settings.assessment.ruleset, indicator_ids())


def sync(con: duckdb.DuckDBPyConnection, settings: Settings, run_id: str, *, full: bool) -> dict:
    return {"jira": sync_jira_sources(con, settings, run_id, full=full)}


def derive(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    run_id: str,
    as_of_dates: Sequence[date],
) -> DeriveResult:
    ruleset = load_configured_ruleset(settings)
    con.execute("BEGIN TRANSACTION")
    try:
        counts = build_models(
            con,
            sources=[JiraSourceConfig(s.name, s.estimate_field) for s in settings.sources.jira],
            team_boards=[
                TeamBoard(team.name, source, board)
                for team in settings.teams
                for source, board in team.board_refs()
            ],
        )
        assessments: list[Assessment] = []
        counts["fct_indicator_values"] = 0
        for as_of in as_of_dates:
            values = compute_all(con, as_of)
            counts["fct_indicator_values"] += store_values(con, values, as_of, run_id)
            found = assess_all(
                con,
                ruleset,
                teams=[t.name for t in settings.teams],
                as_of=as_of,
                min_confidence=settings.assessment.min_confidence,
            )
            store_assessments(con, found, run_id)
            assessments += found
        counts["fct_maturity_assessments"] = len(assessments)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    log.info("derived: %s", counts)
    return DeriveResult(row_counts=counts, assessments=assessments)
