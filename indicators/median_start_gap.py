"""median_start_gap: how long a team's next sprint waits after the previous one closed.

Formula: median, over the team's last 6 closed sprints that follow another sprint on the same
board, of the working days (Monday to Friday) from the previous sprint's completion to this
sprint's actual start (Data Center: activatedDate): 0 on the same day, 1 from Friday to
Monday. Extras: the longest gap. Samples: the gaps. (late_start_rate counts the gaps above
one working day; its extras carry this median too.)
Grain: team, as of a date. Unit: working_days. Inputs: marts.fct_sprints.
Seed 001 (Ad-Hoc symptom): "frequent planning delays".
"""

from indicators.base import Indicator, sql_beside

INDICATOR = Indicator(
    id="median_start_gap",
    unit="working_days",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
)
