"""pm_overhead_hours: hours per week a team's PMs spend on operational overhead.

Formula: per complete survey response, meeting coordination + reporting + tool research +
process design hours; value = the mean over the team's complete responses submitted in the 90
days up to the as-of date. `total_hours` is the mean of hours worked.
Grain: team, as of a date. Unit: hours (per week). Inputs: marts.fct_survey_responses.
Seed 001 (time value of Product Ops): "survey PMs on pre-Product Ops hours spent per week on
operational overhead (meeting coordination, reporting, tool research, process design)".
"""

from indicators.base import Indicator, sql_beside

INDICATOR = Indicator(
    id="pm_overhead_hours",
    unit="hours",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
)
