"""The indicators, in the order they run; adding one means adding it here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from indicators import (
    carryover_rate,
    discovery_share,
    documented_process_count,
    estimation_coverage,
    experiments_per_quarter,
    feedback_items_per_month,
    feedback_linked_epic_share,
    late_start_rate,
    launch_adoption_hit_rate,
    launch_checklist_coverage,
    launch_on_time_rate,
    launch_readiness_rate,
    launch_success_rate,
    median_start_gap,
    metrics_framework_present,
    outcome_trend,
    playbook_freshness_days,
    pm_overhead_hours,
    pm_overhead_share,
    pm_time_value,
    release_cadence_cv,
    retro_action_rate,
    retro_actions_completed_30d,
    scope_change_rate,
    sprint_goal_rate,
    sprint_length_cv,
    sprint_predictability,
    strict_sprint_predictability,
    unplanned_work_share,
)
from indicators.base import Indicator, IndicatorValue
from warehouse.sql import read_sql

INDICATORS: tuple[Indicator, ...] = (
    sprint_predictability.INDICATOR,
    strict_sprint_predictability.INDICATOR,
    sprint_length_cv.INDICATOR,
    late_start_rate.INDICATOR,
    median_start_gap.INDICATOR,
    estimation_coverage.INDICATOR,
    scope_change_rate.INDICATOR,
    carryover_rate.INDICATOR,
    unplanned_work_share.INDICATOR,
    sprint_goal_rate.INDICATOR,
    retro_action_rate.INDICATOR,
    retro_actions_completed_30d.INDICATOR,
    discovery_share.INDICATOR,
    documented_process_count.INDICATOR,
    playbook_freshness_days.INDICATOR,
    metrics_framework_present.INDICATOR,
    release_cadence_cv.INDICATOR,
    experiments_per_quarter.INDICATOR,
    pm_overhead_share.INDICATOR,
    pm_overhead_hours.INDICATOR,
    pm_time_value.INDICATOR,
    pm_time_value.ORGANISATION_INDICATOR,
    launch_checklist_coverage.INDICATOR,
    launch_readiness_rate.INDICATOR,
    launch_on_time_rate.INDICATOR,
    launch_adoption_hit_rate.INDICATOR,
    launch_success_rate.INDICATOR,
    outcome_trend.INDICATOR,
    feedback_items_per_month.INDICATOR,
    feedback_linked_epic_share.INDICATOR,
)
SHARED_WINDOWS = Path(__file__).with_name("recent_sprints.sql")


def indicator_ids() -> frozenset[str]:
    return frozenset(i.id for i in INDICATORS)


def compute_all(con: duckdb.DuckDBPyConnection, as_of: date) -> list[IndicatorValue]:
    con.execute(read_sql(SHARED_WINDOWS))
    return [value for indicator in INDICATORS for value in indicator.compute(con, as_of)]
