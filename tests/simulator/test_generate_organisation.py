"""The generator: deterministic, structurally sound, realistic histories, and scalable."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest

from simulator.generate import generate_organisation, generate_organisation_of_size
from simulator.issue_factory import FIBONACCI_POINTS
from simulator.model import SPRINT, STATUS, Organisation
from simulator.sprint_report import OUTCOMES, issues_by_sprint, sprint_outcomes

pytestmark = pytest.mark.filterwarnings("error")


def test_same_seed_same_organisation_and_different_seed_differs(
    org: Organisation, now: datetime
) -> None:
    assert generate_organisation(7, now=now) == org
    assert generate_organisation(8, now=now) != org


def test_now_defaults_to_today_at_midnight_utc() -> None:
    org = generate_organisation(teams=1, months=2)
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    assert org.now in (today, today - timedelta(days=1))  # tolerate a run across midnight
    assert max(issue.updated_at for issue in org.issues) <= org.now


def test_teams_boards_and_levels(org: Organisation, now: datetime) -> None:
    assert [team.name for team in org.teams] == [
        "Payments",
        "Search",
        "Onboarding",
        "Billing",
        "Mobile",
        "Platform",
    ]
    assert [team.true_level for team in org.teams] == [1, 2, 3, 4, 5, 3]
    assert [board.id for board in org.boards] == [11, 12, 13, 14, 15, 16]
    assert [board.project_key for board in org.boards][:2] == ["PAY", "SRCH"]
    assert [team.board_ids for team in org.teams] == [[board.id] for board in org.boards]
    more = generate_organisation(7, now=now, teams=8, months=2)
    assert [(t.name, t.true_level) for t in more.teams][6:] == [("Team 7", 1), ("Team 8", 2)]


def test_each_board_has_closed_then_one_active_then_one_future_sprint(org: Organisation) -> None:
    for board in org.boards:
        sprints = [org.sprints[sprint_id] for sprint_id in board.sprint_ids]
        assert [s.state for s in sprints] == ["closed"] * (len(sprints) - 2) + ["active", "future"]
        closed, active, future = sprints[:-2], sprints[-2], sprints[-1]
        assert len(closed) >= 12
        assert all(s.actual_start_at < s.complete_at < org.now for s in closed)
        assert all(a.complete_at <= b.actual_start_at for a, b in pairwise(closed))
        assert closed[-1].complete_at < active.actual_start_at < org.now
        assert active.complete_at is None
        assert future.start_at is None and future.complete_at is None


def test_histories_are_chronological_consistent_and_millisecond_exact(org: Organisation) -> None:
    for issue in org.issues:
        values = {SPRINT: issue.initial_sprints, STATUS: issue.initial_status}
        previous = issue.created_at
        assert issue.created_at.microsecond % 1000 == 0
        for change in issue.changes:
            assert previous <= change.at <= org.now, issue.key
            assert change.at.microsecond % 1000 == 0
            if change.field in values:
                assert change.before == values[change.field], issue.key
                values[change.field] = change.after
            if change.field == "estimate":
                assert change.after in FIBONACCI_POINTS
            previous = change.at


def test_ids_and_keys_follow_creation_order(org: Organisation) -> None:
    assert [i.id for i in org.issues] == sorted(i.id for i in org.issues)
    assert all(a.created_at <= b.created_at for a, b in pairwise(org.issues))
    numbers = [int(i.key.split("-")[1]) for i in org.issues if i.project_key == "PAY"]
    assert numbers == list(range(1, len(numbers) + 1))


def test_subtasks_keep_their_parents_sprints_at_creation(org: Organisation) -> None:
    by_key = {issue.key: issue for issue in org.issues}
    subtasks = [issue for issue in org.issues if issue.is_subtask]
    assert len(subtasks) > 500
    for subtask in subtasks:
        parent = by_key[subtask.parent_key]
        assert subtask.initial_sprints == parent.value_at(SPRINT, subtask.created_at)
        assert not any(change.field == SPRINT for change in subtask.changes)
    assert any(subtask.initial_sprints for subtask in subtasks)


def test_every_sprint_report_outcome_occurs(org: Organisation) -> None:
    candidates = issues_by_sprint(org.issues)
    kinds = {
        outcome.outcome
        for board in org.boards
        for sprint_id in board.sprint_ids[:-1]
        for outcome in sprint_outcomes(
            org, board.id, sprint_id, issues=candidates[sprint_id]
        ).values()
    }
    assert kinds == set(OUTCOMES)


def test_histories_hold_the_tricky_cases(org: Organisation) -> None:
    starts = {s.actual_start_at: s.id for s in org.sprints.values() if s.actual_start_at}
    ends = {s.complete_at for s in org.sprints.values() if s.complete_at}
    changes = [change for issue in org.issues for change in issue.changes]
    sprint_changes = [c for c in changes if c.field == SPRINT]
    status_changes = [c for c in changes if c.field == STATUS]
    # moved into a sprint exactly at its start; finished exactly at a completion
    assert any(c.at in starts and starts[c.at] in c.after for c in sprint_changes)
    assert any(c.at in ends and c.after == "10003" for c in status_changes)
    # carried over one second after completion, the closed sprint staying in the field
    carry_overs = [c for c in sprint_changes if c.at - timedelta(seconds=1) in ends]
    assert len(carry_overs) > 100
    assert all(c.after[:-1] == c.before for c in carry_overs)
    # re-opened; created right inside a running sprint
    assert any(c.before == "10003" and c.after == "10001" for c in status_changes)
    assert any(
        not issue.is_subtask
        and issue.initial_sprints
        and issue.created_at > org.sprints[issue.initial_sprints[0]].actual_start_at
        for issue in org.issues
    )
    assert any(issue.is_deleted for issue in org.issues)


def test_forty_teams_reach_fifty_thousand_issues(now: datetime) -> None:
    big = generate_organisation(7, now=now, teams=40)
    assert len(big.issues) >= 50_000
    assert {team.true_level for team in big.teams} == {1, 2, 3, 4, 5}


def test_organisation_of_size_lands_near_the_requested_count(now: datetime) -> None:
    sized = generate_organisation_of_size(20_000, now=now, months=6)
    assert 17_000 <= len(sized.issues) <= 24_000
