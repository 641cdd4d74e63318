"""feedback_items_per_month: whether a team captures customer feedback every month.

Formula: for each of the last 6 complete calendar months before the as-of date (a month
ending on the as-of date is complete), the number of customer-feedback items received for the
team (fct_feedback_items.team, the export's team read through [[teams]] aliases); the value is
the lowest monthly count, so ">= 1 every month" reads `gte 1`. A month without items counts 0.
Every team with a Jira board or a feedback item gets a value once any feedback item is loaded.
Samples: the monthly counts, oldest first. Extras: feedback_items (all 6 months). Evidence:
each month with its count, e.g. "2026-05: 3".
Grain: team, as of a date. Unit: count. Inputs: marts.fct_feedback_items, marts.dim_teams.
Seed 001 (Defined): "Feedback captured systematically".
"""

from indicators.base import sql_beside
from indicators.prelude import CALENDAR_PERIODS, PreludedIndicator

INDICATOR = PreludedIndicator(
    id="feedback_items_per_month",
    unit="count",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
    prelude=CALENDAR_PERIODS,
)
