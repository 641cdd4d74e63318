"""Level stability: how likely each level is, given how few samples the evidence rests on.

Method: a seeded bootstrap. Each resample draws, for every indicator that carries its
samples (sprints, launches, survey answers...), as many samples as it has, with replacement,
and recomputes the indicator's figure with its declared aggregation (and the metrics that
are sample statistics, e.g. the interquartile range). Sample counts stay as observed, so
sufficiency does not change; indicators without samples (or whose samples do not give back
their value under the declared aggregation) stay fixed. The criteria and the
staircase are applied to every resample exactly as to the evidence. The share of resamples
landing on each level is its probability: a team near a threshold reads
"Defined (p = 0.62), Managed (0.31)".

Deterministic: each entity has its own random stream, seeded from the seed, the entity and
the as-of date, so neither the order of teams nor the number of teams changes a result. The
organisation's stability rolls up the teams' resamples draw by draw.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from indicators.base import IndicatorValue
from maturity.aggregations import SAMPLE_STATISTICS, aggregate, statistic
from maturity.engine import evaluate_all, proven_and_ceiling
from maturity.organisation import organisation_levels
from maturity.overrides import Override
from maturity.ruleset import IndicatorSpec, Ruleset


@dataclass(frozen=True)
class Stability:
    resamples: int
    seed: int
    proven: tuple[float, ...]  # probability of level 1..5 as level_proven
    ceiling: tuple[float, ...]  # probability of level 1..5 as level_ceiling
    resampled_indicators: tuple[str, ...]
    draws: tuple[tuple[int, int], ...] = field(default=(), repr=False, compare=False)


def _probabilities(levels: Iterable[int], n: int) -> tuple[float, ...]:
    levels = list(levels)
    return tuple(round(levels.count(lvl) / n, 4) if n else 0.0 for lvl in range(1, 6))


def resample_value(
    value: IndicatorValue, spec: IndicatorSpec, rng: random.Random
) -> IndicatorValue:
    samples = value.samples
    drawn = [samples[rng.randrange(len(samples))] for _ in samples]
    extras = dict(value.extras)
    for metric in spec.metrics:
        if metric in SAMPLE_STATISTICS:
            extras[metric] = statistic(metric, drawn)
    return replace(value, value=aggregate(spec.aggregation, drawn), extras=extras)


def reproduces(value: IndicatorValue, spec: IndicatorSpec) -> bool:
    """Whether the value's samples give back its value under the declared aggregation: only
    then is resampling them meaningful (an indicator whose samples do not match is held)."""
    if not value.samples or value.value is None:
        return False
    try:
        again = aggregate(spec.aggregation, value.samples)
    except (TypeError, ValueError, IndexError, ZeroDivisionError):
        return False
    return again is not None and math.isclose(again, value.value, rel_tol=1e-9, abs_tol=1e-9)


def entity_stability(
    ruleset: Ruleset,
    *,
    scope: str,
    entity: str,
    evidence: Mapping[str, IndicatorValue],
    as_of: date,
    resamples: int,
    seed: int = 0,
    failures: Mapping[str, str] | None = None,
    overrides: Iterable[Override] = (),
) -> Stability:
    """The distribution of the entity's own levels over `resamples` bootstrap resamples."""
    resampleable = sorted(
        indicator
        for indicator, value in evidence.items()
        if indicator in ruleset.indicators
        and not ruleset.is_planned(indicator)
        and reproduces(value, ruleset.spec(indicator))
    )

    def results_of(rules: Ruleset, drawn: Mapping[str, IndicatorValue]) -> list:
        found, _ = evaluate_all(
            rules,
            scope=scope,
            entity=entity,
            evidence=drawn,
            as_of=as_of,
            failures=failures,
            overrides=overrides,
        )
        return found

    if resamples <= 0:
        return Stability(0, seed, (0.0,) * 5, (0.0,) * 5, ())
    # Only the criteria reading a resampled indicator can change: evaluate the rest once.
    moving = ruleset.model_copy(
        update={"criteria": [c for c in ruleset.criteria if c.indicator in resampleable]}
    )
    fixed = [r for r in results_of(ruleset, evidence) if r.indicator_id not in set(resampleable)]

    def levels_of(drawn: Mapping[str, IndicatorValue]) -> tuple[int, int]:
        return proven_and_ceiling([*fixed, *results_of(moving, drawn)])

    if not resampleable:
        draws = [levels_of(evidence)] * resamples
    else:
        rng = random.Random(f"{seed}|{scope}|{entity}|{as_of.isoformat()}")
        draws = []
        for _ in range(resamples):
            drawn = dict(evidence)
            for indicator in resampleable:
                drawn[indicator] = resample_value(evidence[indicator], ruleset.spec(indicator), rng)
            draws.append(levels_of(drawn))
    return Stability(
        resamples=resamples,
        seed=seed,
        proven=_probabilities((p for p, _ in draws), resamples),
        ceiling=_probabilities((c for _, c in draws), resamples),
        resampled_indicators=tuple(resampleable),
        draws=tuple(draws),
    )


def organisation_stability(
    organisation_results: Sequence,
    teams: Sequence[Stability],
    *,
    resamples: int,
    seed: int = 0,
) -> Stability:
    """The organisation's level in each resample, from its teams' levels in that resample
    (organisation-wide criteria held as observed)."""
    if resamples <= 0 or not teams:
        return Stability(0, seed, (0.0,) * 5, (0.0,) * 5, ())
    draws = [
        organisation_levels(
            organisation_results,
            [t.draws[i][0] for t in teams],
            [t.draws[i][1] for t in teams],
        )
        for i in range(resamples)
    ]
    indicators = sorted({i for t in teams for i in t.resampled_indicators})
    return Stability(
        resamples=resamples,
        seed=seed,
        proven=_probabilities((p for p, _ in draws), resamples),
        ceiling=_probabilities((c for _, c in draws), resamples),
        resampled_indicators=tuple(indicators),
        draws=tuple(draws),
    )
