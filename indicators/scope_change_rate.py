"""scope_change_rate: how much a team's sprint scope moves after the sprint has started.

Formula: (issues added after the start + issues removed before the end) / issues committed at
the start x 100, pooled over the team's last 6 closed sprints (sub-tasks excluded; an issue
added and removed again counts twice, as two changes). Extras: the same in points
(`points_pct`: added + removed estimates / committed estimates x 100) and the counts.
Samples: [added + removed, committed] per sprint (a pooled ratio).
Grain: team, as of a date. Unit: pct. Inputs: marts.fct_sprints (Jira's sprint report where
Jira gave one, else the reconstruction).
Seed 001 (Defined): "Core processes are documented and consistently practiced" (sprint
planning is the first of the recurring processes); (L3 -> L4): "did the sprint planning
process produce better predictability? measure it".
"""

from indicators.base import Indicator, sql_beside

INDICATOR = Indicator(
    id="scope_change_rate",
    unit="pct",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
)
