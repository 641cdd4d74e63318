"""discovery_share: whether a team does discovery work every quarter.

Formula: for each of the last 2 complete calendar quarters before the as-of date (a quarter
ending on the as-of date is complete), the team's discovery items ([evidence]
discovery_issue_types / discovery_labels) created in the quarter / work items created in the
quarter x 100 (epics and sub-tasks are not work items); the value is the lowest of those
quarterly shares, so ">= 5% every quarter" reads `gte 5`. A quarter without work items has no
share and is no sample. Samples: the quarterly shares, oldest first. Extras: discovery_items,
work_items (both quarters). Evidence: each quarter with its counts, e.g. "2026-Q1: 30 of 310"
(marts.fct_work_items lists the items).
Grain: team, as of a date. Unit: pct. Inputs: marts.fct_work_items.
Seed 001 (Emerging): "No formal discovery process"; (Defined): "Core processes are documented
and consistently practiced (discovery, ...)".
"""

from indicators.base import sql_beside
from indicators.prelude import CALENDAR_PERIODS, PreludedIndicator

INDICATOR = PreludedIndicator(
    id="discovery_share",
    unit="pct",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
    prelude=CALENDAR_PERIODS,
)
