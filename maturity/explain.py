"""Explanations: an assessment as a document a product-ops analyst can act on.

The level, why (every criterion with its numbers and the evidence rows behind it), and the
next steps to the next level: failed criteria sorted by how far they are from passing, data
to collect for unknown and insufficient criteria, and progress ("3 of 5 Managed criteria
met"). `maturity explain` prints it; `maturity assess --json` emits it as JSON under the
versioned schema below. Pure: no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from maturity.engine import (
    ERROR,
    FAIL,
    INSUFFICIENT,
    NOT_APPLICABLE,
    PASS,
    UNKNOWN,
    WARN,
    Assessment,
    CriterionResult,
)
from maturity.ruleset import Ruleset

SCHEMA = "prodops-maturity/assessment/v1"
RUN_SCHEMA = "prodops-maturity/assessment-run/v1"
TO_COLLECT = (UNKNOWN, INSUFFICIENT, ERROR)


def format_value(value: float | None, unit: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    match unit:
        case "pct":
            return f"{value:.0f}%"
        case "ratio":
            return f"{value:.2f}"
        case "flag":
            return "yes" if value >= 1 else "no"
        case "days" | "hours":
            return f"{value:.1f} {unit}"
        case _:
            return f"{value:g}"


def format_gap(gap: float | None, unit: str) -> str:
    if gap is None:
        return ""
    match unit:
        case "pct":
            return f"{gap:.0f} points short"
        case "ratio":
            return f"{gap:.2f} short"
        case "days" | "hours":
            return f"{gap:.1f} {unit} short"
        case _:
            return f"{gap:g} short"


def stability_summary(probabilities: Sequence[float], ruleset: Ruleset) -> str:
    """'Defined (p = 0.62), Managed (0.31)': the likely levels, most likely first."""
    found = sorted(
        ((lvl, p) for lvl, p in enumerate(probabilities, start=1) if p >= 0.01),
        key=lambda item: (-item[1], item[0]),
    )
    parts = [
        f"{ruleset.level_name(lvl)} ({'p = ' if i == 0 else ''}{p:.2f})"
        for i, (lvl, p) in enumerate(found)
    ]
    return ", ".join(parts)


def _what_to_collect(r: CriterionResult, ruleset: Ruleset) -> str:
    spec = ruleset.spec(r.indicator_id)
    criterion = ruleset.criterion(r.criterion_id)
    need = criterion.sufficiency.min_samples if criterion else 0
    match r.reason:
        case "no_source":
            return f"no source configured: needs {spec.needs}"
        case "no_evidence":
            return f"no evidence yet: needs {spec.needs}"
        case "too_few_samples":
            return f"{r.n_samples} of {need} {spec.samples} needed; needs {spec.needs}"
        case "stale":
            return f"{r.message.removeprefix('insufficient: ')}; refresh {spec.needs}"
        case "indicator_failed":
            return f"{r.message.removeprefix('error: ')}"
        case _:
            return r.message


def criterion_document(r: CriterionResult, ruleset: Ruleset) -> dict:
    spec = ruleset.indicators.get(r.indicator_id)
    criterion = ruleset.criterion(r.criterion_id)
    unit = spec.unit if spec else ""
    return {
        "id": r.criterion_id,
        "level": r.level,
        "level_name": ruleset.level_name(r.level),
        "scope": r.scope,
        "indicator": r.indicator_id,
        "status": r.status,
        "raw_status": r.raw_status,
        "reason": r.reason,
        "is_gating": r.is_gating,
        "observed_value": r.observed_value,
        "observed": format_value(r.observed_value, unit),
        "unit": unit,
        "threshold": r.threshold,
        "gap": r.gap,
        "gap_text": format_gap(r.gap, unit) if r.status in (FAIL, WARN) else "",
        "relative_gap": r.relative_gap,
        "n_samples": r.n_samples,
        "samples": spec.samples if spec else "",
        "window": {
            "description": criterion.window.describe() if criterion else "",
            "start": r.window_start.isoformat() if r.window_start else None,
            "end": r.window_end.isoformat() if r.window_end else None,
        },
        "message": r.message,
        "to_collect": _what_to_collect(r, ruleset) if r.status in TO_COLLECT else "",
        "remediation": criterion.remediation if criterion else r.remediation,
        "rationale": criterion.rationale if criterion else "",
        "evidence_ids": list(r.evidence),
        "override": None
        if r.override is None
        else {
            "state": r.override.state,
            "reason": r.override.reason,
            "approved_by": r.override.approved_by,
            "expires": r.override.expires.isoformat(),
        },
    }


def _next_level(a: Assessment, ruleset: Ruleset, teams: Sequence[Assessment]) -> dict | None:
    target = a.level_proven + 1
    if target > 5:
        return None
    name = ruleset.level_name(target)
    gating = [r for r in a.results if r.is_gating and r.status != NOT_APPLICABLE]
    at_target = [r for r in gating if r.level == target]
    blocking = [r for r in gating if r.level <= target and r.status != PASS]
    failed = sorted(
        (r for r in blocking if r.status == FAIL),
        key=lambda r: (-(r.relative_gap or 0.0), r.level, r.criterion_id),
    )
    met = sum(r.status == PASS for r in at_target)
    kind = "organisation-wide " if a.scope == "organisation" else ""
    progress = f"{met} of {len(at_target)} {kind}{name} criteria met"
    if not at_target:
        progress = f"no {kind}{name} criteria: the teams decide"
    document = {
        "level": target,
        "name": name,
        "progress": {"met": met, "total": len(at_target), "text": progress},
        "to_fix": [criterion_document(r, ruleset) for r in failed],
        "to_collect": [criterion_document(r, ruleset) for r in blocking if r.status in TO_COLLECT],
    }
    if a.scope == "organisation":
        short = sorted(t.entity for t in teams if t.level_proven < target)
        reached = len(teams) - len(short)
        document["teams"] = {
            "below_next_level": short,
            "more_needed": max(0, math.ceil(2 * len(teams) / 3) - reached),
            "text": f"{reached} of {len(teams)} teams are at {name} or above; two thirds needed",
        }
    return document


def explain(a: Assessment, ruleset: Ruleset, teams: Sequence[Assessment] = ()) -> dict:
    """The explanation document of one assessment (schema `SCHEMA`)."""
    s = a.stability
    return {
        "schema": SCHEMA,
        "scope": a.scope,
        "entity": a.entity,
        "as_of_date": a.as_of_date.isoformat(),
        "ruleset": {"id": a.ruleset_id, "version": a.ruleset_version, "hash": a.ruleset_hash},
        "evidence_hash": a.evidence_hash,
        "level": {
            "proven": a.level_proven,
            "proven_name": ruleset.level_name(a.level_proven),
            "ceiling": a.level_ceiling,
            "ceiling_name": ruleset.level_name(a.level_ceiling),
            "proven_without_overrides": a.level_proven_raw,
            "ceiling_without_overrides": a.level_ceiling_raw,
        },
        "confidence": a.confidence,
        "is_unclear": a.is_unclear,
        "criteria_considered": a.criteria_considered,
        "criteria_definite": a.criteria_definite,
        "criteria": [criterion_document(r, ruleset) for r in a.results],
        "next_level": _next_level(a, ruleset, teams),
        "stability": None
        if s is None or not s.resamples
        else {
            "resamples": s.resamples,
            "seed": s.seed,
            "proven": {str(lvl): p for lvl, p in enumerate(s.proven, start=1)},
            "ceiling": {str(lvl): p for lvl, p in enumerate(s.ceiling, start=1)},
            "proven_summary": stability_summary(s.proven, ruleset),
            "ceiling_summary": stability_summary(s.ceiling, ruleset),
            "resampled_indicators": list(s.resampled_indicators),
        },
        "organisation": None if a.rollup is None else _rollup_document(a, ruleset),
        "warnings": list(a.warnings),
    }


def _rollup_document(a: Assessment, ruleset: Ruleset) -> dict:
    r = a.rollup
    return {
        "teams_total": r.teams_total,
        "teams_with_evidence": r.teams_with_evidence,
        "coverage_pct": r.coverage_pct,
        "teams_unclear": r.teams_unclear,
        "proven_distribution": {
            ruleset.level_name(lvl): n for lvl, n in enumerate(r.proven_distribution, start=1)
        },
        "ceiling_distribution": {
            ruleset.level_name(lvl): n for lvl, n in enumerate(r.ceiling_distribution, start=1)
        },
        "median_level_proven": r.median_level_proven,
        "weakest_level_proven": r.weakest_level_proven,
        "weakest_teams": list(r.weakest_teams),
        "two_thirds_level_proven": r.two_thirds_level_proven,
        "two_thirds_level_ceiling": r.two_thirds_level_ceiling,
    }


def explain_run(assessments: Sequence[Assessment], ruleset: Ruleset) -> dict:
    """Every assessment of one as-of date: what `maturity assess --json` prints."""
    teams = [a for a in assessments if a.scope == "team"]
    organisation = next((a for a in assessments if a.scope == "organisation"), None)
    as_of = assessments[0].as_of_date.isoformat() if assessments else None
    return {
        "schema": RUN_SCHEMA,
        "as_of_date": as_of,
        "ruleset": {"id": ruleset.id, "version": ruleset.version, "hash": ruleset.sha256},
        "teams": [explain(a, ruleset) for a in teams],
        "organisation": explain(organisation, ruleset, teams) if organisation else None,
    }
