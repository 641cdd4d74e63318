"""feedback_linked_epic_share: whether delivered work traces back to customer feedback.

Formula: the team's epics ([evidence] epic_issue_types) delivered (done, resolved) in the 180
days up to the as-of date that are linked to a customer-feedback item received by the as-of
date / those epics x 100. A feedback item links an epic when its Jira keys name the epic or an
issue of the epic (its parent on Cloud, its Epic Link on Data Center). Computed once any
feedback item is loaded. Samples: 100 or 0 per epic (the value is their mean). Extras:
linked_epics. Evidence: the keys of the delivered epics without feedback.
Grain: team, as of a date. Unit: pct. Inputs: marts.fct_work_items, marts.fct_feedback_items.
Seed 001 (Managed): "Feedback loops instrumented end to end"; revenue connection: "a
feedback-driven roadmap item that ships".
"""

from indicators.base import Indicator, sql_beside

INDICATOR = Indicator(
    id="feedback_linked_epic_share",
    unit="pct",
    sql_path=sql_beside(__file__),
    description=__doc__.splitlines()[0],
)
