"""Level stability: a seeded bootstrap of the evidence samples gives each level a probability;
the aggregations it recomputes agree with the indicators' SQL."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maturity.aggregations import aggregate, statistic
from maturity.assess import AssessmentOptions, assess_evidence
from maturity.explain import stability_summary
from maturity.stability import entity_stability
from tests.maturity.evidence import (
    AS_OF,
    FULL,
    RULESET,
    organisation_evidence,
    team_evidence,
    value,
)

NEAR = [78.0, 82.0, 85.0, 76.0, 81.0, 83.0]  # median 81.5: just over the 80% bar
FAR = [95.0, 96.0, 94.0, 97.0, 95.0, 96.0]


def with_predictability(samples, entity="T"):
    ev = team_evidence(entity)
    ev["strict_sprint_predictability"] = value(
        "strict_sprint_predictability",
        aggregate("median", samples),
        len(samples),
        entity=entity,
        samples=samples,
        iqr=statistic("iqr", samples),
    )
    return ev


def stability(ev, resamples=400, seed=0, ruleset=FULL, entity="T"):
    return entity_stability(
        ruleset,
        scope="team",
        entity=entity,
        evidence=ev,
        as_of=AS_OF,
        resamples=resamples,
        seed=seed,
    )


def test_a_team_near_a_threshold_gets_split_probabilities():
    near = stability(with_predictability(NEAR))
    assert near.resampled_indicators == ("strict_sprint_predictability",)
    p_optimizing, p_defined = near.proven[4], near.proven[2]
    assert 0.2 < p_optimizing < 0.9 and 0.1 < p_defined < 0.8
    assert sum(near.proven) == pytest.approx(1.0) and sum(near.ceiling) == pytest.approx(1.0)
    summary = stability_summary(near.proven, FULL)
    assert summary.startswith("Optimizing (p = ") and "Defined (" in summary
    far = stability(with_predictability(FAR))
    assert far.proven[4] == 1.0


def test_stability_is_deterministic_and_depends_only_on_the_seed():
    ev = with_predictability(NEAR)
    assert stability(ev).proven == stability(ev).proven
    assert stability(ev, seed=1).proven != stability(ev, seed=2).proven
    # Each team has its own stream: other teams, and their order, change nothing.
    alone = assess_evidence(
        FULL,
        [*with_predictability(NEAR, "A").values()],
        teams=["A"],
        as_of=AS_OF,
        options=AssessmentOptions(stability_resamples=200),
    )
    crowded = assess_evidence(
        FULL,
        [*with_predictability(FAR, "B").values(), *with_predictability(NEAR, "A").values()],
        teams=["B", "A"],
        as_of=AS_OF,
        options=AssessmentOptions(stability_resamples=200),
    )
    assert alone[0].stability == crowded[0].stability


def test_without_samples_or_resamples_the_level_is_certain():
    ev = team_evidence()  # values without their samples
    found = stability(ev, resamples=50)
    assert found.resampled_indicators == () and found.proven[4] == 1.0
    assert stability(with_predictability(NEAR), resamples=0).resamples == 0


def test_samples_that_do_not_give_back_the_value_are_held_not_resampled():
    ev = with_predictability(NEAR)
    ev["strict_sprint_predictability"] = value(
        "strict_sprint_predictability", 95.0, 6, samples=NEAR, iqr=5.0
    )
    assert stability(ev).resampled_indicators == ()


def test_planned_indicators_are_never_resampled():
    ev = team_evidence(pm_overhead_share=(8.0, 5))
    ev["pm_overhead_share"] = value("pm_overhead_share", 8.0, 5, samples=[8.0] * 5)
    assert "pm_overhead_share" not in stability(ev, ruleset=RULESET).resampled_indicators


def test_the_organisation_rolls_up_its_teams_resamples():
    values = [
        v
        for name, samples in (("A", NEAR), ("B", NEAR), ("C", FAR))
        for v in with_predictability(samples, name).values()
    ] + list(organisation_evidence().values())
    found = assess_evidence(
        FULL,
        values,
        teams=["A", "B", "C"],
        as_of=AS_OF,
        options=AssessmentOptions(stability_resamples=300),
    )
    org = found[-1].stability
    assert org.resamples == 300 and sum(org.proven) == pytest.approx(1.0)
    # Optimizing when A or B is (two of three teams), else Defined.
    assert org.proven[4] + org.proven[2] == pytest.approx(1.0)
    assert 0.5 < org.proven[4] < 1.0


DUCKDB = duckdb.connect()  # one in-memory connection for every example
numbers = st.lists(st.floats(0, 200, allow_nan=False), min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(numbers)
def test_median_and_iqr_agree_with_duckdb(xs):
    median, iqr = DUCKDB.execute(
        "SELECT median(x), quantile_cont(x, 0.75) - quantile_cont(x, 0.25) FROM unnest(?) t(x)",
        [xs],
    ).fetchone()
    assert aggregate("median", xs) == pytest.approx(median, abs=1e-9)
    assert statistic("iqr", xs) == pytest.approx(iqr, abs=1e-9)


def test_the_closed_set_of_aggregations():
    assert aggregate("ratio", [[3, 4], [1, 4]]) == 50.0
    assert aggregate("ratio", [[0, 0]]) is None
    assert aggregate("cv", [10.0, 10.0]) == 0.0 and aggregate("cv", [0.0]) is None
    assert aggregate("mean", [100.0, 0.0, 0.0, 100.0]) == 50.0
    assert aggregate("min", [3.0, 1.0]) == 1.0 and aggregate("latest", [3.0, 1.0]) == 1.0
    assert aggregate("median", []) is None
