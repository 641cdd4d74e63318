"""sprint_goal_rate: whether a team states what each sprint is for.

Formula: share (x 100) of the team's last 6 closed sprints that carry a sprint goal (Jira's
sprint goal field, not blank). Samples: 100 or 0 per sprint (the value is their mean).
Evidence: the ids of the sprints without a goal.
Grain: team, as of a date. Unit: pct. Inputs: marts.fct_sprints (sprint_goal).
Seed 001 (Emerging): "May have a shared sprint template"; (Defined): "Core processes are
documented and consistently practiced".
"""

from indicators.base import Indicator, sql_beside

INDICATOR = Indicator(
    id="sprint_goal_rate",
    unit="pct",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
)
