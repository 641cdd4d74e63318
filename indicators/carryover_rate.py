"""carryover_rate: how much of the work still in a sprint at its end is left unfinished.

Formula: issues not completed when the sprint closed / issues in the sprint when it closed
(completed + not completed) x 100, pooled over the team's last 6 closed sprints (sub-tasks
excluded; removed issues are not in the sprint at its end). Unfinished issues are carried over
to the next sprint or go back to the backlog; Jira counts them as committed again in the next
sprint they are in at its start. Extras: the counts. Samples: [not completed, completed + not
completed] per sprint (a pooled ratio).
Grain: team, as of a date. Unit: pct. Inputs: marts.fct_sprints.
Seed 001 (L3 -> L4): "did the sprint planning process produce better predictability? measure
it"; (Managed): "Processes are measured and improved based on outcomes".
"""

from indicators.base import Indicator, sql_beside

INDICATOR = Indicator(
    id="carryover_rate",
    unit="pct",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
)
