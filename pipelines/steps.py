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

from indicators.base import IndicatorValue
from indicators.registry import INDICATORS, SHARED_WINDOWS, indicator_ids
from indicators.store import store_values
from maturity.assess import AssessmentOptions, assess_all, store_assessments
from maturity.engine import Assessment
from maturity.overrides import Override
from maturity.ruleset import Ruleset, load_ruleset
from pipelines.jira_sync import sync_jira_sources
from pipelines.settings import ConfigError, Settings
from warehouse.sql import read_sql
from warehouse.transform import JiraSourceConfig, TeamBoard, build_models

log = logging.getLogger("maturity.steps")


@dataclass
class DeriveResult:
    row_counts: dict[str, int]
    assessments: list[Assessment] = field(default_factory=list)
    indicator_failures: dict[str, str] = field(default_factory=dict)


class IndicatorFailedError(Exception):
    """One indicator's computation failed; the derive transaction is rebuilt without it."""

    def __init__(self, indicator_id: str, reason: str) -> None:
        super().__init__(f"indicator {indicator_id} failed: {reason}")
        self.indicator_id, self.reason = indicator_id, reason


def load_configured_ruleset(settings: Settings) -> Ruleset:
    return load_ruleset(settings.assessment.ruleset, indicator_ids())


def assessment_options(settings: Settings, ruleset: Ruleset) -> AssessmentOptions:
    """The assessment settings, with every override checked against the rule set."""
    for index, o in enumerate(settings.overrides):
        if ruleset.criterion(o.criterion) is None:
            raise ConfigError(
                f"{settings.config_path}: overrides[{index}]: criterion '{o.criterion}' is not "
                f"in rule set {ruleset.id} {ruleset.version}; its criteria: "
                f"{sorted(c.id for c in ruleset.criteria)}"
            )
    return AssessmentOptions(
        min_confidence=settings.assessment.min_confidence,
        overrides=tuple(
            Override(o.team, o.criterion, o.reason, o.expires, o.approved_by)
            for o in settings.overrides
        ),
        stability_resamples=settings.assessment.stability_resamples,
        stability_seed=settings.assessment.stability_seed,
    )


def compute_indicators(
    con: duckdb.DuckDBPyConnection, as_of: date, skip: frozenset[str] = frozenset()
) -> list[IndicatorValue]:
    """`indicators.registry.compute_all`, one indicator at a time so a failure is named, and
    without the indicators in `skip` (those that failed before)."""
    con.execute(read_sql(SHARED_WINDOWS))
    values: list[IndicatorValue] = []
    for indicator in INDICATORS:
        if indicator.id in skip:
            continue
        try:
            values += indicator.compute(con, as_of)
        except Exception as err:
            reason = f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}"
            raise IndicatorFailedError(indicator.id, reason) from err
    return values


def sync(con: duckdb.DuckDBPyConnection, settings: Settings, run_id: str, *, full: bool) -> dict:
    return {"jira": sync_jira_sources(con, settings, run_id, full=full)}


def derive(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    run_id: str,
    as_of_dates: Sequence[date],
) -> DeriveResult:
    """Rebuild everything derived in one transaction. An indicator that fails is recorded (its
    criteria report 'error') and the transaction is rebuilt without it: DuckDB aborts a
    transaction on any failed statement, so the failing indicator cannot just be skipped."""
    ruleset = load_configured_ruleset(settings)
    options = assessment_options(settings, ruleset)
    failures: dict[str, str] = {}
    while True:
        try:
            result = _derive_once(con, settings, run_id, as_of_dates, ruleset, options, failures)
        except IndicatorFailedError as err:
            log.error("%s; rebuilding without it: its criteria report 'error'", err)
            failures[err.indicator_id] = err.reason
            continue
        result.indicator_failures = dict(failures)
        return result


def _derive_once(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    run_id: str,
    as_of_dates: Sequence[date],
    ruleset: Ruleset,
    options: AssessmentOptions,
    failures: dict[str, str],
) -> DeriveResult:
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
            values = compute_indicators(con, as_of, frozenset(failures))
            counts["fct_indicator_values"] += store_values(con, values, as_of, run_id)
            found = assess_all(
                con,
                ruleset,
                teams=[t.name for t in settings.teams],
                as_of=as_of,
                options=options,
                failures=failures,
            )
            store_assessments(
                con, found, run_id, ruleset=ruleset, min_confidence=options.min_confidence
            )
            assessments += found
        counts["fct_maturity_assessments"] = len(assessments)
        counts["indicators_failed"] = len(failures)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    log.info("derived: %s", counts)
    return DeriveResult(row_counts=counts, assessments=assessments)
