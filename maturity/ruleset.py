"""Rule sets: YAML files in maturity/rulesets, validated on load, hashed for reproducibility.

A rule set names the levels, declares every indicator its criteria read (`indicators:`, the
catalogue: source, unit, what a sample is, aggregation, window, supporting metrics) and lists
the criteria. An indicator of the catalogue that the indicator registry does not compute yet
is *planned*: its criteria report "unknown: no source configured (needs ...)". The checks that
go beyond the schema (the linter) are in `maturity.lint`. No eval: conditions are a closed
set of comparators, message templates are plain `str.format` fields.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from maturity.aggregations import Aggregation

RULESETS_DIR = Path(__file__).with_name("rulesets")
Operator = Literal["gte", "lte", "between", "eq", "in"]
Scope = Literal["team", "organisation"]


class RulesetError(Exception):
    """A rule set file is invalid; the message names the file and the criterion."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Condition(_Strict):
    metric: str = "value"  # "value" or one of the indicator's named metrics, e.g. "iqr"
    op: Operator
    threshold: float | list[float]

    @model_validator(mode="after")
    def _threshold_shape(self) -> Condition:
        is_list = isinstance(self.threshold, list)
        if self.op == "between" and not (is_list and len(self.threshold) == 2):
            raise ValueError("'between' takes a threshold of [low, high]")
        if self.op == "between" and self.threshold[0] > self.threshold[1]:
            raise ValueError("'between' takes [low, high] with low <= high")
        if self.op == "in" and not (is_list and self.threshold):
            raise ValueError("'in' takes a non-empty list of values")
        if self.op in ("gte", "lte", "eq") and is_list:
            raise ValueError(f"'{self.op}' takes one number")
        return self

    def holds(self, observed: float) -> bool:
        t = self.threshold
        match self.op:
            case "gte":
                return observed >= t
            case "lte":
                return observed <= t
            case "eq":
                return observed == t
            case "between":
                return t[0] <= observed <= t[1]
            case "in":
                return observed in t
        raise AssertionError(self.op)

    def gap(self, observed: float) -> float:
        """How far `observed` is from satisfying the condition, in the metric's unit."""
        t = self.threshold
        match self.op:
            case "gte":
                return max(0.0, t - observed)
            case "lte":
                return max(0.0, observed - t)
            case "between":
                return max(0.0, t[0] - observed, observed - t[1])
            case "eq":
                return abs(observed - t)
            case _:
                return 0.0 if self.holds(observed) else min(abs(observed - x) for x in t)

    def scale(self) -> float:
        """The threshold's size, to compare gaps of different units (gap / scale)."""
        t = self.threshold
        values = t if isinstance(t, list) else [t]
        return max(abs(v) for v in values) or 1.0

    def describe(self) -> str:
        words = {"gte": ">=", "lte": "<=", "eq": "=", "between": "between", "in": "in"}
        prefix = "" if self.metric == "value" else f"{self.metric} "
        t = self.threshold
        shown = f"{t[0]:g} and {t[1]:g}" if self.op == "between" else _number(t)
        return f"{prefix}{words[self.op]} {shown}"


def _number(t: float | list[float]) -> str:
    return "[" + ", ".join(f"{x:g}" for x in t) + "]" if isinstance(t, list) else f"{t:g}"


class Conditions(_Strict):
    all: list[Condition] = Field(default_factory=list)
    any: list[Condition] = Field(default_factory=list)

    @model_validator(mode="after")
    def _exactly_one(self) -> Conditions:
        if bool(self.all) == bool(self.any):
            raise ValueError("conditions need exactly one of 'all' or 'any'")
        return self

    @property
    def listed(self) -> list[Condition]:
        return self.all or self.any


class Window(_Strict):
    """The evidence window ending at the as-of date, e.g. {last: 6, unit: sprints}."""

    last: int = Field(ge=1)
    unit: Literal["sprints", "launches", "answers", "days", "months", "quarters"]

    def describe(self) -> str:
        return f"last {self.last} {self.unit}"


class Sufficiency(_Strict):
    min_samples: int = Field(default=1, ge=0)
    max_staleness_days: int | None = Field(default=None, ge=0)


class IndicatorSpec(_Strict):
    """What the rule set expects of an indicator, computed now or planned."""

    source: str = Field(min_length=1)  # jira, pm_survey, launches, github, feedback, outcomes
    needs: str = Field(min_length=1)  # in words: what must be configured or recorded
    unit: Literal["pct", "ratio", "count", "days", "hours", "flag"]
    samples: str = Field(min_length=1)  # what one sample is, plural: sprints, launches...
    aggregation: Aggregation
    window: Window
    metrics: tuple[str, ...] = ()  # named supporting figures criteria may read, e.g. iqr


