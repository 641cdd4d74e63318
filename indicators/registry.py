"""The indicators, in the order they run; adding one means adding it here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from indicators import (
    estimation_coverage,
    late_start_rate,
    sprint_length_cv,
    sprint_predictability,
    strict_sprint_predictability,
)
from indicators.base import Indicator, IndicatorValue
from warehouse.sql import read_sql

INDICATORS: tuple[Indicator, ...] = (
    sprint_predictability.INDICATOR,
    strict_sprint_predictability.INDICATOR,
    sprint_length_cv.INDICATOR,
    late_start_rate.INDICATOR,
    estimation_coverage.INDICATOR,
)
SHARED_WINDOWS = Path(__file__).with_name("recent_sprints.sql")


def indicator_ids() -> frozenset[str]:
    return frozenset(i.id for i in INDICATORS)


def compute_all(con: duckdb.DuckDBPyConnection, as_of: date) -> list[IndicatorValue]:
    con.execute(read_sql(SHARED_WINDOWS))
    return [value for indicator in INDICATORS for value in indicator.compute(con, as_of)]
