"""The organisation from its teams (never an average) plus its own criteria; overrides that
declare a criterion not applicable, never passed, with raw and adjusted levels kept."""

from __future__ import annotations

from datetime import date

import pytest

from maturity.assess import AssessmentOptions, assess_evidence
from maturity.engine import assess_entity
from maturity.organisation import lower_median, roll_up_organisation
from maturity.overrides import Override
from tests.maturity.evidence import AS_OF, FULL, organisation_evidence, team_evidence


def team(name: str, **changes):
    return assess_entity(
        FULL,
        scope="team",
        entity=name,
        evidence=team_evidence(name, **changes),
        as_of=AS_OF,
        min_confidence=0.6,
    )


AT = {  # a team at each level, by the evidence it leaves
    5: {},
    4: {"pm_overhead_share": 20.0},
    3: {"strict_sprint_predictability": 70.0},
    2: {"late_start_rate": 50.0},
    1: {"sprint_length_cv": 0.4},
}


def organisation(levels, org_evidence=None, **kwargs):
    teams = [team(f"T{i}", **AT[lvl]) for i, lvl in enumerate(levels)]
    assert [t.level_proven for t in teams] == list(levels)
    return roll_up_organisation(
        FULL,
        teams,
        as_of=AS_OF,
        min_confidence=0.6,
        evidence=organisation_evidence() if org_evidence is None else org_evidence,
        **kwargs,
    )


@pytest.mark.parametrize(
    ("levels", "proven", "median", "weakest"),
    [
        ((5, 5, 5), 5, 5, 5),
        ((5, 5, 2), 5, 5, 2),  # two of three reach 5
        ((5, 5, 2, 1), 2, 2, 1),  # 5, 5, 2, 1: only level 2 is reached by two thirds
        ((4, 3, 3, 1, 1, 1), 1, 1, 1),
        ((3, 3, 3, 3, 1, 1), 3, 3, 1),  # an average (2.33) would say Emerging
    ],
)
def test_the_organisation_is_the_level_two_thirds_of_teams_reach(levels, proven, median, weakest):
    org = organisation(levels)
    assert org.level_proven == proven
    r = org.rollup
    assert (r.median_level_proven, r.weakest_level_proven) == (median, weakest)
    assert r.proven_distribution == tuple(levels.count(lvl) for lvl in range(1, 6))
    assert r.teams_total == len(levels) and r.coverage_pct == 100.0
    assert r.weakest_teams == tuple(f"T{i}" for i, lvl in enumerate(levels) if lvl == weakest)


def test_organisation_wide_criteria_cap_the_organisation_not_its_teams():
    no_playbook = organisation_evidence(documented_process_count=3.0)
    org = organisation((5, 5, 5), no_playbook)
    assert (org.level_proven, org.level_ceiling) == (2, 2)
    assert org.rollup.two_thirds_level_proven == 5
    unknown = organisation((5, 5, 5), {})
    assert (unknown.level_proven, unknown.level_ceiling) == (2, 5)  # unknown caps, never raises
    no_revenue = organisation((5, 5, 5), organisation_evidence(launch_success_rate=50.0))
    assert no_revenue.level_proven == 4


def test_an_organisation_without_teams_or_evidence_is_ad_hoc_and_unclear():
    org = roll_up_organisation(FULL, [], as_of=AS_OF, min_confidence=0.6)
    assert (org.level_proven, org.level_ceiling, org.is_unclear) == (1, 1, True)
    assert org.rollup.teams_total == 0 and org.rollup.coverage_pct == 0.0
    assert lower_median([]) is None and lower_median([1, 4]) == 1


def test_coverage_counts_teams_with_any_definite_result():
    found = assess_evidence(
        FULL,
        [*team_evidence("A").values()],
        teams=["A", "B"],  # B left no evidence at all
        as_of=AS_OF,
    )
    org = found[-1]
    assert [a.entity for a in found] == ["A", "B", "organisation"]
    assert org.rollup.teams_with_evidence == 1 and org.rollup.coverage_pct == 50.0


def override(criterion="planning_without_delays", expires=date(2027, 1, 31), entity="T"):
    return Override(entity, criterion, "the team runs Kanban", expires, "Head of Product")


def test_an_override_makes_a_criterion_not_applicable_never_passed():
    ev = team_evidence(late_start_rate=50.0)
    plain = assess_entity(
        FULL, scope="team", entity="T", evidence=ev, as_of=AS_OF, min_confidence=0.6
    )
    adjusted = assess_entity(
        FULL,
        scope="team",
        entity="T",
        evidence=ev,
        as_of=AS_OF,
        min_confidence=0.6,
        overrides=[override(), override(entity="Other")],
    )
    assert (plain.level_proven, adjusted.level_proven) == (2, 5)
    assert (adjusted.level_proven_raw, adjusted.level_ceiling_raw) == (2, 2)
    result = next(r for r in adjusted.results if r.criterion_id == "planning_without_delays")
    assert (result.status, result.raw_status, result.reason) == (
        "not_applicable",
        "fail",
        "override",
    )
    assert result.override.approved_by == "Head of Product"
    assert "not applicable until 2027-01-31" in result.message
    assert adjusted.confidence == 1.0  # not applicable leaves the base, not a definite result
    assert adjusted.evidence_hash == plain.evidence_hash


def test_an_override_cannot_prove_a_level_nothing_shows():
    ev = team_evidence()
    level5 = ("company_wide_learning", "overhead_minimised")
    found = assess_entity(
        FULL,
        scope="team",
        entity="T",
        evidence={k: v for k, v in ev.items() if k != "retro_actions_completed_30d"},
        as_of=AS_OF,
        min_confidence=0.6,
        overrides=[override(c) for c in level5],
    )
    assert found.level_proven == 4  # level 5 has no applicable criterion left: not claimable


def test_an_expired_override_is_ignored_with_a_warning():
    found = assess_entity(
        FULL,
        scope="team",
        entity="T",
        evidence=team_evidence(late_start_rate=50.0),
        as_of=AS_OF,
        min_confidence=0.6,
        overrides=[override(expires=date(2026, 10, 31))],
    )
    assert found.level_proven == 2
    result = next(r for r in found.results if r.criterion_id == "planning_without_delays")
    assert result.status == "fail" and result.override.state == "expired"
    assert found.warnings == (
        "the override of 'planning_without_delays' for T expired on 2026-10-31 and is ignored "
        "(approved by Head of Product: the team runs Kanban)",
    )
    on_its_last_day = assess_entity(
        FULL,
        scope="team",
        entity="T",
        evidence=team_evidence(late_start_rate=50.0),
        as_of=AS_OF,
        min_confidence=0.6,
        overrides=[override(expires=AS_OF)],
    )
    assert on_its_last_day.level_proven == 5


def test_overrides_reach_the_organisation_through_its_teams():
    values = [*team_evidence("A", late_start_rate=50.0).values(), *organisation_evidence().values()]
    options = AssessmentOptions(overrides=(override(entity="A"),))
    found = assess_evidence(FULL, values, teams=["A"], as_of=AS_OF, options=options)
    org = found[-1]
    assert (org.level_proven, org.level_proven_raw) == (5, 2)
