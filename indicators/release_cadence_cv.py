"""release_cadence_cv: how regular a team's release cadence is.

Formula: population standard deviation / mean of the intervals in days between consecutive
releases of the same repository, pooled over the team's repositories, for releases published
in the 180 days up to the as-of date; 0 is a perfectly regular cadence. A release is a published
GitHub release that is not a pre-release; a repository that never published a GitHub release
counts its tags (dated by their commit). Samples: the intervals; extras: median_interval_days,
mean_interval_days, releases. Evidence: repository@tag of the releases, oldest first.
Grain: team, as of a date. Unit: ratio. Inputs: marts.fct_releases.
Seed 001 (Ad-Hoc symptom): "inconsistent sprint cadences", measured where work reaches users.
"""

from indicators.base import Indicator, sql_beside

INDICATOR = Indicator(
    id="release_cadence_cv",
    unit="ratio",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
)
