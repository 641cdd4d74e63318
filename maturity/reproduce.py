"""Reproducing a past assessment: recompute it from the indicator values stored for its date,
under the rule set pinned by its hash, with the overrides and failures it recorded, and
compare. Same rule set hash, same evidence hash, same levels: the level is reproducible."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import duckdb

from indicators.store import load_values
from maturity.assess import AssessmentOptions, assess_evidence
from maturity.engine import Assessment
from maturity.history import pinned_ruleset, shipped_if_same, stored_assessments, stored_inputs
from maturity.ruleset import RulesetError


@dataclass(frozen=True)
class Reproduction:
    stored: Assessment
    recomputed: Assessment

    @property
    def differences(self) -> list[str]:
        s, r = self.stored, self.recomputed
        fields = (
            "ruleset_hash",
            "evidence_hash",
            "level_proven",
            "level_ceiling",
            "level_proven_raw",
            "level_ceiling_raw",
            "confidence",
        )
        found = [
            f"{name}: stored {getattr(s, name)}, recomputed {getattr(r, name)}"
            for name in fields
            if getattr(s, name) != getattr(r, name)
        ]
        stored_statuses = {x.criterion_id: x.status for x in s.results}
        recomputed_statuses = {x.criterion_id: x.status for x in r.results}
        if stored_statuses != recomputed_statuses:
            found.append("criterion statuses differ")
        return found


def reproduce_date(
    con: duckdb.DuckDBPyConnection,
    *,
    as_of: date,
    ruleset_id: str,
    known_indicators: Iterable[str],
    min_confidence: float,
) -> list[Reproduction]:
    """Every stored assessment of `as_of` under `ruleset_id`, recomputed."""
    stored = stored_assessments(con, as_of=as_of, ruleset_id=ruleset_id)
    if not stored:
        return []
    known = frozenset(known_indicators)
    ruleset_hash = stored[0].ruleset_hash
    ruleset = pinned_ruleset(con, ruleset_hash, known) or shipped_if_same(
        ruleset_id, ruleset_hash, known
    )
    if ruleset is None:
        raise RulesetError(
            f"rule set {ruleset_id} with hash {ruleset_hash[:12]} is neither stored in "
            "marts.dim_rulesets nor shipped: the assessment cannot be reproduced"
        )
    failures: dict[str, str] = {}
    overrides = []
    for assessment in stored:
        found_failures, found_overrides = stored_inputs(assessment)
        failures.update(found_failures)
        overrides += found_overrides
    stability = next((a.stability for a in stored if a.stability), None)
    options = AssessmentOptions(
        min_confidence=min_confidence,
        overrides=tuple(overrides),
        stability_resamples=stability.resamples if stability else 0,
        stability_seed=stability.seed if stability else 0,
    )
    recomputed = assess_evidence(
        ruleset,
        load_values(con, as_of),
        teams=[a.entity for a in stored if a.scope == "team"],
        as_of=as_of,
        options=options,
        failures=failures,
    )
    by_key = {(a.scope, a.entity): a for a in recomputed}
    return [Reproduction(a, by_key[(a.scope, a.entity)]) for a in stored]
