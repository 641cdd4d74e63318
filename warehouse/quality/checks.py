"""Data-quality suites as data: which Great Expectations expectation, on which columns, how bad
a failure is, and why it matters. Suites import nothing of GX (importing it costs seconds);
the runner turns each `Check` into a GX expectation by its class name only when it validates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

CRITICAL = "critical"  # a failure stops the run before the marts change (exit code 4)
WARNING = "warning"  # recorded in meta.expectation_results and the run summary; the run goes on
SEVERITIES = (CRITICAL, WARNING)


@dataclass(frozen=True)
class Check:
    expectation: str  # GX class name, e.g. "ExpectCompoundColumnsToBeUnique"
    arguments: Mapping[str, object]
    severity: str
    why: str
    name: str  # short verb for the id, e.g. "unique"

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}, not {self.severity!r}")

    @property
    def columns(self) -> tuple[str, ...]:
        a = self.arguments
        found = [a.get("column"), *a.get("column_list", ()), a.get("column_A"), a.get("column_B")]
        return tuple(c for c in found if c)

    @property
    def check_id(self) -> str:
        return f"{self.name}:{','.join(self.columns)}"


@dataclass(frozen=True)
class Suite:
    """Every check of one table. `name` is stable: meta.expectation_results keys on it."""

    name: str
    table: str  # schema.table
    checks: tuple[Check, ...]

    def __post_init__(self) -> None:
        ids = [c.check_id for c in self.checks]
        if len(ids) != len(set(ids)):
            raise ValueError(f"suite {self.name}: two checks share an id: {sorted(ids)}")

    @property
    def columns(self) -> list[str]:
        """The columns any check reads: only these leave DuckDB."""
        return list(dict.fromkeys(c for check in self.checks for c in check.columns))


def unique(*columns: str, severity: str = CRITICAL, why: str = "") -> Check:
    why = why or "one row per key: a duplicate would be counted twice downstream"
    if len(columns) == 1:
        arguments = {"column": columns[0]}
        return Check("ExpectColumnValuesToBeUnique", arguments, severity, why, "unique")
    return Check(
        "ExpectCompoundColumnsToBeUnique",
        {"column_list": list(columns), "ignore_row_if": "never"},
        severity,
        why,
        "unique",
    )


def not_null(column: str, *, severity: str = CRITICAL, why: str = "") -> Check:
    return Check(
        "ExpectColumnValuesToNotBeNull",
        {"column": column},
        severity,
        why or f"every row needs its {column}",
        "not_null",
    )


def one_of(column: str, values: Sequence[object], *, severity: str = CRITICAL, why: str) -> Check:
    """Known values only; nulls are left to `not_null`."""
    return Check(
        "ExpectColumnValuesToBeInSet",
        {"column": column, "value_set": list(values)},
        severity,
        why,
        "one_of",
    )


def between(
    column: str,
    low: float | None,
    high: float | None = None,
    *,
    severity: str = CRITICAL,
    why: str,
) -> Check:
    """low <= value <= high (either bound may be open); nulls pass."""
    arguments: dict[str, object] = {"column": column}
    if low is not None:
        arguments["min_value"] = low
    if high is not None:
        arguments["max_value"] = high
    return Check("ExpectColumnValuesToBeBetween", arguments, severity, why, "between")


def not_before(later: str, earlier: str, *, severity: str = CRITICAL, why: str) -> Check:
    """later >= earlier on every row where both are known (ordered dates, ceiling >= proven)."""
    return Check(
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {
            "column_A": later,
            "column_B": earlier,
            "or_equal": True,
            "ignore_row_if": "either_value_is_missing",
        },
        severity,
        why,
        "not_before",
    )
