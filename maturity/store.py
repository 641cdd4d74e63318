"""Writing assessments into the marts: assessments, criterion results, the organisation
roll-up, level stability, the rule set applied, and the level transitions rebuilt after."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd

from maturity.engine import Assessment
from maturity.ruleset import Ruleset
from warehouse.sql import read_sql

HERE = Path(__file__).parent


def _assessment_row(a: Assessment, run_id: str, min_confidence: float | None) -> dict:
    return {
        "scope": a.scope,
        "entity": a.entity,
        "as_of_date": a.as_of_date,
        "level_proven": a.level_proven,
        "level_ceiling": a.level_ceiling,
        "level_name": a.level_name,
        "confidence": a.confidence,
        "is_unclear": a.is_unclear,
        "ruleset_id": a.ruleset_id,
        "ruleset_version": a.ruleset_version,
        "ruleset_hash": a.ruleset_hash,
        "evidence_hash": a.evidence_hash,
        "run_id": run_id,
        "level_proven_raw": a.level_proven_raw,
        "level_ceiling_raw": a.level_ceiling_raw,
        "overrides_applied": sum(
            r.override is not None and r.override.state == "applied" for r in a.results
        ),
        "criteria_considered": a.criteria_considered,
        "criteria_definite": a.criteria_definite,
        "min_confidence": min_confidence,
        "level_proven_probability": (
            a.stability.proven[a.level_proven - 1]
            if a.stability and a.stability.resamples
            else None
        ),
    }


def _criterion_rows(a: Assessment, run_id: str, ruleset: Ruleset | None) -> list[dict]:
    rows = []
    for r in a.results:
        criterion = ruleset.criterion(r.criterion_id) if ruleset else None
        rows.append(
            {
                "scope": a.scope,
                "entity": a.entity,
                "as_of_date": a.as_of_date,
                "ruleset_id": a.ruleset_id,
                "ruleset_version": a.ruleset_version,
                "criterion_id": r.criterion_id,
                "level": r.level,
                "indicator_id": r.indicator_id,
                "status": r.status,
                "is_gating": r.is_gating,
                "observed_value": r.observed_value,
                "threshold": r.threshold,
                "gap": r.gap,
                "n_samples": r.n_samples,
                "window_start": r.window_start,
                "window_end": r.window_end,
                "message": r.message,
                "run_id": run_id,
                "raw_status": r.raw_status,
                "status_reason": r.reason,
                "relative_gap": r.relative_gap,
                "aggregation": criterion.aggregation if criterion else None,
                "evidence_window": criterion.window.describe() if criterion else None,
                "evidence_ids": list(r.evidence),
                "override_state": r.override.state if r.override else None,
                "override_reason": r.override.reason if r.override else None,
                "override_approved_by": r.override.approved_by if r.override else None,
                "override_expires_date": r.override.expires if r.override else None,
            }
        )
    return rows


def _rollup_row(a: Assessment, run_id: str) -> dict:
    r = a.rollup
    row = {
        "entity": a.entity,
        "as_of_date": a.as_of_date,
        "ruleset_id": a.ruleset_id,
        "ruleset_version": a.ruleset_version,
        "teams_total": r.teams_total,
        "teams_with_evidence": r.teams_with_evidence,
        "coverage_pct": r.coverage_pct,
        "teams_unclear": r.teams_unclear,
        "median_level_proven": r.median_level_proven,
        "weakest_level_proven": r.weakest_level_proven,
        "weakest_teams": list(r.weakest_teams),
        "two_thirds_level_proven": r.two_thirds_level_proven,
        "two_thirds_level_ceiling": r.two_thirds_level_ceiling,
        "run_id": run_id,
    }
    for level in range(1, 6):
        row[f"teams_proven_level_{level}"] = r.proven_distribution[level - 1]
        row[f"teams_ceiling_level_{level}"] = r.ceiling_distribution[level - 1]
    return row


def _stability_rows(a: Assessment, run_id: str) -> list[dict]:
    s = a.stability
    if s is None or not s.resamples:
        return []
    return [
        {
            "scope": a.scope,
            "entity": a.entity,
            "as_of_date": a.as_of_date,
            "ruleset_id": a.ruleset_id,
            "ruleset_version": a.ruleset_version,
            "basis": basis,
            "level": level,
            "probability": probabilities[level - 1],
            "n_resamples": s.resamples,
            "seed": s.seed,
            "resampled_indicators": list(s.resampled_indicators),
            "run_id": run_id,
        }
        for basis, probabilities in (("proven", s.proven), ("ceiling", s.ceiling))
        for level in range(1, 6)
    ]


def _frame(rows: list[dict], like: str, con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    # Empty frames still need the table's columns and types for INSERT BY NAME.
    if rows:
        return pd.DataFrame(rows)
    return con.execute(f"SELECT * FROM {like} LIMIT 0").df()


def store_assessments(
    con: duckdb.DuckDBPyConnection,
    assessments: Sequence[Assessment],
    run_id: str,
    *,
    ruleset: Ruleset | None = None,
    min_confidence: float | None = None,
) -> int:
    """Replace the stored assessments of these as-of dates under this rule set version, record
    the rule set applied (when given) and rebuild the level transitions."""
    if not assessments:
        return 0
    frames = {
        "assessment_frame": (
            [_assessment_row(a, run_id, min_confidence) for a in assessments],
            "marts.fct_maturity_assessments",
        ),
        "criterion_frame": (
            [row for a in assessments for row in _criterion_rows(a, run_id, ruleset)],
            "marts.fct_criterion_results",
        ),
        "rollup_frame": (
            [_rollup_row(a, run_id) for a in assessments if a.rollup is not None],
            "marts.fct_organisation_rollups",
        ),
        "stability_frame": (
            [row for a in assessments for row in _stability_rows(a, run_id)],
            "marts.fct_level_stability",
        ),
    }
    registered = []
    try:
        for name, (rows, table) in frames.items():
            con.register(name, _frame(rows, table, con))
            registered.append(name)
        con.execute(read_sql(HERE / "store.sql"))
    finally:
        for name in registered:
            con.unregister(name)
    if ruleset is not None:
        con.execute(
            "INSERT INTO marts.dim_rulesets BY NAME SELECT ? AS ruleset_hash, ? AS ruleset_id,"
            " ? AS ruleset_version, ? AS criteria_count, ? AS content, ? AS first_run_id"
            " ON CONFLICT DO NOTHING",
            [
                ruleset.sha256,
                ruleset.id,
                ruleset.version,
                len(ruleset.criteria),
                ruleset.source_text,
                run_id,
            ],
        )
    con.execute(read_sql(HERE / "transitions.sql"))
    return len(assessments)
