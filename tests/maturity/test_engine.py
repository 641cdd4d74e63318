"""The rules engine: evidence in, statuses and levels out, with missing evidence never helping.

Table-driven vectors: evidence -> expected level_proven, level_ceiling and confidence, under
the shipped rule set both as it is today (survey, launch, GitHub... indicators planned) and
as if every indicator were computed (FULL).
"""

from __future__ import annotations

from datetime import date

import pytest

from maturity.engine import assess_entity, evaluate
from tests.maturity.evidence import AS_OF, FULL, RULESET, team_evidence, value, with_value


def assess(ev, ruleset=FULL, **kwargs):
    return assess_entity(
        ruleset, scope="team", entity="T", evidence=ev, as_of=AS_OF, min_confidence=0.6, **kwargs
    )


def only(*ids):
    return {k: v for k, v in team_evidence().items() if k in ids}


JIRA = (
    "sprint_length_cv",
    "estimation_coverage",
    "late_start_rate",
    "strict_sprint_predictability",
    "sprint_predictability",
)

# (case, evidence, expected proven, ceiling, confidence); every indicator of FULL computed.
VECTORS = [
    ("all good", team_evidence(), 5, 5, 1.0),
    ("overhead 20%: not minimised", team_evidence(pm_overhead_share=20.0), 4, 4, 1.0),
    ("unpredictable", team_evidence(strict_sprint_predictability=70.0), 3, 3, 1.0),
    (
        "predictable but erratic",
        team_evidence(strict_sprint_predictability=(90.0, 6, {"iqr": 30.0})),
        3,
        3,
        1.0,
    ),
    ("late planning", team_evidence(late_start_rate=50.0), 2, 2, 1.0),
    ("irregular cadence", team_evidence(sprint_length_cv=0.4), 1, 1, 1.0),
    ("PMs drowning in overhead", team_evidence(pm_overhead_share=45.0), 1, 1, 1.0),
    ("no evidence at all", {}, 1, 5, 0.0),
    # 14 gating team criteria; one without enough launches: 13 definite.
    ("two launches of three", team_evidence(launch_checklist_coverage=(100.0, 2)), 2, 5, 13 / 14),
    # L4 fails, L3 retro unknown: proven 2, ceiling 3; levels <= 3 hold 8 criteria, 7 definite.
    (
        "retro unknown, unpredictable",
        team_evidence(retro_action_rate=None, strict_sprint_predictability=70.0),
        2,
        3,
        7 / 8,
    ),
    # The survey is read by two criteria (levels 2 and 5): both insufficient when stale.
    (
        "stale survey",
        with_value(team_evidence(), "pm_overhead_share", window_end=date(2026, 1, 1)),
        1,
        5,
        12 / 14,
    ),
    ("experimental criterion failing warns only", team_evidence(sprint_goal_rate=10.0), 5, 5, 1.0),
    ("Jira evidence only", only(*JIRA), 1, 5, 4 / 14),
]


@pytest.mark.parametrize(("case", "ev", "proven", "ceiling", "confidence"), VECTORS)
def test_levels_from_evidence(case, ev, proven, ceiling, confidence):
    result = assess(ev)
    assert (result.level_proven, result.level_ceiling) == (proven, ceiling), case
    assert result.confidence == pytest.approx(confidence, abs=1e-4), case
    assert result.is_unclear == (result.confidence < 0.6)
    assert result.level_name == FULL.level_name(proven)


@pytest.mark.parametrize(
    ("case", "ev", "proven", "ceiling", "confidence"),
    [
        # Today's rule set: the PM survey is not configured, so level 2 cannot be proven.
        # Definite: the seven Jira criteria (sprints, retro actions, discovery) and the
        # experiments read from GitHub.
        ("all Jira criteria pass", team_evidence(), 1, 5, 8 / 14),
        # Ceiling 2: confidence counts the criteria of levels 1-2 (the survey unknown).
        ("late planning", team_evidence(late_start_rate=50.0), 1, 2, 2 / 3),
        ("irregular cadence", team_evidence(sprint_length_cv=0.4), 1, 1, 2 / 3),
        ("too few sprints", team_evidence(sprint_length_cv=(0.05, 3)), 1, 5, 7 / 14),
    ],
)
def test_planned_sources_cap_the_proven_level_never_the_ceiling(
    case, ev, proven, ceiling, confidence
):
    result = assess(ev, RULESET)
    assert (result.level_proven, result.level_ceiling) == (proven, ceiling), case
    assert result.confidence == pytest.approx(confidence, abs=1e-4), case
    statuses = {r.criterion_id: (r.status, r.reason) for r in result.results}
    assert statuses["pm_overhead_below_30"] == ("unknown", "no_source")


