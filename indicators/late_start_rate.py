"""late_start_rate: how often sprint planning delays the next sprint.

Formula: share (x 100) of the team's last 6 closed sprints that started more than one working
day (Monday to Friday) after the previous sprint on the same board was completed. Extras: the
median start gap in working days. Evidence: the late sprints' ids.
Grain: team, as of a date. Unit: pct. Inputs: marts.fct_sprints.
Seed 001 (Ad-Hoc symptom): "frequent planning delays".
"""

from indicators.base import Indicator, sql_beside

INDICATOR = Indicator(
    id="late_start_rate",
    unit="pct",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
)
