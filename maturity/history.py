"""Stored assessments, read back: what `maturity explain` and `assess --json` show, and the
proof of reproducibility (recompute a stored assessment under its pinned rule set and compare).

Reads only the rules layer's own marts (and the stored indicator values); never raw data.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

import duckdb

from indicators.store import load_values
from maturity.engine import Assessment, CriterionResult
from maturity.organisation import Rollup
from maturity.overrides import Override, OverrideNote
from maturity.ruleset import Ruleset, RulesetError, load_ruleset, parse_ruleset
from maturity.stability import Stability
from warehouse.sql import read_sql

HERE = Path(__file__).parent


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params) -> list[dict]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def latest_as_of(
    con: duckdb.DuckDBPyConnection, *, scope: str, entity: str, ruleset_id: str
) -> date | None:
    row = con.execute(
        "SELECT max(as_of_date) FROM marts.fct_maturity_assessments"
        " WHERE scope = ? AND entity = ? AND ruleset_id = ?",
        [scope, entity, ruleset_id],
    ).fetchone()
    return row[0] if row else None


def stored_assessments(
    con: duckdb.DuckDBPyConnection,
    *,
    as_of: date,
    ruleset_id: str,
    scope: str | None = None,
    entity: str | None = None,
) -> list[Assessment]:
    """The assessments of `as_of` under `ruleset_id` made by the most recent run that assessed
    that date, teams first (by name), then the organisation."""
    params = {"as_of": as_of, "ruleset_id": ruleset_id, "scope": scope, "entity": entity}
    heads = _rows(con, read_sql(HERE / "stored_assessments.sql"), params)
    return [_assessment(con, head) for head in heads]


def _assessment(con: duckdb.DuckDBPyConnection, head: dict) -> Assessment:
    key = [head["scope"], head["entity"], head["as_of_date"], head["ruleset_id"]]
    key.append(head["ruleset_version"])
    where = (
        " WHERE scope = ? AND entity = ? AND as_of_date = ? AND ruleset_id = ?"
        " AND ruleset_version = ?"
    )
    criteria = _rows(
        con,
        "SELECT * FROM marts.fct_criterion_results" + where + " ORDER BY level, criterion_id",
        key,
    )
    stability = _rows(
        con, "SELECT * FROM marts.fct_level_stability" + where + " ORDER BY basis, level", key
    )
    rollup = None
    if head["scope"] == "organisation":
        found = _rows(
            con,
            "SELECT * FROM marts.fct_organisation_rollups WHERE entity = ? AND as_of_date = ?"
            " AND ruleset_id = ? AND ruleset_version = ?",
            key[1:],
        )
        rollup = _rollup(found[0]) if found else None
    return Assessment(
        scope=head["scope"],
        entity=head["entity"],
        as_of_date=head["as_of_date"],
        level_proven=head["level_proven"],
        level_ceiling=head["level_ceiling"],
        level_name=head["level_name"],
        confidence=head["confidence"],
        is_unclear=head["is_unclear"],
        ruleset_id=head["ruleset_id"],
        ruleset_version=head["ruleset_version"],
        ruleset_hash=head["ruleset_hash"],
        evidence_hash=head["evidence_hash"],
        results=tuple(_result(row) for row in criteria),
        level_proven_raw=_or(head["level_proven_raw"], head["level_proven"]),
        level_ceiling_raw=_or(head["level_ceiling_raw"], head["level_ceiling"]),
        criteria_considered=head["criteria_considered"] or 0,
        criteria_definite=head["criteria_definite"] or 0,
        warnings=tuple(_expired_warnings(head["entity"], criteria)),
        rollup=rollup,
        stability=_stability(stability),
    )


def _or(value, default):
    return default if value is None else value


def _result(row: dict) -> CriterionResult:
    override = None
    if row["override_state"]:
        override = OverrideNote(
            state=row["override_state"],
            reason=row["override_reason"],
            approved_by=row["override_approved_by"],
            expires=row["override_expires_date"],
        )
    return CriterionResult(
        criterion_id=row["criterion_id"],
        level=row["level"],
        indicator_id=row["indicator_id"],
        status=row["status"],
        is_gating=row["is_gating"],
        observed_value=row["observed_value"],
        threshold=row["threshold"],
        gap=row["gap"],
        n_samples=row["n_samples"],
        window_start=row["window_start"],
        window_end=row["window_end"],
        message=row["message"],
        remediation="",  # in the pinned rule set
        evidence=tuple(row["evidence_ids"] or ()),
        scope=row["scope"],
        reason=row["status_reason"] or "threshold",
        raw_status=row["raw_status"] or row["status"],
        relative_gap=row["relative_gap"],
        override=override,
    )


def _expired_warnings(entity: str, criteria: Iterable[dict]) -> list[str]:
    return [
        f"the override of '{row['criterion_id']}' for {entity} expired on "
        f"{row['override_expires_date']} and is ignored (approved by "
        f"{row['override_approved_by']}: {row['override_reason']})"
        for row in criteria
        if row["override_state"] == "expired"
    ]


def _rollup(row: dict) -> Rollup:
    return Rollup(
        teams_total=row["teams_total"],
        teams_with_evidence=row["teams_with_evidence"],
        teams_unclear=row["teams_unclear"],
        proven_distribution=tuple(row[f"teams_proven_level_{lvl}"] for lvl in range(1, 6)),
        ceiling_distribution=tuple(row[f"teams_ceiling_level_{lvl}"] for lvl in range(1, 6)),
        median_level_proven=row["median_level_proven"],
        weakest_level_proven=row["weakest_level_proven"],
        weakest_teams=tuple(row["weakest_teams"] or ()),
        two_thirds_level_proven=row["two_thirds_level_proven"],
        two_thirds_level_ceiling=row["two_thirds_level_ceiling"],
    )


def _stability(rows: list[dict]) -> Stability | None:
    if not rows:
        return None
    by_basis = {
        basis: tuple(r["probability"] for r in rows if r["basis"] == basis)
        for basis in ("proven", "ceiling")
    }
    return Stability(
        resamples=rows[0]["n_resamples"],
        seed=rows[0]["seed"],
        proven=by_basis["proven"],
        ceiling=by_basis["ceiling"],
        resampled_indicators=tuple(rows[0]["resampled_indicators"] or ()),
    )


def pinned_ruleset(
    con: duckdb.DuckDBPyConnection, ruleset_hash: str, known_indicators: Iterable[str]
) -> Ruleset | None:
    """The exact rule set an assessment was made under, from marts.dim_rulesets; or the shipped
    file when it is the same one; None when neither is available."""
    row = con.execute(
        "SELECT ruleset_id, ruleset_version, content FROM marts.dim_rulesets"
        " WHERE ruleset_hash = ?",
        [ruleset_hash],
    ).fetchone()
    if row:
        origin = f"rule set {row[0]} {row[1]} stored in marts.dim_rulesets"
        return parse_ruleset(row[2].encode("utf-8"), known_indicators, origin=origin)
    return None


def shipped_if_same(ruleset_id: str, ruleset_hash: str, known: Iterable[str]) -> Ruleset | None:
    try:
        shipped = load_ruleset(ruleset_id, known)
    except RulesetError:
        return None
    return shipped if shipped.sha256 == ruleset_hash else None


def stored_inputs(stored: Assessment) -> tuple[dict[str, str], tuple[Override, ...]]:
    """The indicator failures and overrides a stored assessment was made with."""
    failures = {r.indicator_id: "failed" for r in stored.results if r.reason == "indicator_failed"}
    overrides = tuple(
        Override(
            entity=stored.entity,
            criterion_id=r.criterion_id,
            reason=r.override.reason,
            expires=r.override.expires,
            approved_by=r.override.approved_by,
        )
        for r in stored.results
        if r.override is not None
    )
    return failures, overrides


def stored_evidence(con: duckdb.DuckDBPyConnection, stored: Assessment) -> dict:
    """The indicator values stored for the assessment's entity and as-of date."""
    return {
        v.indicator_id: v
        for v in load_values(con, stored.as_of_date)
        if v.entity_type == stored.scope and v.entity == stored.entity
    }
