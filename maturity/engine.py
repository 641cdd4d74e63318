"""The engine: indicator values + a rule set -> criterion results -> a level, with no I/O.

Statuses (a closed set):
- pass / fail: sufficient evidence on the right / wrong side of the threshold;
- warn: an experimental criterion that would fail (reported, never gating);
- not_applicable: declared so by an approved, unexpired override (never a pass);
- insufficient: evidence exists but below the rule's sufficiency (too few samples, too old,
  a figure missing);
- unknown: no evidence at all (no value, or the indicator's source is not configured yet);
- error: the indicator failed to compute.

Two levels: `level_proven` counts only passes; `level_ceiling` is blocked only by failures, so
missing evidence can cap a level, never raise one. Both are also kept without overrides.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from indicators.base import IndicatorValue
from maturity.overrides import Override, OverrideNote, apply_overrides
from maturity.ruleset import Criterion, Ruleset

if TYPE_CHECKING:
    from maturity.organisation import Rollup
    from maturity.stability import Stability

PASS, FAIL, WARN, NOT_APPLICABLE = "pass", "fail", "warn", "not_applicable"
INSUFFICIENT, UNKNOWN, ERROR = "insufficient", "unknown", "error"
STATUSES = (PASS, FAIL, WARN, NOT_APPLICABLE, INSUFFICIENT, UNKNOWN, ERROR)
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
    scope: str = "team"
    # Why the status: threshold, no_source, no_evidence, too_few_samples, stale,
    # missing_metric, indicator_failed or override.
    reason: str = "threshold"
    raw_status: str = ""  # the status before overrides (= status when none applied)
    relative_gap: float | None = None  # gap / threshold, to rank gaps of different units
    override: OverrideNote | None = None

    def __post_init__(self) -> None:
        if not self.raw_status:
            object.__setattr__(self, "raw_status", self.status)


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
    level_proven_raw: int = 0
    level_ceiling_raw: int = 0
    criteria_considered: int = 0  # gating criteria up to the ceiling (confidence's base)
    criteria_definite: int = 0  # of those, with a pass or fail
    warnings: tuple[str, ...] = ()
    rollup: Rollup | None = None
    stability: Stability | None = None


def evaluate(
    criterion: Criterion,
    value: IndicatorValue | None,
    as_of: date,
    *,
    ruleset: Ruleset,
    failure: str | None = None,
) -> CriterionResult:
    spec = ruleset.spec(criterion.indicator)
    present = value is not None

    def result(status: str, reason: str, message: str, gap=None, relative=None):
        return CriterionResult(
            criterion_id=criterion.id,
            level=criterion.level,
            indicator_id=criterion.indicator,
            status=status,
            is_gating=criterion.is_gating,
            observed_value=_number(value.value) if present else None,
            threshold=criterion.threshold_text(),
            gap=gap,
            n_samples=value.n_samples if present else 0,
            window_start=value.window_start if present else None,
            window_end=value.window_end if present else None,
            message=message,
            remediation=criterion.remediation,
            evidence=tuple(value.evidence) if present else (),
            scope=criterion.scope,
            reason=reason,
            relative_gap=relative,
        )

    if failure is not None:
        return result(
            ERROR,
            "indicator_failed",
            f"error: indicator {criterion.indicator} failed to compute ({failure}); "
            "see the run log",
        )
    if ruleset.is_planned(criterion.indicator):
        return result(UNKNOWN, "no_source", f"unknown: no source configured (needs {spec.needs})")
    observed = _number(value.value) if present else None
    if not present or (observed is None and value.n_samples == 0):
        return result(
            UNKNOWN,
            "no_evidence",
            f"unknown: no evidence for this {criterion.scope} yet (needs {spec.needs})",
        )
    need = criterion.sufficiency
    if observed is None or value.n_samples < need.min_samples:
        return result(
            INSUFFICIENT,
            "too_few_samples",
            f"insufficient: {value.n_samples} of {need.min_samples} {spec.samples} needed "
            f"in the {criterion.window.describe()}",
        )
    if need.max_staleness_days is not None and value.window_end is not None:
        age = (as_of - value.window_end).days
        if age > need.max_staleness_days:
            return result(
                INSUFFICIENT,
                "stale",
                f"insufficient: the latest {spec.samples} are {age} days old "
                f"(at most {need.max_staleness_days})",
            )
    metrics = {k: _number(v) for k, v in value.extras.items()}
    metrics["value"] = observed
    conditions = criterion.conditions.listed
    missing = sorted({c.metric for c in conditions if metrics.get(c.metric) is None})
    if missing:
        return result(
            INSUFFICIENT, "missing_metric", f"insufficient: {criterion.indicator} lacks {missing}"
        )
    checks = [(c.holds(metrics[c.metric]), c.gap(metrics[c.metric]), c) for c in conditions]
    holds = [ok for ok, _, _ in checks]
    passed = all(holds) if criterion.conditions.all else any(holds)
    text = criterion.message.format(**metrics, n_samples=value.n_samples)
    if passed:
        return result(PASS, "threshold", text, 0.0, 0.0)
    # The gap shown is the condition furthest from its threshold, relative to the threshold.
    failing = [(gap / c.scale(), gap) for ok, gap, c in checks if not ok]
    relative, gap = max(failing) if criterion.conditions.all else min(failing)
    status = FAIL if criterion.is_gating else WARN
    return result(status, "threshold", text, round(gap, 6), round(relative, 6))


def _number(x: float | None) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def evaluate_all(
    ruleset: Ruleset,
    *,
    scope: str,
    entity: str,
    evidence: Mapping[str, IndicatorValue],
    as_of: date,
    failures: Mapping[str, str] | None = None,
    overrides: Iterable[Override] = (),
) -> tuple[list[CriterionResult], list[str]]:
    """Every criterion of the scope in effect on `as_of`, overrides applied; and warnings."""
    failures = failures or {}
    raw = [
        evaluate(
            c,
            evidence.get(c.indicator),
            as_of,
            ruleset=ruleset,
            failure=failures.get(c.indicator),
        )
        for c in ruleset.criteria_for(scope, as_of)
    ]
    return apply_overrides(
        raw, overrides, entity=entity, as_of=as_of, not_applicable=NOT_APPLICABLE
    )


def staircase(
    results: Sequence[CriterionResult],
    is_met: Callable[[CriterionResult], bool],
    *,
    status_of: Callable[[CriterionResult], str] = lambda r: r.status,
    empty_blocks: bool = True,
    reachable: Callable[[int], bool] = lambda level: True,
) -> int:
    """The highest level whose applicable gating criteria, and those of every level below,
    are met. A level with none cannot be claimed (`empty_blocks`): nothing shows it."""
    level = 1
    for candidate in range(2, 6):
        gating = [
            r
            for r in results
            if r.level == candidate and r.is_gating and status_of(r) != NOT_APPLICABLE
        ]
        if not reachable(candidate) or (empty_blocks and not gating):
            break
        if not all(is_met(r) for r in gating):
            break
        level = candidate
    return level


def proven_and_ceiling(
    results: Sequence[CriterionResult], *, raw: bool = False, **kwargs
) -> tuple[int, int]:
    status_of = (lambda r: r.raw_status) if raw else (lambda r: r.status)
    proven = staircase(results, lambda r: status_of(r) == PASS, status_of=status_of, **kwargs)
    ceiling = staircase(results, lambda r: status_of(r) != FAIL, status_of=status_of, **kwargs)
    return proven, ceiling


def considered(results: Sequence[CriterionResult], ceiling: int) -> tuple[int, int]:
    """(criteria deciding the level, those with a definite result): the gating, applicable
    criteria of the levels up to the ceiling (level 2 at least)."""
    deciding = [
        r
        for r in results
        if r.is_gating and r.status != NOT_APPLICABLE and r.level <= max(ceiling, 2)
    ]
    return len(deciding), sum(r.status in DEFINITE for r in deciding)


def confidence_of(n_considered: int, n_definite: int) -> float:
    return round(n_definite / n_considered, 4) if n_considered else 0.0


def assess_entity(
    ruleset: Ruleset,
    *,
    scope: str,
    entity: str,
    evidence: Mapping[str, IndicatorValue],
    as_of: date,
    min_confidence: float,
    failures: Mapping[str, str] | None = None,
    overrides: Iterable[Override] = (),
) -> Assessment:
    results, warnings = evaluate_all(
        ruleset,
        scope=scope,
        entity=entity,
        evidence=evidence,
        as_of=as_of,
        failures=failures,
        overrides=overrides,
    )
    proven, ceiling = proven_and_ceiling(results)
    proven_raw, ceiling_raw = proven_and_ceiling(results, raw=True)
    n_considered, n_definite = considered(results, ceiling)
    confidence = confidence_of(n_considered, n_definite)
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
        evidence_hash=evidence_hash(evidence.values(), failures),
        results=tuple(results),
        level_proven_raw=proven_raw,
        level_ceiling_raw=ceiling_raw,
        criteria_considered=n_considered,
        criteria_definite=n_definite,
        warnings=tuple(warnings),
    )


def evidence_hash(
    values: Iterable[IndicatorValue], failures: Mapping[str, str] | None = None
) -> str:
    """SHA-256 of the evidence read: each value with its window, metrics, evidence ids and
    samples, and the ids of the indicators that failed. Independent of order."""
    canonical = sorted(
        (
            v.indicator_id,
            _canon(v.value),
            v.n_samples,
            str(v.window_start),
            str(v.window_end),
            sorted((k, _canon(x)) for k, x in v.extras.items()),
            sorted(str(e) for e in v.evidence),
            [_canon(s) for s in getattr(v, "samples", ())],
        )
        for v in values
    )
    payload = {"values": canonical, "failed": sorted(failures or {})}
    return hashlib.sha256(json.dumps(payload, default=str).encode()).hexdigest()


def _canon(x):
    # Numbers as floats (an int from SQL and a float from JSON are the same evidence).
    if isinstance(x, list | tuple):
        return [_canon(i) for i in x]
    if isinstance(x, bool) or x is None:
        return x
    return float(x) if isinstance(x, int | float) else x
