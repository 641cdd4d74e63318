"""launch_adoption_hit_rate: whether a team's launches reach their first-quarter adoption target.

Formula: launches whose first-quarter adoption reached its target / launches x 100, over the
team's launches launched in the 365 days up to the as-of date whose outcome is known: a launch
without a target misses it; one whose first 90 days passed without an actual misses it; one
still in its first quarter without an actual is left out until then.
Grain: team, as of a date. Unit: pct. Inputs: marts.fct_launches (launch_facts.sql).
Seed 001: launch success counts launches that "meet their first-quarter adoption targets".
"""

from indicators.base import sql_beside
from indicators.prelude import LAUNCH_FACTS, PreludedIndicator

INDICATOR = PreludedIndicator(
    id="launch_adoption_hit_rate",
    unit="pct",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
    prelude=LAUNCH_FACTS,
)
