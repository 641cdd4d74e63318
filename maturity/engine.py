"""The engine: indicator values + a rule set -> criterion results -> a level, with no I/O.

Statuses: pass, fail, insufficient (evidence exists but below the rule's sufficiency: too
few samples, too old, or a figure missing) and unknown (no evidence at all). Two levels:
`level_proven` counts only passes; `level_ceiling` is blocked only by failures, so missing
evidence can cap a level, never raise one.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from indicators.base import IndicatorValue
from maturity.ruleset import Criterion, Ruleset

PASS, FAIL, INSUFFICIENT, UNKNOWN = "pass", "fail", "insufficient", "unknown"
DEFINITE = (PASS, FAIL)


@dataclass(frozen=True)
class CriterionResult:
    criterion_id: str
    level: int
    indicator_id: str
    status: str
    is_gating: bool
    observed_value: float | None
    threshold: str
    gap: float | None
    n_samples: int
    window_start: date | None
    window_end: date | None
    message: str
    remediation: str
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class Assessment:
    scope: str
    entity: str
    as_of_date: date
    level_proven: int
    level_ceiling: int
    level_name: str
    confidence: float
    is_unclear: bool
    ruleset_id: str
    ruleset_version: str
    ruleset_hash: str
    evidence_hash: str
    results: tuple[CriterionResult, ...] = field(default_factory=tuple)


def evaluate(criterion: Criterion, value: IndicatorValue | None, as_of: date) -> CriterionResult:
    def result(status: str, message: str, gap: float | None = None) -> CriterionResult:
        return CriterionResult(
            criterion_id=criterion.id,
            level=criterion.level,
            indicator_id=criterion.indicator,
            status=status,
            is_gating=criterion.is_gating,
            observed_value=value.value if value else None,
            threshold=criterion.threshold_text(),
            gap=gap,
            n_samples=value.n_samples if value else 0,
            window_start=value.window_start if value else None,
            window_end=value.window_end if value else None,
            message=message,
            remediation=criterion.remediation,
            evidence=tuple(value.evidence) if value else (),
        )

    if value is None or (value.value is None and value.n_samples == 0):
        return result(UNKNOWN, f"unknown: no {criterion.indicator} evidence for this scope")
    need = criterion.sufficiency
    if value.value is None or value.n_samples < need.min_samples:
        return result(
            INSUFFICIENT,
            f"insufficient: {value.n_samples} of {need.min_samples} samples needed "
            f"for {criterion.indicator}",
        )
    if need.max_staleness_days is not None and value.window_end is not None:
        age = (as_of - value.window_end).days
        if age > need.max_staleness_days:
            return result(
                INSUFFICIENT,
                f"insufficient: latest {criterion.indicator} evidence is {age} days old "
                f"(at most {need.max_staleness_days})",
            )
    metrics = {"value": value.value, **value.extras}
    conditions = criterion.conditions.all or criterion.conditions.any
    missing = [c.metric for c in conditions if metrics.get(c.metric) is None]
    if missing:
        return result(INSUFFICIENT, f"insufficient: {criterion.indicator} lacks {missing}")
    outcomes = [(c.holds(metrics[c.metric]), c.gap(metrics[c.metric])) for c in conditions]
    passed = (
        all(ok for ok, _ in outcomes) if criterion.conditions.all else any(ok for ok, _ in outcomes)
    )
    gaps = [g for ok, g in outcomes if not ok and not math.isnan(g)]
    gap = 0.0 if passed else (max(gaps) if gaps else None)
    text = criterion.message.format(**metrics, n_samples=value.n_samples)
    return result(PASS if passed else FAIL, text, gap)


def assess_entity(
    ruleset: Ruleset,
    *,
    scope: str,
    entity: str,
    evidence: Mapping[str, IndicatorValue],
    as_of: date,
    min_confidence: float,
) -> Assessment:
    results = tuple(
        evaluate(c, evidence.get(c.indicator), as_of)
        for c in sorted(ruleset.criteria, key=lambda c: (c.level, c.id))
        if c.effective_from is None or c.effective_from <= as_of
    )
    proven = _highest_level(results, lambda r: r.status == PASS)
    ceiling = _highest_level(results, lambda r: r.status != FAIL)
    considered = [r for r in results if r.is_gating and r.level <= max(ceiling, 2)]
    definite = sum(r.status in DEFINITE for r in considered)
    confidence = round(definite / len(considered), 4) if considered else 0.0
    return Assessment(
        scope=scope,
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
        evidence_hash=evidence_hash(evidence.values()),
        results=results,
    )


def _highest_level(results: Sequence[CriterionResult], counts_as_met) -> int:
    # The staircase: a level needs every gating criterion of it and of the levels below.
    # A level with no gating criterion cannot be claimed: nothing shows it.
    level = 1
    for candidate in range(2, 6):
        gating = [r for r in results if r.level == candidate and r.is_gating]
        if not gating or not all(counts_as_met(r) for r in gating):
            break
        level = candidate
    return level


def evidence_hash(values) -> str:
    canonical = sorted(
        (
            v.indicator_id,
            v.value,
            v.n_samples,
            str(v.window_start),
            str(v.window_end),
            sorted(v.extras.items()),
        )
        for v in values
    )
    return hashlib.sha256(json.dumps(canonical, default=str).encode()).hexdigest()


def roll_up_organisation(
    ruleset: Ruleset,
    team_assessments: Sequence[Assessment],
    *,
    entity: str,
    as_of: date,
    min_confidence: float,
) -> Assessment:
    """The organisation's level: the highest level at least two thirds of its teams reach
    (never an average of levels)."""
    n = len(team_assessments)

    def reached_by_two_thirds(levels: list[int]) -> int:
        return max(
            (lvl for lvl in range(1, 6) if 3 * sum(x >= lvl for x in levels) >= 2 * n), default=1
        )

    proven = reached_by_two_thirds([a.level_proven for a in team_assessments]) if n else 1
    ceiling = reached_by_two_thirds([a.level_ceiling for a in team_assessments]) if n else 1
    confidence = round(sum(a.confidence for a in team_assessments) / n, 4) if n else 0.0
    return Assessment(
        scope="organisation",
        entity=entity,
        as_of_date=as_of,
        level_proven=proven,
        level_ceiling=max(ceiling, proven),
        level_name=ruleset.level_name(proven),
        confidence=confidence,
        is_unclear=confidence < min_confidence,
        ruleset_id=ruleset.id,
        ruleset_version=ruleset.version,
        ruleset_hash=ruleset.sha256,
        evidence_hash=hashlib.sha256(
            "".join(sorted(a.evidence_hash for a in team_assessments)).encode()
        ).hexdigest(),
    )
