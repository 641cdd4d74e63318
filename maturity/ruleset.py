"""Rule sets: YAML files in maturity/rulesets, validated on load, hashed for reproducibility."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

RULESETS_DIR = Path(__file__).with_name("rulesets")
Operator = Literal["gte", "lte", "between", "eq", "in"]


class RulesetError(Exception):
    """A rule set file is invalid; the message names the file and the criterion."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Condition(_Strict):
    metric: str = "value"  # "value" or one of the indicator's named extras, e.g. "iqr"
    op: Operator
    threshold: float | list[float]

    @model_validator(mode="after")
    def _threshold_shape(self) -> Condition:
        is_list = isinstance(self.threshold, list)
        if self.op == "between" and not (is_list and len(self.threshold) == 2):
            raise ValueError("'between' takes a threshold of [low, high]")
        if self.op == "in" and not is_list:
            raise ValueError("'in' takes a list of values")
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
            case _:
                return 0.0 if self.holds(observed) else float("nan")

    def describe(self) -> str:
        words = {"gte": ">=", "lte": "<=", "eq": "=", "between": "between", "in": "in"}
        prefix = "" if self.metric == "value" else f"{self.metric} "
        return f"{prefix}{words[self.op]} {self.threshold}"


class Conditions(_Strict):
    all: list[Condition] = Field(default_factory=list)
    any: list[Condition] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_empty(self) -> Conditions:
        if not self.all and not self.any:
            raise ValueError("conditions need 'all' or 'any'")
        return self


class Sufficiency(_Strict):
    min_samples: int = Field(default=1, ge=0)
    max_staleness_days: int | None = Field(default=None, ge=0)


class Criterion(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    level: int = Field(ge=2, le=5)
    indicator: str
    conditions: Conditions
    sufficiency: Sufficiency = Field(default_factory=Sufficiency)
    message: str
    remediation: str
    rationale: str
    lifecycle: Literal["stable", "experimental"] = "stable"
    effective_from: date | None = None

    @property
    def is_gating(self) -> bool:
        return self.lifecycle == "stable"

    def threshold_text(self) -> str:
        joiner = " and " if self.conditions.all else " or "
        return joiner.join(c.describe() for c in self.conditions.all or self.conditions.any)


class Ruleset(_Strict):
    id: str
    version: str
    description: str = ""
    levels: dict[int, str]
    criteria: list[Criterion]
    sha256: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> Ruleset:
        if sorted(self.levels) != [1, 2, 3, 4, 5]:
            raise ValueError("levels must name exactly the levels 1 to 5")
        seen: set[str] = set()
        for criterion in self.criteria:
            if criterion.id in seen:
                raise ValueError(f"criterion id '{criterion.id}' appears twice")
            seen.add(criterion.id)
        return self

    def level_name(self, level: int) -> str:
        return self.levels[level]


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
    try:
        data = yaml.safe_load(raw)
        ruleset = Ruleset.model_validate({**data, "sha256": hashlib.sha256(raw).hexdigest()})
    except yaml.YAMLError as err:
        raise RulesetError(f"{path}: not valid YAML: {err}") from None
    except ValidationError as err:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in err.errors()
        )
        raise RulesetError(f"{path}: {problems}") from None
    known = set(known_indicators)
    for criterion in ruleset.criteria:
        if criterion.indicator not in known:
            raise RulesetError(
                f"{path}: criterion '{criterion.id}' reads unknown indicator "
                f"'{criterion.indicator}'; known: {sorted(known)}"
            )
    return ruleset
