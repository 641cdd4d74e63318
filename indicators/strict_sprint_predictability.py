"""strict_sprint_predictability: how much of its commitment a team delivers, added work aside.

Formula: per sprint, sum of completion estimates of committed issues that were completed /
sum of committed estimates at start x 100 (issue counts when nothing is estimated). Value: the
median over the team's last 6 closed sprints; `iqr`, the interquartile range in points of
percentage. Grain: team, as of a date. Unit: pct. Inputs: marts.fct_sprints.
Seed 001 (Managed): "Processes measured and improved on outcomes (e.g. did sprint planning
produce better predictability?)".
"""

from indicators.base import Indicator, sql_beside

INDICATOR = Indicator(
    id="strict_sprint_predictability",
    unit="pct",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
)
