"""The rule-set linter: every mistake a rule file can hide is refused on load, with the file,
the criterion and what is wrong named."""

from __future__ import annotations

import re

import pytest

from indicators.registry import indicator_ids
from maturity.ruleset import RULESETS_DIR, RulesetError, load_ruleset
from tests.maturity.evidence import RULESET, SHIPPED_TEXT


def load_text(tmp_path, text: str):
    path = tmp_path / "rules.yaml"
    path.write_text(text)
    return load_ruleset(path, indicator_ids())


def criterion_block(criterion_id: str) -> str:
    """The YAML text of one criterion of the shipped file."""
    start = SHIPPED_TEXT.index(f"  - id: {criterion_id}\n")
    end = SHIPPED_TEXT.find("\n  - id: ", start + 1)
    return SHIPPED_TEXT[start : end if end > 0 else None]


def edit_criterion(criterion_id: str, old: str, new: str) -> str:
    block = criterion_block(criterion_id)
    assert old in block, f"{old!r} not in {criterion_id}"
    return SHIPPED_TEXT.replace(block, block.replace(old, new, 1))


def test_the_shipped_rule_set_is_sound_and_covers_the_model():
    assert RULESET.id == "productops-v1" and RULESET.version == "2.1.0"
    levels = {c.level for c in RULESET.criteria if c.is_gating and c.scope == "team"}
    assert levels == {2, 3, 4, 5}
    assert {c.id for c in RULESET.criteria if c.scope == "organisation"} == {
        "processes_documented",
        "metrics_framework",
        "measurable_revenue_impact",
    }
    for criterion in RULESET.criteria:
        assert "Seed 001" in criterion.rationale, criterion.id  # cites the sentence it measures
    # Every indicator of the catalogue is computed (the retro, discovery and feedback ones
    # since 2.1.0); one the registry lacked would be planned and say what it needs.
    shipped = load_ruleset("productops-v1", indicator_ids())
    assert not shipped.is_planned("retro_action_rate") and not shipped.is_planned("late_start_rate")
    assert not shipped.is_planned("pm_overhead_share")  # computed from survey exports (issue 6)
    assert set(shipped.indicators) <= indicator_ids()
    assert sorted(shipped.available) == sorted(indicator_ids() & set(shipped.indicators))
    # Without a survey, launch or feedback source their indicators wait, as with no source
    # configured.
    assert RULESET.is_planned("pm_overhead_share")
    assert RULESET.is_planned("feedback_items_per_month")
    assert not RULESET.is_planned("discovery_share")


def test_every_shipped_rule_set_loads():
    for path in RULESETS_DIR.glob("*.yaml"):
        assert load_ruleset(path, indicator_ids()).sha256


