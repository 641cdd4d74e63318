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
from pipelines.file_config import file_model_config, unconfigured_sources
from pipelines.file_sync import sync_file_sources
from pipelines.github_launches import sync_github_launch_docs
from pipelines.github_sync import github_model_config, sync_github_sources
from pipelines.jira_sync import sync_jira_sources
from pipelines.settings import ConfigError, Settings
from warehouse.quality.gate import QualityGate
from warehouse.quality.runner import DataQualityError
from warehouse.sql import read_sql
from warehouse.transform import (
    JiraSourceConfig,
    TeamBoard,
    build_models,
    reconciliation_summary,
)

log = logging.getLogger("maturity.steps")


@dataclass
class DeriveResult:
    row_counts: dict[str, int]
    assessments: list[Assessment] = field(default_factory=list)
    indicator_failures: dict[str, str] = field(default_factory=dict)
    quality: dict = field(default_factory=dict)  # the data-quality summary (QualityReport)
    reconciliation: dict = field(default_factory=dict)  # agreement with Jira's sprint reports


class IndicatorFailedError(Exception):
    """One indicator's computation failed; the derive transaction is rebuilt without it."""

    def __init__(self, indicator_id: str, reason: str) -> None:
        super().__init__(f"indicator {indicator_id} failed: {reason}")
        self.indicator_id, self.reason = indicator_id, reason


def load_configured_ruleset(settings: Settings) -> Ruleset:
    ruleset = load_ruleset(settings.assessment.ruleset, indicator_ids())
    if not settings.sources.github:
        # Without a GitHub source its indicators can have no evidence: their criteria say
        # which source they wait for ("no source configured"), not that evidence is missing.
        github = {i for i in ruleset.available if ruleset.spec(i).source == "github"}
        ruleset = ruleset.model_copy(update={"available": ruleset.available - github})
    waiting = unconfigured_sources(settings)  # surveys, launches: the same for file sources
    if waiting:
        files = {i for i in ruleset.available if ruleset.spec(i).source in waiting}
        ruleset = ruleset.model_copy(update={"available": ruleset.available - files})
    return ruleset


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
    found = {"jira": sync_jira_sources(con, settings, run_id, full=full)}
    if settings.sources.github:
        found["github"] = sync_github_sources(con, settings, run_id, full=full)
    files = sync_file_sources(con, settings, run_id)
    docs = sync_github_launch_docs(con, settings, run_id)  # after GitHub landed them
    if docs:
        files.setdefault("launches", {}).update(docs)
    if files:
        found["files"] = files
    return found


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
    gate = QualityGate(con, run_id)
    con.execute("BEGIN TRANSACTION")
    try:
        log.info("derive: building staging and marts")
        counts = build_models(
            con,
            sources=[JiraSourceConfig(s.name, s.estimate_field) for s in settings.sources.jira],
            team_boards=[
                TeamBoard(team.name, source, board)
                for team in settings.teams
                for source, board in team.board_refs()
            ],
            github=github_model_config(settings),
            files=file_model_config(settings),
            work=settings.evidence.markers(),
        )
        gate.check_staging()
        reconciliation = reconciliation_summary(con)
        log.info("%s", reconciliation["line"])
        log.info("derive: indicators and assessments for %d as-of date(s)", len(as_of_dates))
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
        gate.check_marts()
        gate.record()
        log.info("derive: committing")
        con.execute("COMMIT")
    except DataQualityError:
        con.execute("ROLLBACK")
        gate.record_apart()
        raise
    except Exception:
        con.execute("ROLLBACK")
        raise
    log.info("derived: %s", counts)
    return DeriveResult(
        row_counts=counts,
        assessments=assessments,
        quality=gate.report.summary(),
        reconciliation=reconciliation,
    )
