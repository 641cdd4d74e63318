"""A synthetic organisation whose teams sit at known maturity levels.

`generate_organisation` is deterministic: the same arguments give the same organisation,
and every instant is derived from `now`. Each team gets its own random stream (seeded
from the seed and its position), so team k looks the same whether the organisation has
6 teams or 200. Work is linear in the number of issues.
"""

from __future__ import annotations

import itertools
import math
import random
from datetime import UTC, datetime

from simulator.habits import habits_for_team, team_identity
from simulator.issue_factory import IssueFactory, number_issues, spread_discovery
from simulator.model import Board, Issue, Organisation, Sprint, Team
from simulator.sprint_plan import plan_sprints
from simulator.sprint_story import BoardStory
from simulator.work_evidence import TeamEvidence
from simulator.workdays import whole_millis

COLUMNS = [
    ("To Do", ("10000",)),
    ("In Progress", ("10001",)),
    ("In Review", ("10002",)),
    ("Done", ("10003",)),
]
# Some teams keep an empty column after Done: Jira's Done is the last column *with statuses*.
COLUMNS_WITH_EMPTY_TAIL = [*COLUMNS, ("Released", ())]

# Measured at issues_per_sprint=18; lets generate_organisation_of_size pick a team count.
ISSUES_PER_TEAM_MONTH = 115


def generate_organisation(
    seed: int = 7,
    *,
    now: datetime | None = None,
    teams: int = 6,
    months: int = 12,
    issues_per_sprint: int = 18,
) -> Organisation:
    """Teams at levels 1, 2, 3, 4, 5, 3 (then cycling), one scrum board and project each.

    About 115 issues per team and month at the default sprint size (18 committed issues),
    retro actions and epics included: 6 teams x 12 months is ~8,300 issues, 40 teams ~55,000.
    """
    if now is None:
        now = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware (UTC), e.g. datetime(2025, 1, 6, tzinfo=UTC)")
    if teams < 1 or months < 1 or issues_per_sprint < 4:
        raise ValueError(
            f"need teams >= 1, months >= 1, issues_per_sprint >= 4; got {teams}, {months}, "
            f"{issues_per_sprint}"
        )
    now = whole_millis(now.astimezone(UTC))  # Jira keeps milliseconds; so does the truth
    sprint_ids = itertools.count(1)
    org_teams, boards, sprints = [], [], {}
    issues: list[Issue] = []
    parents: list[tuple[Issue, Issue]] = []
    feedback = []
    for index in range(teams):
        name, project_key, board_id = team_identity(index)
        habits = habits_for_team(index)
        rng = random.Random(f"{seed}/{index}")
        timeline = plan_sprints(
            rng,
            habits,
            project_key=project_key,
            board_id=board_id,
            now=now,
            months=months,
            sprint_ids=sprint_ids,
        )
        factory = IssueFactory(rng, project_key, discovery_share=habits.discovery_share)
        BoardStory(
            rng, habits, timeline, factory, now=now, issues_per_sprint=issues_per_sprint
        ).play()
        # Retro actions, epics and feedback: a stream of their own, so the sprints stay as they are.
        evidence_rng = random.Random(f"{seed}/{index}/evidence")
        extra = IssueFactory(evidence_rng, project_key, discovery_share=habits.discovery_share)
        evidence = TeamEvidence(
            evidence_rng, habits.level, name, extra, timeline, factory.issues, now=now
        )
        evidence.play()
        issues += extra.issues
        parents += extra.parents
        feedback += evidence.feedback
        boards.append(_board(board_id, name, project_key, index, timeline))
        org_teams.append(Team(name, [board_id], habits.level, habits.profile))
        sprints.update({sprint.id: sprint for sprint in timeline})
        issues += factory.issues
        parents += factory.parents
    numbered = number_issues(issues, parents)
    by_project: dict[str, list[Issue]] = {}
    for issue in numbered:
        by_project.setdefault(issue.project_key, []).append(issue)
    for index in range(teams):
        project = team_identity(index)[1]
        spread_discovery(by_project.get(project, []), habits_for_team(index).discovery_share)
    return Organisation(
        name=f"Simulated org (seed {seed})",
        now=now,
        teams=org_teams,
        boards=boards,
        sprints=sprints,
        issues=numbered,
        seed=seed,
        feedback=feedback,
    )


def generate_organisation_of_size(
    issues: int,
    seed: int = 7,
    *,
    now: datetime | None = None,
    months: int = 12,
    issues_per_sprint: int = 18,
) -> Organisation:
    """An organisation of roughly `issues` issues (within about 10%), for benchmarks.

    Adds teams rather than history, so per-team habits and sprint counts stay realistic.
    """
    per_team = ISSUES_PER_TEAM_MONTH * months * issues_per_sprint / 18
    teams = max(6, math.ceil(issues / per_team))
    return generate_organisation(
        seed, now=now, teams=teams, months=months, issues_per_sprint=issues_per_sprint
    )


def _board(board_id: int, name: str, project_key: str, index: int, timeline: list[Sprint]) -> Board:
    return Board(
        id=board_id,
        name=f"{name} board",
        project_key=project_key,
        columns=list(COLUMNS_WITH_EMPTY_TAIL if index % 4 == 3 else COLUMNS),
        sprint_ids=[sprint.id for sprint in timeline],
        filter_id=10000 + board_id,
    )
