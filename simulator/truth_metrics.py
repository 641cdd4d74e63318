"""The habits a team really had, measured on the ground truth over its last closed sprints.

These are the expected answers for the product's indicators on a simulated organisation,
computed in plain Python from `sprint_outcomes`:
- sprint length CV: population std / mean of closed sprints' actual length (start to
  completion);
- estimated share: committed issues (not sub-tasks) with an estimate at sprint start,
  pooled over the sprints;
- planning delay share: sprints starting more than 1 working day after the previous
  sprint of the board completed (`workdays.working_days_between`);
- strict predictability per sprint: points at end of committed_completed issues / points
  at start of all committed issues (sub-tasks excluded, no estimate = 0); summarised by its
  median and interquartile range (quartiles by the inclusive method);
- churn: added plus removed issues (not sub-tasks) per sprint.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from itertools import pairwise

from simulator.model import Organisation, Sprint
from simulator.sprint_report import Outcome, issues_by_sprint, sprint_outcomes
from simulator.workdays import working_days_between

DEFAULT_WINDOW = 6


@dataclass(frozen=True)
class TeamHabits:
    team: str
    true_level: int
    sprint_length_cv: float
    estimated_share: float
    planning_delay_share: float
    predictability_median: float
    predictability_iqr: float
    churn_per_sprint: float


def closed_sprints(org: Organisation, board_id: int) -> list[Sprint]:
    """The board's closed sprints in completion order."""
    sprints = [org.sprints[sprint_id] for sprint_id in org.board(board_id).sprint_ids]
    return sorted((s for s in sprints if s.state == "closed"), key=lambda s: s.complete_at)


def strict_predictability(outcomes: dict[str, Outcome]) -> float | None:
    committed = [
        o for o in outcomes.values() if o.outcome.startswith("committed_") and not o.is_subtask
    ]
    committed_points = sum(o.points_at_start or 0.0 for o in committed)
    if not committed_points:
        return None
    completed = sum(o.points_at_end or 0.0 for o in committed if o.outcome == "committed_completed")
    return completed / committed_points


def team_habits(org: Organisation, team_index: int, window: int = DEFAULT_WINDOW) -> TeamHabits:
    team = org.teams[team_index]
    board_id = team.board_ids[0]
    history = closed_sprints(org, board_id)
    recent = history[-window:]
    candidates = issues_by_sprint(org.issues)
    outcomes = [
        sprint_outcomes(org, board_id, sprint.id, issues=candidates.get(sprint.id, []))
        for sprint in recent
    ]
    lengths = [(s.complete_at - s.actual_start_at).total_seconds() for s in recent]
    committed = [
        o
        for per_sprint in outcomes
        for o in per_sprint.values()
        if o.outcome.startswith("committed_") and not o.is_subtask
    ]
    delays = [
        working_days_between(before.complete_at, sprint.actual_start_at) > 1
        for before, sprint in list(pairwise(history))[-window:]
    ]
    ratios = [r for r in map(strict_predictability, outcomes) if r is not None]
    if len(ratios) > 1:
        first, _, third = statistics.quantiles(ratios, n=4, method="inclusive")
    else:
        first = third = 0.0
    churn = [
        sum(
            not o.is_subtask and (o.outcome.startswith("added_") or o.outcome.endswith("_removed"))
            for o in per_sprint.values()
        )
        for per_sprint in outcomes
    ]
    return TeamHabits(
        team=team.name,
        true_level=team.true_level,
        sprint_length_cv=statistics.pstdev(lengths) / statistics.fmean(lengths),
        estimated_share=sum(o.points_at_start is not None for o in committed) / len(committed),
        planning_delay_share=sum(delays) / len(delays) if delays else 0.0,
        predictability_median=statistics.median(ratios),
        predictability_iqr=third - first,
        churn_per_sprint=statistics.fmean(churn),
    )
