"""outcome_trend: where each outcome metric (NRR, LTV:CAC, AHT or any named one) is heading.

Formula: per metric, over its observations in the 365 days up to the as-of date: value = the
change from the earliest to the latest observation, in percent of the earliest
((latest - earliest) / |earliest| x 100; null with fewer than two observations or an earliest
of 0); `slope_per_month` = the least-squares slope in the metric's unit per 30.44 days;
`latest_value` and `earliest_value` as observed. Stored under the indicator id
`outcome_trend:<metric>`, for each team that reports the metric and for the organisation
(observations without a team).
Grain: team or organisation, metric, as of a date. Unit: pct. Inputs: marts.fct_outcome_metrics.
Seed 001 (Optimizing): "measurable impact on revenue outcomes (LTV:CAC, NRR, AHT)"; revenue
connections: "a feedback-driven roadmap item ships and drives measurable retention or
expansion impact".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import duckdb

from indicators.base import Indicator, IndicatorValue, sql_beside

SEPARATOR = "\x1f"  # between entity type, entity and metric in the SQL's `entity` column


@dataclass(frozen=True)
class PerMetricIndicator(Indicator):
    """One value per entity and metric: the SQL's `entity` is type, entity and metric joined
    by SEPARATOR; each value is stored as `<id>:<metric>` for its entity."""

    def compute(self, con: duckdb.DuckDBPyConnection, as_of: date) -> list[IndicatorValue]:
        values = []
        for value in super().compute(con, as_of):
            entity_type, entity, metric = value.entity.split(SEPARATOR)
            values.append(
                replace(
                    value,
                    entity_type=entity_type,
                    entity=entity,
                    indicator_id=f"{self.id}:{metric}",
                )
            )
        return values


INDICATOR = PerMetricIndicator(
    id="outcome_trend",
    unit="pct",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
)
