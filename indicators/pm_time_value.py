"""pm_time_value: the monthly money value of the overhead hours Product Ops took off the PMs.

Formula: (mean weekly overhead hours per PM in the baseline wave − the same in the latest wave)
x hourly rate x PM headcount x weeks per month. Baseline wave = the team's first survey wave,
latest = its most recent wave on or before the as-of date (complete responses only); with a
single wave there is nothing to compare and the value is null. Rate, currency and weeks per
month come from `[costs]`; headcount from the team's `pm_headcount`, else the respondents of
the latest wave. For the organisation, the baseline and latest answers of every team with two
waves are pooled, and the headcount is `[costs] pm_headcount`, else the teams' sum.
Grain: team and organisation, as of a date. Unit: money per month, in `[costs] currency`.
Inputs: marts.fct_survey_responses, marts.dim_pm_costs.
Seed 001: "survey PMs on pre-Product Ops hours spent per week on operational overhead ...
After 90 days, re-survey. The delta × salary rate × headcount = monthly time value."
"""

from pathlib import Path

from indicators.base import sql_beside
from indicators.prelude import PreludedIndicator

WAVES = Path(__file__).with_name("pm_time_waves.sql")
INDICATOR = PreludedIndicator(
    id="pm_time_value",
    unit="money_per_month",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
    prelude=WAVES,
)
ORGANISATION_INDICATOR = PreludedIndicator(
    id="pm_time_value",
    unit="money_per_month",
    sql_path=Path(__file__).with_name("pm_time_value_organisation.sql"),
    description=__doc__.splitlines()[0],
    entity_type="organisation",
    prelude=WAVES,
)
