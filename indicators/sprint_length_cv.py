"""sprint_length_cv: how regular a team's sprint cadence is.

Formula: population standard deviation / mean of the actual length in days (start to
completion) of the team's last 6 closed sprints; 0 is a perfectly regular cadence.
Grain: team, as of a date. Unit: ratio. Inputs: marts.fct_sprints.
Seed 001 (Ad-Hoc symptom): "inconsistent sprint cadences"; (Emerging): "a shared sprint template".
"""

from indicators.base import Indicator, sql_beside

INDICATOR = Indicator(
    id="sprint_length_cv",
    unit="ratio",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
)
