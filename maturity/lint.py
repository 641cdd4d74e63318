"""The rule-set linter: what a schema cannot say, checked on every load.

Each check returns readable problems naming the criterion (or indicator) and what to do. A
rule set with any problem is refused: a typo in an indicator id, a duplicate criterion, a
level nobody can reach, a template that would fail at run time, a threshold nothing can meet
are all caught before the first assessment rather than in the middle of one.
"""

from __future__ import annotations

import difflib
import string
from collections import Counter
from collections.abc import Callable

from maturity.ruleset import Ruleset

Check = Callable[[Ruleset, frozenset[str]], list[str]]


def _levels_named(ruleset: Ruleset, _known: frozenset[str]) -> list[str]:
    if sorted(ruleset.levels) != [1, 2, 3, 4, 5]:
        return ["levels must name exactly the levels 1 to 5"]
    return []


def _unique_ids(ruleset: Ruleset, _known: frozenset[str]) -> list[str]:
    counts = Counter(c.id for c in ruleset.criteria)
    return [f"criterion id '{cid}' appears twice" for cid, n in sorted(counts.items()) if n > 1]


def _indicators_declared(ruleset: Ruleset, known: frozenset[str]) -> list[str]:
    declared = set(ruleset.indicators)
    return [
        f"criterion '{c.id}' reads unknown indicator '{c.indicator}'; "
        f"declare it under 'indicators:' (known: {sorted(declared | known)})"
        for c in ruleset.criteria
        if c.indicator not in declared
    ]


def _planned_not_misspelt(ruleset: Ruleset, known: frozenset[str]) -> list[str]:
    # A planned indicator one letter away from a computed one is almost certainly a typo.
    problems = []
    for planned in sorted(set(ruleset.indicators) - known):
        close = difflib.get_close_matches(planned, sorted(known), n=1, cutoff=0.88)
        if close:
            problems.append(
                f"indicator '{planned}' is not computed by any indicator module and looks like "
                f"a misspelling of '{close[0]}'"
            )
    return problems


def _every_level_has_gating_criteria(ruleset: Ruleset, _known: frozenset[str]) -> list[str]:
    return [
        f"level {level} ({ruleset.levels.get(level, '?')}) has no stable team criterion: "
        "nothing could ever prove it"
        for level in range(2, 6)
        if not any(c.level == level and c.is_gating and c.scope == "team" for c in ruleset.criteria)
    ]


def _criterion_matches_indicator(ruleset: Ruleset, _known: frozenset[str]) -> list[str]:
    problems = []
    for c in ruleset.criteria:
        spec = ruleset.indicators.get(c.indicator)
        if spec is None:
            continue
        if c.aggregation != spec.aggregation:
            problems.append(
                f"criterion '{c.id}' says aggregation '{c.aggregation}' but indicator "
                f"'{c.indicator}' is the {spec.aggregation} of its samples"
            )
        if c.window != spec.window:
            problems.append(
                f"criterion '{c.id}' says window '{c.window.describe()}' but indicator "
                f"'{c.indicator}' covers the {spec.window.describe()}"
            )
        allowed = {"value", *spec.metrics}
        for condition in c.conditions.listed:
            if condition.metric not in allowed:
                problems.append(
                    f"criterion '{c.id}' compares metric '{condition.metric}', which indicator "
                    f"'{c.indicator}' does not provide (it has {sorted(allowed)})"
                )
        if spec.window.unit == spec.samples and c.sufficiency.min_samples > spec.window.last:
            problems.append(
                f"criterion '{c.id}' needs {c.sufficiency.min_samples} {spec.samples} but its "
                f"window holds at most {spec.window.last}: it could never be sufficient"
            )
    return problems


def _metrics_are_extras(ruleset: Ruleset, _known: frozenset[str]) -> list[str]:
    # 'value' is the indicator itself; metrics name its supporting figures (extras).
    return [
        f"indicator '{name}' lists metric 'value', which is the indicator itself"
        for name, spec in ruleset.indicators.items()
        if "value" in spec.metrics
    ]


def _templates_render(ruleset: Ruleset, _known: frozenset[str]) -> list[str]:
    problems = []
    for c in ruleset.criteria:
        spec = ruleset.indicators.get(c.indicator)
        allowed = {"value", "n_samples", *(spec.metrics if spec else ())}
        try:
            fields = [f for _, f, _, _ in string.Formatter().parse(c.message) if f is not None]
        except ValueError as err:
            problems.append(f"criterion '{c.id}': message is not a valid template ({err})")
            continue
        bad = [f for f in fields if f not in allowed]
        if bad:
            problems.append(
                f"criterion '{c.id}': message uses {bad}; templates may use only {sorted(allowed)}"
            )
            continue
        try:
            c.message.format(**dict.fromkeys(allowed, 1.0))
        except (ValueError, IndexError, KeyError) as err:
            problems.append(f"criterion '{c.id}': message does not format a number ({err})")
    return problems


def _thresholds_reachable(ruleset: Ruleset, _known: frozenset[str]) -> list[str]:
    problems = []
    for c in ruleset.criteria:
        spec = ruleset.indicators.get(c.indicator)
        if spec is None or spec.unit != "pct":
            continue
        for condition in c.conditions.listed:
            if condition.metric != "value":
                continue
            values = (
                condition.threshold
                if isinstance(condition.threshold, list)
                else [condition.threshold]
            )
            if any(v < 0 or v > 100 for v in values):
                problems.append(
                    f"criterion '{c.id}': threshold {condition.describe()} is outside 0-100 "
                    "for a percentage"
                )
    return problems


CHECKS: tuple[Check, ...] = (
    _levels_named,
    _unique_ids,
    _indicators_declared,
    _planned_not_misspelt,
    _every_level_has_gating_criteria,
    _criterion_matches_indicator,
    _metrics_are_extras,
    _templates_render,
    _thresholds_reachable,
)


def lint_ruleset(ruleset: Ruleset, known_indicators: frozenset[str]) -> list[str]:
    """Every problem of the rule set, in a fixed order; empty when it is sound."""
    return [problem for check in CHECKS for problem in check(ruleset, known_indicators)]
