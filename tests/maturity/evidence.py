"""Small readable evidence for the rules tests: every indicator of productops-v1 at a value
that passes its criteria, which a test then spoils one figure at a time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from indicators.base import IndicatorValue
from indicators.registry import indicator_ids
from maturity.ruleset import RULESETS_DIR, load_ruleset

AS_OF = date(2026, 11, 1)
# The shipped rule set for an organisation whose only sources are Jira and GitHub: the survey,
# launch and feedback indicators have no source configured, so they are planned (as
# pipelines.steps.load_configured_ruleset makes them when no file source is configured).
_COMPUTED = load_ruleset("productops-v1", indicator_ids())
RULESET = _COMPUTED.model_copy(
    update={
        "available": frozenset(
            i
            for i in _COMPUTED.available
            if _COMPUTED.spec(i).source not in ("pm_survey", "launches", "outcomes", "feedback")
        )
    }
)
# The same file as if every planned indicator were computed: exercises levels 2-5.
CATALOGUE = frozenset(RULESET.indicators)
FULL = load_ruleset("productops-v1", CATALOGUE)
SHIPPED_TEXT = (RULESETS_DIR / "productops-v1.yaml").read_text()

# indicator -> (value, n_samples, extras): comfortably passing every criterion that reads it.
GOOD_TEAM = {
    "sprint_length_cv": (0.05, 6, {"mean_length_days": 14.0}),
    "estimation_coverage": (90.0, 6, {"committed_issues": 100.0}),
    "late_start_rate": (0.0, 6, {"median_start_gap_working_days": 1.0}),
    "sprint_predictability": (95.0, 6, {"iqr": 5.0, "share_in_points": 1.0}),
    "strict_sprint_predictability": (90.0, 6, {"iqr": 5.0}),
    "sprint_goal_rate": (100.0, 6, {}),
    "pm_overhead_share": (8.0, 5, {}),
    "launch_checklist_coverage": (100.0, 5, {}),
    "retro_action_rate": (100.0, 6, {}),
    "discovery_share": (10.0, 2, {}),
    "feedback_items_per_month": (3.0, 6, {}),
    "launch_on_time_rate": (90.0, 5, {"gtm_ready_pct": 95.0}),
    "experiments_per_quarter": (3.0, 2, {}),
    "feedback_linked_epic_share": (50.0, 8, {}),
    "retro_actions_completed_30d": (90.0, 12, {}),
}
GOOD_ORGANISATION = {
    "documented_process_count": (7.0, 7, {}),
    "metrics_framework_present": (1.0, 1, {}),
    "launch_success_rate": (80.0, 6, {"yoy_change_points": 5.0}),
}


def value(
    indicator: str,
    v: float | None,
    n: int = 6,
    *,
    entity: str = "T",
    entity_type: str = "team",
    end: date = AS_OF,
    samples: list | None = None,
    evidence: list[str] | None = None,
    **extras,
) -> IndicatorValue:
    return IndicatorValue(
        entity_type=entity_type,
        entity=entity,
        indicator_id=indicator,
        as_of_date=AS_OF,
        value=v,
        unit="pct",
        n_samples=n,
        window_start=end - timedelta(days=90),
        window_end=end,
        extras=dict(extras),
        evidence=list(evidence or []),
        samples=list(samples or []),
    )


def team_evidence(entity: str = "T", **changes) -> dict[str, IndicatorValue]:
    """Passing evidence for every team indicator. `changes`: indicator=None drops it,
    indicator=number changes its value, indicator=(value, n) or (value, n, extras) replace."""
    return _evidence(GOOD_TEAM, changes, entity=entity, entity_type="team")


def organisation_evidence(**changes) -> dict[str, IndicatorValue]:
    return _evidence(GOOD_ORGANISATION, changes, entity="organisation", entity_type="organisation")


def _evidence(good: dict, changes: dict, *, entity: str, entity_type: str) -> dict:
    unknown = set(changes) - set(good)
    if unknown:
        raise KeyError(f"no such indicator in the test evidence: {sorted(unknown)}")
    found = {}
    for indicator, (v, n, extras) in good.items():
        change = changes.get(indicator, ...)
        if change is None:
            continue
        if isinstance(change, tuple):
            v, n, *rest = change
            extras = {**extras, **(rest[0] if rest else {})}
        elif change is not ...:
            v = change
        found[indicator] = value(indicator, v, n, entity=entity, entity_type=entity_type, **extras)
    return found


def with_value(evidence: dict, indicator: str, **fields) -> dict:
    return {**evidence, indicator: replace(evidence[indicator], **fields)}
