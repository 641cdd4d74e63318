"""launch_checklist_coverage: whether a team runs its launches with a readiness checklist.

Formula: launches with a readiness checklist (at least one item) / launches x 100, over the
team's launches of the 180 days up to the as-of date (placed by their actual date, or by the
planned date of a launch not launched yet).
Grain: team, as of a date. Unit: pct. Inputs: marts.fct_launches (launch_facts.sql).
Seed 001 (Defined): "core processes documented and consistently practised (discovery, roadmap
format, launch checklist, retrospective cadence)".
"""

from indicators.base import sql_beside
from indicators.prelude import LAUNCH_FACTS, PreludedIndicator

INDICATOR = PreludedIndicator(
    id="launch_checklist_coverage",
    unit="pct",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
    prelude=LAUNCH_FACTS,
)
