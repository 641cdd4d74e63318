"""The organisation: rolled up from its teams, plus the organisation-wide criteria.

Never an average of levels. The organisation is at level L when at least two thirds of its
teams reach L *and* every organisation-wide criterion of levels 2..L is met (a level without
organisation-wide criteria is decided by the teams alone). The roll-up also reports the
distribution of teams across levels, the median and weakest team levels, and coverage (the
share of teams with at least one definite result).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from indicators.base import IndicatorValue
from maturity.engine import (
    Assessment,
    confidence_of,
    considered,
    evaluate_all,
    evidence_hash,
    proven_and_ceiling,
)
from maturity.overrides import Override
from maturity.ruleset import Ruleset

ORGANISATION = "organisation"


@dataclass(frozen=True)
class Rollup:
    teams_total: int
    teams_with_evidence: int  # at least one gating criterion with a pass or fail
    teams_unclear: int
    proven_distribution: tuple[int, ...]  # teams at level 1..5 (level_proven)
    ceiling_distribution: tuple[int, ...]  # teams at level 1..5 (level_ceiling)
    median_level_proven: int | None  # the lower median: never flatters
    weakest_level_proven: int | None
    weakest_teams: tuple[str, ...]
    two_thirds_level_proven: int  # what the teams alone support
    two_thirds_level_ceiling: int

    @property
    def coverage_pct(self) -> float:
        if not self.teams_total:
            return 0.0
        return round(100.0 * self.teams_with_evidence / self.teams_total, 2)


def reached_by_two_thirds(levels: Sequence[int], level: int) -> bool:
    return bool(levels) and 3 * sum(x >= level for x in levels) >= 2 * len(levels)


def highest_two_thirds(levels: Sequence[int]) -> int:
    return max((lvl for lvl in range(1, 6) if reached_by_two_thirds(levels, lvl)), default=1)


def lower_median(levels: Sequence[int]) -> int | None:
    ordered = sorted(levels)
    return ordered[(len(ordered) - 1) // 2] if ordered else None


def rollup_of(teams: Sequence[Assessment]) -> Rollup:
    proven = [a.level_proven for a in teams]
    weakest = min(proven, default=None)
    return Rollup(
        teams_total=len(teams),
        teams_with_evidence=sum(a.criteria_definite > 0 for a in teams),
        teams_unclear=sum(a.is_unclear for a in teams),
        proven_distribution=tuple(proven.count(lvl) for lvl in range(1, 6)),
        ceiling_distribution=tuple(
            sum(a.level_ceiling == lvl for a in teams) for lvl in range(1, 6)
        ),
        median_level_proven=lower_median(proven),
        weakest_level_proven=weakest,
        weakest_teams=tuple(sorted(a.entity for a in teams if a.level_proven == weakest)),
        two_thirds_level_proven=highest_two_thirds(proven),
        two_thirds_level_ceiling=highest_two_thirds([a.level_ceiling for a in teams]),
    )


def organisation_levels(
    results, team_proven: Sequence[int], team_ceiling: Sequence[int], *, raw: bool = False
) -> tuple[int, int]:
    proven, _ = proven_and_ceiling(
        results,
        raw=raw,
        empty_blocks=False,
        reachable=lambda lvl: reached_by_two_thirds(team_proven, lvl),
    )
    _, ceiling = proven_and_ceiling(
        results,
        raw=raw,
        empty_blocks=False,
        reachable=lambda lvl: reached_by_two_thirds(team_ceiling, lvl),
    )
    return proven, ceiling


def roll_up_organisation(
    ruleset: Ruleset,
    team_assessments: Sequence[Assessment],
    *,
    entity: str = ORGANISATION,
    as_of: date,
    min_confidence: float,
    evidence: Mapping[str, IndicatorValue] | None = None,
    failures: Mapping[str, str] | None = None,
    overrides: Iterable[Override] = (),
) -> Assessment:
    """The organisation's assessment from its teams' and its own organisation-wide evidence."""
    evidence = evidence or {}
    teams = sorted(team_assessments, key=lambda a: a.entity)
    results, warnings = evaluate_all(
        ruleset,
        scope="organisation",
        entity=entity,
        evidence=evidence,
        as_of=as_of,
        failures=failures,
        overrides=overrides,
    )
    proven, ceiling = organisation_levels(
        results, [a.level_proven for a in teams], [a.level_ceiling for a in teams]
    )
    proven_raw, ceiling_raw = organisation_levels(
        results, [a.level_proven_raw for a in teams], [a.level_ceiling_raw for a in teams], raw=True
    )
    # Confidence pools the deciding criteria of every team and of the organisation itself.
    own_considered, own_definite = considered(results, ceiling)
    n_considered = own_considered + sum(a.criteria_considered for a in teams)
    n_definite = own_definite + sum(a.criteria_definite for a in teams)
    confidence = confidence_of(n_considered, n_definite)
    digest = hashlib.sha256(
        "".join(
            [evidence_hash(evidence.values(), failures), *sorted(a.evidence_hash for a in teams)]
        ).encode()
    ).hexdigest()
    return Assessment(
        scope="organisation",
        entity=entity,
        as_of_date=as_of,
        level_proven=proven,
        level_ceiling=ceiling,
        level_name=ruleset.level_name(proven),
        confidence=confidence,
        is_unclear=confidence < min_confidence,
        ruleset_id=ruleset.id,
        ruleset_version=ruleset.version,
        ruleset_hash=ruleset.sha256,
        evidence_hash=digest,
        results=tuple(results),
        level_proven_raw=proven_raw,
        level_ceiling_raw=ceiling_raw,
        criteria_considered=n_considered,
        criteria_definite=n_definite,
        warnings=tuple(warnings),
        rollup=rollup_of(teams),
    )
