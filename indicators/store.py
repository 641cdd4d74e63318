"""Writing indicator values into marts.fct_indicator_values, and reading them back."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from indicators.base import IndicatorValue
from warehouse.sql import read_sql

COLUMNS = [
    "entity_type",
    "entity",
    "indicator_id",
    "as_of_date",
    "window_start",
    "window_end",
    "value",
    "unit",
    "n_samples",
    "details",
    "run_id",
]


def store_values(
    con: duckdb.DuckDBPyConnection, values: list[IndicatorValue], as_of: date, run_id: str
) -> int:
    rows = [
        (
            v.entity_type,
            v.entity,
            v.indicator_id,
            v.as_of_date,
            v.window_start,
            v.window_end,
            v.value,
            v.unit,
            v.n_samples,
            v.details_json(),
            run_id,
        )
        for v in values
    ]
    if not rows:
        con.execute("DELETE FROM marts.fct_indicator_values WHERE as_of_date = ?", [as_of])
        return 0
    con.register("indicator_frame", pd.DataFrame(rows, columns=COLUMNS))
    try:
        con.execute(read_sql(Path(__file__).with_name("store.sql")))
    finally:
        con.unregister("indicator_frame")
    return len(rows)


def load_values(con: duckdb.DuckDBPyConnection, as_of: date) -> list[IndicatorValue]:
    rows = con.execute(
        "SELECT entity_type, entity, indicator_id, as_of_date, value, unit, n_samples,"
        " window_start, window_end, details FROM marts.fct_indicator_values"
        " WHERE as_of_date = ? ORDER BY entity_type, entity, indicator_id",
        [as_of],
    ).fetchall()
    values = []
    for etype, entity, ind, day, value, unit, n, start, end, details in rows:
        parsed = json.loads(details) if details else {}
        values.append(
            IndicatorValue(
                entity_type=etype,
                entity=entity,
                indicator_id=ind,
                as_of_date=day,
                value=value,
                unit=unit,
                n_samples=n,
                window_start=start,
                window_end=end,
                extras=parsed.get("extras", {}),
                evidence=parsed.get("evidence", []),
                samples=parsed.get("samples", []),
            )
        )
    return values
