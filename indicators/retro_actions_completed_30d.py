"""retro_actions_completed_30d: whether what a retrospective decides gets done.

Formula: retro action items of the team ([evidence] retro_action_labels /
retro_action_issue_types) resolved within 30 days of their creation / retro action items x 100,
over the items created in the 180 days that end 30 days before the as-of date (every item has
had its 30 days). Resolved: Jira's resolution date, as the issue is now. Samples: 100 or 0 per
item (the value is their mean). Extras: completed_in_30_days, still_open. Evidence: the keys
of the items not completed in time.
Grain: team, as of a date. Unit: pct. Inputs: marts.fct_work_items.
Seed 001 (Optimizing): "Company-wide learning: retrospective insights inform strategy".
"""

from indicators.base import Indicator, sql_beside

INDICATOR = Indicator(
    id="retro_actions_completed_30d",
    unit="pct",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
)
