"""unplanned_work_share: how much of what a team finishes was not planned at sprint start.

Formula: issues completed in a sprint that were added after its start / all issues completed in
it x 100, pooled over the team's last 6 closed sprints (sub-tasks excluded; issues already done
when they entered a sprint count in neither). Extras: the same in points (`points_pct`, added
issues valued at completion) and the counts. Samples: [added and completed, completed] per
sprint (a pooled ratio).
Grain: team, as of a date. Unit: pct. Inputs: marts.fct_sprints.
Seed 001 (Emerging): "operates reactively — filling gaps as they arise rather than proactively
designing and improving systems"; (Ad-Hoc symptom): "frequent planning delays".
"""

from indicators.base import Indicator, sql_beside

INDICATOR = Indicator(
    id="unplanned_work_share",
    unit="pct",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
)
