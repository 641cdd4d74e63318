"""launch_on_time_rate: whether a team launches when it planned to.

Formula: launches launched no later than their planned date plus the source's
`on_time_tolerance_days` / launches x 100, over the team's launches of the 365 days up to the
as-of date with a planned date; a launch not launched by its planned date plus tolerance counts
as late already (placed by its planned date). `gtm_ready_pct`: the share of the launched ones
that were fully GTM-ready (launch_readiness_rate over the same launches).
Grain: team, as of a date. Unit: pct. Inputs: marts.fct_launches (launch_facts.sql).
Seed 001 (Managed): "coordinated GTM execution"; launch success counts launches "on-time".
"""

from indicators.base import sql_beside
from indicators.prelude import LAUNCH_FACTS, PreludedIndicator

INDICATOR = PreludedIndicator(
    id="launch_on_time_rate",
    unit="pct",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
    prelude=LAUNCH_FACTS,
)
