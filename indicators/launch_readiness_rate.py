"""launch_readiness_rate: whether a team's launches go out fully GTM-ready.

Formula: launches whose every readiness checklist item was done by the launch date / launches
x 100, over the team's launches launched in the 365 days up to the as-of date. A launch without
a checklist is not ready; an item done without a date counts as done by the launch.
Grain: team, as of a date. Unit: pct. Inputs: marts.fct_launches (launch_facts.sql).
Seed 001: "fully GTM-ready (all readiness checklist items completed)".
"""

from indicators.base import sql_beside
from indicators.prelude import LAUNCH_FACTS, PreludedIndicator

INDICATOR = PreludedIndicator(
    id="launch_readiness_rate",
    unit="pct",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
    prelude=LAUNCH_FACTS,
)
