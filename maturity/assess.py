"""Assess every configured team, and the organisation, as of a date.

`assess_evidence` is the pure function: indicator values ending at the as-of date + the
pinned rule set (+ overrides, + the indicators that failed) -> assessments. `assess_all`
reads the values from the warehouse and calls it; `store_assessments` writes the results.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

import duckdb

from indicators.base import IndicatorValue
from indicators.store import load_values
from maturity.engine import Assessment, assess_entity
from maturity.organisation import ORGANISATION, roll_up_organisation
from maturity.overrides import Override
from maturity.ruleset import Ruleset
from maturity.stability import entity_stability, organisation_stability
from maturity.store import store_assessments

__all__ = [
    "ORGANISATION",
    "AssessmentOptions",
    "assess_all",
    "assess_evidence",
    "store_assessments",
]


@dataclass(frozen=True)
class AssessmentOptions:
    min_confidence: float = 0.6
    overrides: tuple[Override, ...] = ()
    stability_resamples: int = 0  # 0: no level stability
    stability_seed: int = 0


def assess_evidence(
    ruleset: Ruleset,
    values: Iterable[IndicatorValue],
    *,
    teams: Sequence[str],
    as_of: date,
    options: AssessmentOptions = AssessmentOptions(),
    failures: Mapping[str, str] | None = None,
) -> list[Assessment]:
    """One assessment per configured team (a team without evidence is assessed too: every
    criterion unknown), then the organisation's. Order of teams and values does not matter."""
    evidence: dict[tuple[str, str], dict[str, IndicatorValue]] = defaultdict(dict)
    for value in values:
        evidence[(value.entity_type, value.entity)][value.indicator_id] = value
    common = {"as_of": as_of, "failures": failures, "overrides": options.overrides}
    team_assessments = []
    for team in sorted(set(teams)):
        found = assess_entity(
            ruleset,
            scope="team",
            entity=team,
            evidence=evidence.get(("team", team), {}),
            min_confidence=options.min_confidence,
            **common,
        )
        if options.stability_resamples > 0:
            stability = entity_stability(
                ruleset,
                scope="team",
                entity=team,
                evidence=evidence.get(("team", team), {}),
                resamples=options.stability_resamples,
                seed=options.stability_seed,
                **common,
            )
            found = replace(found, stability=stability)
        team_assessments.append(found)
    organisation = roll_up_organisation(
        ruleset,
        team_assessments,
        entity=ORGANISATION,
        min_confidence=options.min_confidence,
        evidence=evidence.get(("organisation", ORGANISATION), {}),
        **common,
    )
    if options.stability_resamples > 0:
        stability = organisation_stability(
            organisation.results,
            [a.stability for a in team_assessments],
            resamples=options.stability_resamples,
            seed=options.stability_seed,
        )
        organisation = replace(organisation, stability=stability)
    return [*team_assessments, organisation]


def assess_all(
    con: duckdb.DuckDBPyConnection,
    ruleset: Ruleset,
    *,
    teams: Sequence[str],
    as_of: date,
    min_confidence: float | None = None,
    options: AssessmentOptions | None = None,
    failures: Mapping[str, str] | None = None,
) -> list[Assessment]:
    """Assess from the indicator values stored for `as_of` (marts.fct_indicator_values)."""
    options = options or AssessmentOptions()
    if min_confidence is not None:
        options = replace(options, min_confidence=min_confidence)
    return assess_evidence(
        ruleset,
        load_values(con, as_of),
        teams=teams,
        as_of=as_of,
        options=options,
        failures=failures,
    )
