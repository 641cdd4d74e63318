"""Properties of the rules layer, over generated evidence (hypothesis):
a better value never lowers a level; unknown evidence never raises level_proven; the order of
criteria, teams and values does not matter; runs are deterministic."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from maturity.aggregations import aggregate, statistic
from maturity.assess import AssessmentOptions, assess_evidence
from maturity.engine import assess_entity
from tests.maturity.evidence import AS_OF, FULL, GOOD_TEAM, value

RANGES = {  # plausible values per team indicator, and its supporting metrics
    "sprint_length_cv": (0.0, 1.0, {}),
    "estimation_coverage": (0.0, 100.0, {}),
    "late_start_rate": (0.0, 100.0, {}),
    "sprint_predictability": (0.0, 150.0, {"iqr": (0.0, 60.0)}),
    "strict_sprint_predictability": (0.0, 150.0, {"iqr": (0.0, 60.0)}),
    "sprint_goal_rate": (0.0, 100.0, {}),
    "pm_overhead_share": (0.0, 60.0, {}),
    "launch_checklist_coverage": (0.0, 100.0, {}),
    "retro_action_rate": (0.0, 100.0, {}),
    "discovery_share": (0.0, 20.0, {}),
    "feedback_items_per_month": (0.0, 5.0, {}),
    "launch_on_time_rate": (0.0, 100.0, {"gtm_ready_pct": (0.0, 100.0)}),
    "experiments_per_quarter": (0.0, 5.0, {}),
    "feedback_linked_epic_share": (0.0, 100.0, {}),
    "retro_actions_completed_30d": (0.0, 100.0, {}),
}
assert set(RANGES) == set(GOOD_TEAM)


def _direction(indicator: str, metric: str) -> int:
    ops = {
        c.op
        for criterion in FULL.criteria
        if criterion.indicator == indicator
        for c in criterion.conditions.listed
        if c.metric == metric
    }
    return {frozenset({"gte"}): 1, frozenset({"lte"}): -1}.get(frozenset(ops), 0)


MONOTONE = [
    (indicator, metric, _direction(indicator, metric))
    for indicator, (_, _, extras) in RANGES.items()
    for metric in ("value", *extras)
    if _direction(indicator, metric)
]


@st.composite
def one_value(draw, indicator: str, entity: str = "T"):
    """A value, either alone or with samples that give it back (as indicators provide)."""
    low, high, extras = RANGES[indicator]
    number = st.floats(low, high, allow_nan=False)
    metrics = {m: draw(st.floats(lo, hi, allow_nan=False)) for m, (lo, hi) in extras.items()}
    spec = FULL.spec(indicator)
    if spec.aggregation == "ratio":
        pair = st.tuples(st.integers(0, 20), st.integers(1, 20)).map(lambda p: [p[0], p[0] + p[1]])
        samples = draw(st.lists(pair, max_size=8))
    else:
        samples = draw(st.lists(number, max_size=8))
    observed = aggregate(spec.aggregation, samples) if samples else draw(number)
    if samples and "iqr" in metrics:
        metrics["iqr"] = statistic("iqr", samples)
    return value(
        indicator, observed, draw(st.integers(0, 12)), entity=entity, samples=samples, **metrics
    )


@st.composite
def team_evidence(draw, entity: str = "T"):
    present = draw(st.sets(st.sampled_from(sorted(RANGES))))
    return {i: draw(one_value(i, entity)) for i in sorted(present)}


def assess(ev, ruleset=FULL):
    return assess_entity(
        ruleset, scope="team", entity="T", evidence=ev, as_of=AS_OF, min_confidence=0.6
    )


@settings(max_examples=300, deadline=None)
@given(team_evidence(), st.sampled_from(MONOTONE), st.floats(0.01, 80.0))
def test_a_better_value_never_lowers_a_level(ev, target, delta):
    indicator, metric, direction = target
    if indicator not in ev or ev[indicator].value is None:
        return
    before = assess(ev)
    old = ev[indicator]
    if metric == "value":
        better = replace(old, value=old.value + direction * delta)
    else:
        better = replace(old, extras={**old.extras, metric: old.extras[metric] + direction * delta})
    after = assess({**ev, indicator: better})
    assert after.level_proven >= before.level_proven
    assert after.level_ceiling >= before.level_ceiling


@settings(max_examples=300, deadline=None)
@given(team_evidence(), st.sampled_from(sorted(RANGES)), st.booleans())
def test_missing_evidence_never_raises_the_proven_level_nor_lowers_the_ceiling(ev, drop, empty):
    before = assess(ev)
    if empty and drop in ev:  # the indicator ran but found nothing: insufficient, not pass
        less = {**ev, drop: replace(ev[drop], value=None, n_samples=0, samples=[])}
    else:
        less = {k: v for k, v in ev.items() if k != drop}
    after = assess(less)
    assert after.level_proven <= before.level_proven
    assert after.level_ceiling >= before.level_ceiling


@settings(max_examples=200, deadline=None)
@given(team_evidence())
def test_levels_are_ordered_and_confidence_is_a_share(ev):
    found = assess(ev)
    assert 1 <= found.level_proven <= found.level_ceiling <= 5
    assert 0.0 <= found.confidence <= 1.0
    assert found.criteria_definite <= found.criteria_considered


@settings(max_examples=100, deadline=None)
@given(team_evidence(), st.permutations(range(len(FULL.criteria))))
def test_the_order_of_criteria_does_not_matter(ev, order):
    shuffled = FULL.model_copy(update={"criteria": [FULL.criteria[i] for i in order]})
    assert assess(ev, shuffled) == assess(ev)


@st.composite
def organisation_values(draw):
    names = draw(st.lists(st.sampled_from("ABCDEFG"), min_size=1, max_size=5, unique=True))
    values = [v for name in names for v in draw(team_evidence(name)).values()]
    return names, values


@settings(max_examples=40, deadline=None)
@given(organisation_values(), st.randoms(use_true_random=False))
def test_the_order_of_teams_and_values_does_not_matter_and_runs_are_deterministic(found, rnd):
    names, values = found
    options = AssessmentOptions(stability_resamples=15, stability_seed=3)
    first = assess_evidence(FULL, values, teams=names, as_of=AS_OF, options=options)
    shuffled_names, shuffled_values = list(names), list(values)
    rnd.shuffle(shuffled_names)
    rnd.shuffle(shuffled_values)
    second = assess_evidence(
        FULL, shuffled_values, teams=shuffled_names, as_of=AS_OF, options=options
    )
    assert first == second
    assert [a.stability.proven for a in first] == [a.stability.proven for a in second]
    assert [a.evidence_hash for a in first] == [a.evidence_hash for a in second]
    org = first[-1]
    assert org.level_proven <= max(a.level_proven for a in first[:-1])
    assert abs(sum(org.stability.proven) - 1.0) < 1e-3
