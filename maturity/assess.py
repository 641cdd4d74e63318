"""Assess every configured team, and the organisation, as of a date; store the results."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from indicators.store import load_values
from maturity.engine import Assessment, assess_entity, roll_up_organisation
from maturity.ruleset import Ruleset
from warehouse.sql import read_sql

ORGANISATION = "organisation"


def assess_all(
    con: duckdb.DuckDBPyConnection,
    ruleset: Ruleset,
    *,
    teams: Sequence[str],
    as_of: date,
    min_confidence: float,
) -> list[Assessment]:
    """One assessment per configured team (a team without evidence is assessed too: every
    criterion unknown), then the organisation's."""
    evidence: dict[str, dict] = defaultdict(dict)
    for value in load_values(con, as_of):
        if value.entity_type == "team":
            evidence[value.entity][value.indicator_id] = value
    team_assessments = [
        assess_entity(
            ruleset,
            scope="team",
            entity=team,
            evidence=evidence.get(team, {}),
            as_of=as_of,
            min_confidence=min_confidence,
        )
        for team in sorted(teams)
    ]
    organisation = roll_up_organisation(
        ruleset, team_assessments, entity=ORGANISATION, as_of=as_of, min_confidence=min_confidence
    )
    return [*team_assessments, organisation]


def store_assessments(
    con: duckdb.DuckDBPyConnection, assessments: Sequence[Assessment], run_id: str
) -> int:
    if not assessments:
        return 0
    assessment_frame = pd.DataFrame(
        [
            {
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
            }
            for a in assessments
        ]
    )
    criterion_frame = pd.DataFrame(
        [
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
            }
            for a in assessments
            for r in a.results
        ],
        columns=[
            "scope",
            "entity",
            "as_of_date",
            "ruleset_id",
            "ruleset_version",
            "criterion_id",
            "level",
            "indicator_id",
            "status",
            "is_gating",
            "observed_value",
            "threshold",
            "gap",
            "n_samples",
            "window_start",
            "window_end",
            "message",
            "run_id",
        ],
    )
    con.register("assessment_frame", assessment_frame)
    con.register("criterion_frame", criterion_frame)
    try:
        con.execute(read_sql(Path(__file__).with_name("store.sql")))
    finally:
        con.unregister("assessment_frame")
        con.unregister("criterion_frame")
    return len(assessments)
