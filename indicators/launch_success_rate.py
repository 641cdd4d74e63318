"""launch_success_rate: the share of launches that succeed, and how it moves year over year.

Formula: launches that were on time AND fully GTM-ready AND met their first-quarter adoption
target / launches x 100, over the launches launched in the 365 days up to the as-of date whose
three outcomes are known (see launch_on_time_rate, launch_readiness_rate,
launch_adoption_hit_rate: a launch still in its first quarter without an adoption actual waits).
`yoy_change_points`: this value minus the same figure for the 365 days before (percentage
points; null when that year had no such launch). For the organisation, every launch of every
source counts (also those of teams not configured).
Grain: team and organisation (one query, grouping sets), as of a date. Unit: pct.
Inputs: marts.fct_launches.
Seed 001: "Launch success rate: track the percentage of product launches that are on-time,
fully GTM-ready (all readiness checklist items completed), and meet their first-quarter
adoption targets. Improvement in launch success rate year-over-year is a direct Product Ops
contribution."
"""

from indicators.base import sql_beside
from indicators.prelude import LAUNCH_FACTS, PreludedIndicator

INDICATOR = PreludedIndicator(
    id="launch_success_rate",
    unit="pct",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
    prelude=LAUNCH_FACTS,
)