class Criterion(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    level: int = Field(ge=2, le=5)
    scope: Scope = "team"
    indicator: str
    aggregation: Aggregation
    window: Window
    conditions: Conditions
    sufficiency: Sufficiency = Field(default_factory=Sufficiency)
    message: str = Field(min_length=1)
    remediation: str = Field(min_length=1)
    rationale: str = Field(min_length=1)
    lifecycle: Literal["stable", "experimental"] = "stable"
    effective_from: date | None = None

    @property
    def is_gating(self) -> bool:
        return self.lifecycle == "stable"

    def threshold_text(self) -> str:
        joiner = " and " if self.conditions.all else " or "
        return joiner.join(c.describe() for c in self.conditions.listed)


class Ruleset(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    description: str = ""
    levels: dict[int, str]
    indicators: dict[str, IndicatorSpec]
    criteria: list[Criterion]
    sha256: str = ""
    source_text: str = Field(default="", repr=False)
    # Catalogue indicators the registry computes (set on load); the others are planned.
    available: frozenset[str] = frozenset()

    def level_name(self, level: int) -> str:
        return self.levels[level]

    def spec(self, indicator_id: str) -> IndicatorSpec:
        return self.indicators[indicator_id]

    def is_planned(self, indicator_id: str) -> bool:
        return indicator_id not in self.available

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def criteria_for(self, scope: str, as_of: date) -> list[Criterion]:
        """Criteria of `scope` in effect on `as_of`, in a fixed order (level, id)."""
        return sorted(
            (
                c
                for c in self.criteria
                if c.scope == scope and (c.effective_from is None or c.effective_from <= as_of)
            ),
            key=lambda c: (c.level, c.id),
        )

    def available_only(self) -> Ruleset:
        """This rule set without the criteria whose indicators are planned: what the sources
        configured today can show (the validity bench's 'level on available evidence')."""
        kept = [c for c in self.criteria if not self.is_planned(c.indicator)]
        return self.model_copy(update={"criteria": kept, "sha256": self.sha256 + "+available"})


def load_ruleset(name_or_path: str | Path, known_indicators: Iterable[str]) -> Ruleset:
    """Load a shipped rule set by id (e.g. 'productops-v1') or a YAML file by path."""
    path = Path(name_or_path)
    if not path.suffix:
        path = RULESETS_DIR / f"{name_or_path}.yaml"
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        shipped = sorted(p.stem for p in RULESETS_DIR.glob("*.yaml"))
        raise RulesetError(f"{path}: no such rule set; shipped ones: {shipped}") from None
    return parse_ruleset(raw, known_indicators, origin=str(path))


def parse_ruleset(raw: bytes, known_indicators: Iterable[str], *, origin: str) -> Ruleset:
    """Validate rule set YAML (the bytes are hashed as they are); `origin` names it in errors."""
    from maturity.lint import lint_ruleset

    try:
        data = yaml.safe_load(raw)
        if not isinstance(data, dict):
            raise RulesetError(f"{origin}: a rule set is a YAML mapping (id, version, ...)")
        ruleset = Ruleset.model_validate(
            {
                **data,
                "sha256": hashlib.sha256(raw).hexdigest(),
                "source_text": raw.decode("utf-8"),
            }
        )
    except yaml.YAMLError as err:
        raise RulesetError(f"{origin}: not valid YAML: {err}") from None
    except ValidationError as err:
        problems = "; ".join(
            f"{_where(data, e['loc'])}: {e['msg']}" for e in err.errors(include_url=False)
        )
        raise RulesetError(f"{origin}: {problems}") from None
    known = frozenset(known_indicators)
    problems = lint_ruleset(ruleset, known)
    if problems:
        raise RulesetError(f"{origin}: " + "; ".join(problems))
    return ruleset.model_copy(update={"available": known & set(ruleset.indicators)})


def _where(data: dict, loc: tuple) -> str:
    # criteria.3.conditions -> criteria[3] (id 'planning_without_delays').conditions
    if len(loc) >= 2 and loc[0] == "criteria" and isinstance(loc[1], int):
        items = data.get("criteria") or []
        item = items[loc[1]] if loc[1] < len(items) else None
        name = item.get("id") if isinstance(item, dict) else None
        rest = ".".join(str(p) for p in loc[2:])
        head = f"criterion '{name}'" if name else f"criteria[{loc[1]}]"
        return f"{head}{'.' + rest if rest else ''}"
    return ".".join(str(p) for p in loc) or "(top level)"
