"""pm_overhead_share: how much of their working week PMs spend on operational overhead.

Formula: per complete survey response, (meeting coordination + reporting + tool research +
process design hours) / total hours worked x 100; value = the mean over the team's complete
responses submitted in the 90 days up to the as-of date (incomplete, partial or unfinished
responses never count). `overhead_hours` is the mean weekly overhead in hours, `respondents`
the distinct people who answered.
Grain: team, as of a date. Unit: pct. Inputs: marts.fct_survey_responses.
Seed 001 (Ad-Hoc symptom): "PMs spend > 30% of time on operational overhead (meeting
coordination, reporting, tool research, process design)".
"""

from indicators.base import Indicator, sql_beside

INDICATOR = Indicator(
    id="pm_overhead_share",
    unit="pct",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
)
