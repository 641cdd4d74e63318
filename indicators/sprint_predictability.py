"""sprint_predictability: how much of what a team commits to at sprint start it completes.

Formula: per sprint, completed points / committed points x 100 with Jira's sprint-report
semantics (committed = in the sprint at start, valued at the start estimate; completed =
in the Done column at completion, valued then; added work counts when completed). Teams that
commit no points are measured in issue counts. Value: the median over the team's last 6
closed sprints; `iqr` (interquartile range, points of percentage) shows how steady it is.
Grain: team, as of a date. Unit: pct. Inputs: marts.fct_sprints.
Seed 001: "Sprint predictability: stories (or points) planned vs completed per sprint."
"""

from indicators.base import Indicator, sql_beside

INDICATOR = Indicator(
    id="sprint_predictability",
    unit="pct",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
)
