"""retro_action_rate: whether a team holds a retrospective after every sprint and acts on it.

Formula: share (x 100) of the team's last 6 sprints closed at least 5 days before the as-of
date that were followed by at least one retro action item of the team ([evidence]
retro_action_labels / retro_action_issue_types) created from one day before the sprint closed
(a retrospective held on the last day) to 5 days after. Sprints that closed less than 5 days
ago are not judged yet: the window ends 5 days before the as-of date. Samples: 100 or 0 per
sprint (the value is their mean). Extras: retro_action_items (in those windows),
sprints_followed. Evidence: the sprint ids.
Grain: team, as of a date. Unit: pct. Inputs: marts.fct_sprints (recent_sprints.sql),
marts.fct_work_items.
Seed 001 (Defined): "Core processes are documented and consistently practiced (discovery,
roadmap format, launch checklist, retrospective cadence)".
"""

from indicators.base import Indicator, sql_beside

INDICATOR = Indicator(
    id="retro_action_rate",
    unit="pct",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
)
