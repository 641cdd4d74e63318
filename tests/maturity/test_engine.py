"""The rules engine: evidence in, statuses and levels out, with missing evidence never helping."""

from __future__ import annotations

from datetime import date

import pytest

from indicators.base import IndicatorValue
from indicators.registry import indicator_ids
from maturity.engine import assess_entity, evaluate, roll_up_organisation
from maturity.ruleset import RULESETS_DIR, RulesetError, load_ruleset

AS_OF = date(2026, 11, 1)
RULESET = load_ruleset("productops-v1", indicator_ids())


def value(indicator: str, v: float | None, n: int = 6, end: date = AS_OF, **extras):
    return IndicatorValue(
        entity_type="team",
        entity="T",
        indicator_id=indicator,
        as_of_date=AS_OF,
        value=v,
        unit="pct",
        n_samples=n,
        window_start=date(2026, 8, 1),
        window_end=end,
        extras=extras,
    )


def evidence(cv=0.05, coverage=90.0, late=0.0, strict=90.0, iqr=5.0, n=6):
    return {
        "sprint_length_cv": value("sprint_length_cv", cv, n),
        "estimation_coverage": value("estimation_coverage", coverage, n),
        "late_start_rate": value("late_start_rate", late, n),
        "strict_sprint_predictability": value("strict_sprint_predictability", strict, n, iqr=iqr),
    }


def assess(ev):
    return assess_entity(
        RULESET, scope="team", entity="T", evidence=ev, as_of=AS_OF, min_confidence=0.6
    )


@pytest.mark.parametrize(
    ("case", "ev", "proven", "ceiling", "confidence"),
    [
        ("all good", evidence(), 4, 4, 1.0),
        ("irregular cadence", evidence(cv=0.4), 1, 1, 1.0),
        ("late planning", evidence(late=50.0), 2, 2, 1.0),
        ("unpredictable", evidence(strict=70.0), 3, 3, 1.0),
        ("predictable but erratic", evidence(iqr=30.0), 3, 3, 1.0),
        ("no evidence at all", {}, 1, 4, 0.0),
        ("too few sprints", evidence(n=3), 1, 4, 0.0),
        (
            "planning unknown caps proven, not ceiling",
            {k: v for k, v in evidence().items() if k != "late_start_rate"},
            2,
            4,
            0.75,
        ),
    ],
)
def test_levels_from_evidence(case, ev, proven, ceiling, confidence):
    result = assess(ev)
    assert (result.level_proven, result.level_ceiling) == (proven, ceiling), case
    assert result.confidence == pytest.approx(confidence), case
    assert result.level_name == RULESET.level_name(proven)


def test_statuses_and_gaps_say_how_far_from_passing():
    criterion = next(c for c in RULESET.criteria if c.id == "predictable_delivery")
    failed = evaluate(criterion, value("strict_sprint_predictability", 72.0, iqr=8.0), AS_OF)
    assert failed.status == "fail" and failed.gap == pytest.approx(8.0)
    assert "72%" in failed.message and "needs >= 80%" in failed.message
    stale = evaluate(
        criterion,
        value("strict_sprint_predictability", 95.0, end=date(2026, 6, 1), iqr=1.0),
        AS_OF,
    )
    assert stale.status == "insufficient" and "days old" in stale.message
    assert evaluate(criterion, None, AS_OF).status == "unknown"


def test_a_level_with_no_criteria_cannot_be_proven():
    # productops-v1 has no level-5 criteria yet: a perfect team stops at 4.
    assert not [c for c in RULESET.criteria if c.level == 5]
    assert assess(evidence(strict=100.0, iqr=0.0)).level_proven == 4


def test_the_organisation_is_the_level_two_thirds_of_teams_reach():
    teams = [assess(evidence()), assess(evidence()), assess(evidence(late=90.0))]
    org = roll_up_organisation(RULESET, teams, entity="org", as_of=AS_OF, min_confidence=0.6)
    assert [t.level_proven for t in teams] == [4, 4, 2]
    assert org.level_proven == 4  # 2 of 3 teams reach 4
    teams.append(assess(evidence(cv=0.9)))
    org = roll_up_organisation(RULESET, teams, entity="org", as_of=AS_OF, min_confidence=0.6)
    assert org.level_proven == 2  # 4, 4, 2, 1: only level 2 is reached by two thirds


def test_rule_sets_are_validated_on_load(tmp_path):
    bad = tmp_path / "bad.yaml"
    text = (RULESETS_DIR / "productops-v1.yaml").read_text()
    bad.write_text(text.replace("indicator: sprint_length_cv", "indicator: sprint_lenght_cv"))
    with pytest.raises(RulesetError, match="unknown indicator 'sprint_lenght_cv'"):
        load_ruleset(bad, indicator_ids())
    bad.write_text(text.replace("id: estimates_at_commitment", "id: consistent_sprint_cadence"))
    with pytest.raises(RulesetError, match="appears twice"):
        load_ruleset(bad, indicator_ids())
    bad.write_text(text.replace("op: lte", "op: less_than", 1))
    with pytest.raises(RulesetError, match=str(bad)):
        load_ruleset(bad, indicator_ids())
