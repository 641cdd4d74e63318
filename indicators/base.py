"""What every indicator shares: its value type and running its SQL for an as-of date."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from warehouse.sql import read_sql


@dataclass(frozen=True)
class IndicatorValue:
    entity_type: str  # "team" or "organisation"
    entity: str
    indicator_id: str
    as_of_date: date
    value: float | None
    unit: str
    n_samples: int
    window_start: date | None = None
    window_end: date | None = None
    # Named supporting figures (e.g. "iqr") that criteria may also read, and evidence ids.
    extras: dict[str, float | None] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)
    # The per-sample observations behind `value` (one per sprint, launch, answer...), in
    # order, so the rules layer can resample them (level stability); optional.
    samples: list = field(default_factory=list)

    def details_json(self) -> str:
        details = {"extras": self.extras, "evidence": self.evidence}
        if self.samples:
            details["samples"] = self.samples
        return json.dumps(details, sort_keys=True)


@dataclass(frozen=True)
class Indicator:
    id: str
    unit: str
    sql_path: Path
    description: str
    entity_type: str = "team"  # or "organisation" (entity 'organisation')

    def compute(self, con: duckdb.DuckDBPyConnection, as_of: date) -> list[IndicatorValue]:
        """Run the indicator's SQL for `as_of`; its columns: entity, value, n_samples,
        window_start, window_end, extras (a struct or map of numbers), evidence (a list), and
        optionally entity_type (one query serving teams and the organisation)."""
        cursor = con.execute(read_sql(self.sql_path), {"as_of": as_of})
        names = [d[0] for d in cursor.description]
        values = []
        for row in cursor.fetchall():
            record = dict(zip(names, row, strict=True))
            values.append(
                IndicatorValue(
                    entity_type=record.get("entity_type", self.entity_type),
                    entity=record["entity"],
                    indicator_id=self.id,
                    as_of_date=as_of,
                    value=None if record["value"] is None else float(record["value"]),
                    unit=self.unit,
                    n_samples=int(record["n_samples"] or 0),
                    window_start=record["window_start"],
                    window_end=record["window_end"],
                    extras={
                        k: (None if v is None else float(v))
                        for k, v in (record.get("extras") or {}).items()
                    },
                    evidence=[str(e) for e in (record.get("evidence") or [])],
                    samples=[_sample(x) for x in (record.get("samples") or [])],
                )
            )
        return values


def _sample(x) -> float | list[float]:
    # A number, or a [numerator, denominator] pair (pooled ratios); always floats.
    return [float(v) for v in x] if isinstance(x, list | tuple) else float(x)


def sql_beside(module_file: str) -> Path:
    return Path(module_file).with_suffix(".sql")
