"""An indicator whose SQL reads a temporary macro shared with other indicators (a window over
the file-source or playbook marts); the macro is (re)created before the indicator's query runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from indicators.base import Indicator, IndicatorValue
from warehouse.sql import read_sql


@dataclass(frozen=True)
class PreludedIndicator(Indicator):
    prelude: Path | None = None

    def compute(self, con: duckdb.DuckDBPyConnection, as_of: date) -> list[IndicatorValue]:
        if self.prelude is not None:
            con.execute(read_sql(self.prelude))
        return super().compute(con, as_of)


LAUNCH_FACTS = Path(__file__).with_name("launch_facts.sql")
PLAYBOOK_UPDATES = Path(__file__).with_name("playbook_updates.sql")
CALENDAR_PERIODS = Path(__file__).with_name("calendar_periods.sql")