def test_every_status_with_its_reason():
    ev = team_evidence(
        launch_checklist_coverage=(100.0, 1),
        sprint_goal_rate=10.0,
        retro_action_rate=None,
        strict_sprint_predictability=70.0,
    )
    ev = with_value(ev, "pm_overhead_share", window_end=date(2026, 1, 1))
    ev = with_value(ev, "launch_on_time_rate", extras={})
    result = assess(ev, failures={"discovery_share": "BinderException: no column"})
    by_id = {r.criterion_id: r for r in result.results}
    expected = {
        "consistent_sprint_cadence": ("pass", "threshold"),
        "predictable_delivery": ("fail", "threshold"),
        "sprint_goals_practised": ("warn", "threshold"),
        "launch_checklist_practised": ("insufficient", "too_few_samples"),
        "pm_overhead_below_30": ("insufficient", "stale"),
        "coordinated_gtm": ("insufficient", "missing_metric"),
        "retrospective_cadence": ("unknown", "no_evidence"),
        "formal_discovery": ("error", "indicator_failed"),
    }
    assert {k: (by_id[k].status, by_id[k].reason) for k in expected} == expected
    assert "304 days old" in by_id["pm_overhead_below_30"].message
    assert "1 of 3 launches needed" in by_id["launch_checklist_practised"].message
    assert "failed to compute (BinderException" in by_id["formal_discovery"].message
    assert not by_id["sprint_goals_practised"].is_gating


def test_gaps_say_how_far_from_passing_in_the_unit_and_relative_to_the_threshold():
    criterion = FULL.criterion("predictable_delivery")
    failed = evaluate(
        criterion, value("strict_sprint_predictability", 72.0, iqr=8.0), AS_OF, ruleset=FULL
    )
    assert failed.status == "fail" and failed.gap == pytest.approx(8.0)
    assert failed.relative_gap == pytest.approx(0.1)
    assert "72%" in failed.message and "needs >= 80%" in failed.message
    both = evaluate(
        criterion, value("strict_sprint_predictability", 76.0, iqr=30.0), AS_OF, ruleset=FULL
    )
    assert both.gap == pytest.approx(10.0) and both.relative_gap == pytest.approx(0.5)  # the IQR
    passed = evaluate(
        criterion, value("strict_sprint_predictability", 95.0, iqr=1.0), AS_OF, ruleset=FULL
    )
    assert (passed.status, passed.gap) == ("pass", 0.0)


def test_the_evidence_rows_travel_with_the_result():
    ev = {"late_start_rate": value("late_start_rate", 50.0, evidence=["104", "106"])}
    result = evaluate(
        FULL.criterion("planning_without_delays"), ev["late_start_rate"], AS_OF, ruleset=FULL
    )
    assert result.evidence == ("104", "106")


def test_criteria_not_yet_in_effect_are_left_out():
    future = FULL.model_copy(
        update={
            "criteria": [
                c.model_copy(update={"effective_from": date(2027, 1, 1)})
                if c.id == "pm_overhead_below_30"
                else c
                for c in FULL.criteria
            ]
        }
    )
    drowning = team_evidence(pm_overhead_share=45.0)
    assert assess(drowning).level_proven == 1
    result = assess(drowning, future)
    assert "pm_overhead_below_30" not in {r.criterion_id for r in result.results}
    assert result.level_proven == 4  # only overhead_minimised (level 5) reads the survey now


def test_the_evidence_hash_ignores_order_and_notices_any_change():
    ev = team_evidence()
    reordered = dict(reversed(list(ev.items())))
    assert assess(ev).evidence_hash == assess(reordered).evidence_hash
    changed = team_evidence(late_start_rate=1.0)
    assert assess(ev).evidence_hash != assess(changed).evidence_hash
    failed = assess(ev, failures={"late_start_rate": "boom"})
    assert failed.evidence_hash != assess(ev).evidence_hash