LINT_CASES = [
    (
        "unknown indicator",
        lambda: edit_criterion(
            "consistent_sprint_cadence",
            "indicator: sprint_length_cv",
            "indicator: sprint_lenght_cv",
        ),
        "criterion 'consistent_sprint_cadence' reads unknown indicator 'sprint_lenght_cv'",
    ),
    (
        "planned indicator misspelling a computed one",
        lambda: SHIPPED_TEXT.replace("  late_start_rate:\n", "  late_strat_rate:\n").replace(
            "indicator: late_start_rate", "indicator: late_strat_rate"
        ),
        "'late_strat_rate' is not computed by any indicator module and looks like a "
        "misspelling of 'late_start_rate'",
    ),
    (
        "duplicate criterion id",
        lambda: SHIPPED_TEXT.replace(
            "id: estimates_at_commitment", "id: consistent_sprint_cadence"
        ),
        "criterion id 'consistent_sprint_cadence' appears twice",
    ),
    (
        "a level without gating criteria",
        lambda: SHIPPED_TEXT.replace("level: 5\n", "level: 4\n"),
        "level 5 (Optimizing) has no stable team criterion",
    ),
    (
        "aggregation differs from the indicator's",
        lambda: edit_criterion("predictable_delivery", "aggregation: median", "aggregation: mean"),
        "criterion 'predictable_delivery' says aggregation 'mean' but indicator "
        "'strict_sprint_predictability' is the median of its samples",
    ),
    (
        "window differs from the indicator's",
        lambda: edit_criterion(
            "predictable_delivery",
            "window: {last: 6, unit: sprints}",
            "window: {last: 8, unit: sprints}",
        ),
        "says window 'last 8 sprints' but indicator 'strict_sprint_predictability' covers the "
        "last 6 sprints",
    ),
    (
        "a metric the indicator does not provide",
        lambda: edit_criterion("predictable_delivery", "metric: iqr", "metric: spread"),
        "compares metric 'spread', which indicator 'strict_sprint_predictability' does not provide",
    ),
    (
        "more samples than the window can hold",
        lambda: edit_criterion("predictable_delivery", "min_samples: 5", "min_samples: 7"),
        "needs 7 sprints but its window holds at most 6: it could never be sufficient",
    ),
    (
        "a template field that does not exist",
        lambda: edit_criterion("planning_without_delays", "{value:.0f}%", "{valeu:.0f}%"),
        "criterion 'planning_without_delays': message uses ['valeu']",
    ),
    (
        "a template reaching into attributes (no eval, no introspection)",
        lambda: edit_criterion("planning_without_delays", "{value:.0f}%", "{value.__class__}"),
        "message uses ['value.__class__']",
    ),
    (
        "a template that cannot format a number",
        lambda: edit_criterion("planning_without_delays", "{value:.0f}%", "{value:d}"),
        "criterion 'planning_without_delays': message does not format a number",
    ),
    (
        "a percentage threshold outside 0-100",
        lambda: edit_criterion("planning_without_delays", "threshold: 20", "threshold: 120"),
        "threshold <= 120 is outside 0-100 for a percentage",
    ),
    (
        "a comparator outside the closed set",
        lambda: edit_criterion("planning_without_delays", "op: lte", "op: less_than"),
        "criterion 'planning_without_delays'.conditions.all.0.op",
    ),
    (
        "both all and any",
        lambda: edit_criterion(
            "planning_without_delays",
            "      all:\n",
            "      any:\n        - {metric: value, op: lte, threshold: 5}\n      all:\n",
        ),
        "conditions need exactly one of 'all' or 'any'",
    ),
    (
        "between with low above high",
        lambda: edit_criterion(
            "planning_without_delays", "op: lte, threshold: 20", "op: between, threshold: [30, 20]"
        ),
        "'between' takes [low, high] with low <= high",
    ),
    (
        "an unknown key",
        lambda: edit_criterion("planning_without_delays", "level: 3", "level: 3\n    weight: 2"),
        "criterion 'planning_without_delays'.weight: Extra inputs are not permitted",
    ),
    (
        "a lifecycle outside the closed set",
        lambda: edit_criterion(
            "planning_without_delays", "level: 3", "level: 3\n    lifecycle: beta"
        ),
        "criterion 'planning_without_delays'.lifecycle",
    ),
    (
        "a version that is not semantic",
        lambda: SHIPPED_TEXT.replace('version: "2.1.0"', 'version: "two"'),
        "version: String should match pattern",
    ),
]


@pytest.mark.parametrize(
    ("case", "make_text", "message"), LINT_CASES, ids=[c[0] for c in LINT_CASES]
)
def test_the_linter_refuses(tmp_path, case, make_text, message):
    with pytest.raises(RulesetError, match=re.escape(message)) as err:
        load_text(tmp_path, make_text())
    assert str(tmp_path / "rules.yaml") in str(err.value), case


def test_missing_files_and_bad_yaml_are_named(tmp_path):
    with pytest.raises(RulesetError, match="no such rule set; shipped ones: \\['productops-v1'\\]"):
        load_ruleset("productops-v9", indicator_ids())
    with pytest.raises(RulesetError, match="not valid YAML"):
        load_text(tmp_path, "id: [unclosed")
    with pytest.raises(RulesetError, match="a rule set is a YAML mapping"):
        load_text(tmp_path, "- just a list")


def test_the_hash_is_of_the_file_as_written(tmp_path):
    same = load_text(tmp_path, SHIPPED_TEXT)
    assert same.sha256 == RULESET.sha256
    assert same.source_text == SHIPPED_TEXT
    reworded = load_text(tmp_path, SHIPPED_TEXT.replace("Product Ops maturity", "Maturity"))
    assert reworded.sha256 != RULESET.sha256 and reworded.criteria == RULESET.criteria


def test_a_planned_indicator_becomes_available_when_an_indicator_module_computes_it():
    more = load_ruleset("productops-v1", indicator_ids() | {"pm_overhead_share"})
    assert not more.is_planned("pm_overhead_share")
    assert more.sha256 == RULESET.sha256  # the same rules; only what is computed changed
