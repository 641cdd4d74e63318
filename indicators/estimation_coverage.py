"""estimation_coverage: whether a team sizes its work before committing to it.

Formula: committed issues with an estimate at sprint start / committed issues x 100, summed
over the team's last 6 closed sprints (sub-tasks excluded).
Grain: team, as of a date. Unit: pct. Inputs: marts.fct_sprints.
Seed 001 (Emerging): "some metrics standardisation"; (Ad-Hoc symptom): "metrics inconsistent".
"""

from indicators.base import Indicator, sql_beside

INDICATOR = Indicator(
    id="estimation_coverage",
    unit="pct",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
)
