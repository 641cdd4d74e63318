"""experiments_per_quarter: how many experiments a team runs a quarter.

Formula: the mean, over the last 2 complete calendar quarters before the as-of date, of the
number of issues and pull requests opened in the quarter in the team's repositories that carry
one of the configured experiment labels (experiment_labels, e.g. "experiment", "a/b-test").
Samples: the count of each quarter, oldest first; extras: experiments (both quarters),
pull_requests, issues. Evidence: repository#number of each experiment.
Grain: team (with at least one repository found on GitHub), as of a date. Unit: count.
Inputs: marts.fct_experiments, marts.dim_team_repos.
Seed 001 (Managed): "A/B testing operational".
"""

from indicators.base import Indicator, sql_beside

INDICATOR = Indicator(
    id="experiments_per_quarter",
    unit="count",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
)
