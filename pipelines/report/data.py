"""Everything the report shows, read from the marts (and the stored assessments' explanations,
the same documents `maturity explain` prints). Nothing here formats or escapes: `sections`
does, for every string, since names, sprint names and issue summaries are typed by people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from indicators.registry import indicator_ids
from maturity.history import pinned_ruleset
from maturity.ruleset import Ruleset
from pipelines.explain import NothingToExplainError, run_document
from pipelines.settings import Settings
from pipelines.steps import load_configured_ruleset
from warehouse.connection import open_warehouse
from warehouse.sql import read_sql

HERE = Path(__file__).parent
SPRINTS_SHOWN = 12  # closed sprints per team in the evidence charts
SLIPPED_SHOWN = 5  # unfinished committed issues per team
# Evidence that does not come from sprints: (title, the rule set's source name).
INDICATOR_EVIDENCE = (("Launches", "launches"), ("Operational overhead", "pm_survey"))


@dataclass(frozen=True)
class Threshold:
    op: str  # gte, lte, between
    values: tuple[float, ...]
    text: str


@dataclass
class ReportData:
    as_of: date
    generated_at: datetime
    ruleset: Ruleset
    run: dict  # pipelines.explain.run_document: teams and organisation, explained
    history: list[dict]
    sprints: list[dict]
    indicators: list[dict]
    slipped: list[dict]
    missing_sources: list[dict]  # needs, criteria: what no configured source measures yet

    @property
    def teams(self) -> list[dict]:
        return self.run["teams"]

    @property
    def organisation(self) -> dict | None:
        return self.run["organisation"]

    def threshold(self, indicator_id: str) -> Threshold | None:
        """The first team criterion's threshold on an indicator's value (for chart lines)."""
        for c in self.ruleset.criteria:
            if c.indicator != indicator_id or c.scope != "team":
                continue
            for cond in c.conditions.listed:
                if cond.metric == "value" and cond.op in ("gte", "lte", "between"):
                    t = cond.threshold
                    values = tuple(t) if isinstance(t, list) else (t,)
                    return Threshold(cond.op, values, cond.describe())
        return None

    def indicators_from(self, source: str) -> list[str]:
        return sorted(i for i, spec in self.ruleset.indicators.items() if spec.source == source)


def load_report_data(settings: Settings, as_of: date | None = None) -> ReportData:
    configured = load_configured_ruleset(settings)
    path = settings.warehouse_path
    if not Path(path).exists():
        raise NothingToExplainError(
            f"no warehouse at {path}: run `maturity run --config {settings.config_path}` first"
        )
    con = open_warehouse(path, read_only=True)
    try:
        as_of = as_of or _latest(con, configured.id)
        run = run_document(settings, configured, as_of)
        ruleset = pinned_ruleset(con, run["ruleset"]["hash"], indicator_ids()) or configured
        params = {"ruleset_id": ruleset.id, "ruleset_version": ruleset.version, "as_of": as_of}
        wanted = [
            i
            for _, source in INDICATOR_EVIDENCE
            for i, spec in ruleset.indicators.items()
            if spec.source == source
        ]
        return ReportData(
            as_of=as_of,
            generated_at=datetime.now(UTC).replace(microsecond=0),
            ruleset=ruleset,
            run=run,
            history=_rows(con, "level_history.sql", params),
            sprints=_rows(con, "sprint_evidence.sql", {"as_of": as_of, "last": SPRINTS_SHOWN}),
            indicators=_rows(con, "indicator_evidence.sql", {"as_of": as_of, "indicators": wanted}),
            slipped=_rows(con, "slipped_issues.sql", {"as_of": as_of, "limit": SLIPPED_SHOWN}),
            # The same list the levels table ends with in the terminal.
            missing_sources=_rows(con, "../missing_sources.sql", params),
        )
    finally:
        con.close()


def _latest(con: duckdb.DuckDBPyConnection, ruleset_id: str) -> date:
    found = con.execute(read_sql(HERE / "latest_as_of.sql"), {"ruleset_id": ruleset_id}).fetchone()
    if not found or found[0] is None:
        raise NothingToExplainError(
            f"nothing assessed under rule set {ruleset_id} yet: run `maturity run` first"
        )
    return found[0]


def _rows(con: duckdb.DuckDBPyConnection, name: str, params: dict) -> list[dict]:
    cursor = con.execute(read_sql(HERE / name), params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
