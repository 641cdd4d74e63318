"""Hand-written cases, one per edge case of the sprint reconstruction (issue 4, JIRA.md), each
with the outcome every issue must get: (board, sprint, key) -> (outcome, points at start,
points at end). Each case is also checked against the simulator's independent sprint report,
and Jira's report (the simulator's, landed as the connector would) must agree issue by issue.

Sprint 1 of board 11 runs from T0 = day 0 09:00 to T1 = day 14 09:00 UTC unless told.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from benchmarks.raw_org import land_organisation
from simulator.model import Organisation
from simulator.scenarios import ScenarioBuilder, at
from tests.warehouse.sprint_support import (
    REVIEW_IS_DONE,
    build,
    empty_warehouse,
    outcomes,
    remapped_board_warehouse,
    table,
    truth,
)

T0, T1 = at(0, 9), at(14, 9)
CARRY = at(14, 9, second=1)  # Jira carries unfinished work over just after completion


@dataclass(frozen=True)
class Case:
    name: str
    organisation: Callable[[], Organisation]
    expected: dict
    deployment: str = "cloud"
    provisional_sprints: frozenset[int] = field(default_factory=frozenset)


def value_at_time() -> Organisation:
    b = ScenarioBuilder(now=at(20))
    s1 = b.sprint(b.board("PAY"), start=T0, complete=T1)
    # re-estimated and re-opened, done again by T1: start 3 (at T0), end 5
    b.issue("PAY", created=at(-3), estimate=3).add_sprint(at(-1), s1).estimate(at(2), 5).status(
        at(3), "In Progress"
    ).status(at(6), "Done").status(at(8), "In Progress").status(at(12), "Done")
    # done, then re-opened: only the status at T1 counts
    b.issue("PAY", created=at(-3), estimate=2).add_sprint(at(-1), s1).status(at(5), "Done").status(
        at(10), "In Progress"
    )
    # estimated late, mid-sprint: no points at the start
    b.issue("PAY", created=at(-3)).add_sprint(at(-1), s1).estimate(at(4), 8).status(at(9), "Done")
    # estimate cleared mid-sprint
    b.issue("PAY", created=at(-3), estimate=3).add_sprint(at(-1), s1).estimate(at(5), None)
    # re-estimated exactly at T0: the value at T0 includes changes at T0
    b.issue("PAY", created=at(-3), estimate=2).add_sprint(at(-1), s1).estimate(T0, 5)
    # done exactly at T1 counts as completed
    b.issue("PAY", created=at(-3), estimate=1).add_sprint(at(-1), s1).status(T1, "Done")
    return b.build()


def created_inside_sprint() -> Organisation:
    b = ScenarioBuilder(now=at(20))
    s1 = b.sprint(b.board("PAY"), start=T0, complete=T1)
    # created inside the running sprint: no changelog item says it entered
    b.issue("PAY", created=at(3), estimate=2, sprints=(s1,)).status(at(5), "Done")
    # created straight into the planned sprint before it started
    b.issue("PAY", created=at(-2), estimate=1, sprints=(s1,))
    # created exactly at T0 inside the sprint
    b.issue("PAY", created=T0, estimate=3, sprints=(s1,)).status(at(4), "Done")
    # created inside the sprint after it completed: not part of its report
    b.issue("PAY", created=at(15), sprints=(s1,))
    return b.build()


def carry_over() -> Organisation:
    b = ScenarioBuilder(now=at(30))
    pay = b.board("PAY")
    s1 = b.sprint(pay, start=T0, complete=T1)
    s2 = b.sprint(pay, start=at(14, 10), complete=at(28, 9))
    # carried over at completion (S1 stays in the field), finished in S2
    b.issue("PAY", created=at(-3), estimate=5).add_sprint(at(-1), s1).status(
        at(3), "In Progress"
    ).sprints(CARRY, s1, s2).status(at(20), "Done")
    # moved to S2 a second after completion, S1 dropped: still in S1 at T1, not removed
    b.issue("PAY", created=at(-3), estimate=2).add_sprint(at(-1), s1).sprints(CARRY, s2)
    # removed mid-sprint
    b.issue("PAY", created=at(-3), estimate=3).add_sprint(at(-1), s1).remove_sprint(at(4), s1)
    # removed exactly at T1: not in the sprint at T1
    b.issue("PAY", created=at(-3), estimate=1).add_sprint(at(-1), s1).remove_sprint(T1, s1)
    # removed, then added back: in at both ends
    b.issue("PAY", created=at(-3), estimate=2).add_sprint(at(-1), s1).remove_sprint(
        at(5), s1
    ).add_sprint(at(7), s1).status(at(12), "Done")
    return b.build()


def data_center_actual_start() -> Organisation:
    b = ScenarioBuilder(now=at(20))
    # planned for 09:00, started (activatedDate) at 11:00
    s1 = b.sprint(b.board("PAY"), start=at(0, 9), activated=at(0, 11), complete=T1)
    b.issue("PAY", created=at(-3), estimate=2).add_sprint(at(0, 10), s1)  # before the real start
    b.issue("PAY", created=at(-3), estimate=3).add_sprint(at(0, 12), s1)  # after it
    return b.build()


def shared_sprint() -> Organisation:
    b = ScenarioBuilder(now=at(20))
    pay = b.board("PAY")
    ops = b.board("OPS", columns=REVIEW_IS_DONE)  # In Review sits in OPS's Done column
    s1 = b.sprint(pay, start=T0, complete=T1)
    ops.sprint_ids.append(s1.id)  # OPS lists PAY's sprint too
    b.issue("PAY", created=at(-3), estimate=3).add_sprint(at(-1), s1).status(
        at(4), "In Review"
    )  # In Review at T1: done for OPS only
    b.issue("OPS", created=at(-3), estimate=2).add_sprint(at(-1), s1).status(at(5), "Done")
    return b.build()


def active_sprint() -> Organisation:
    b = ScenarioBuilder(now=at(5))
    s1 = b.sprint(b.board("PAY"), start=T0)  # active: T1 is the last sync (day 5)
    b.issue("PAY", created=at(-3), estimate=3).add_sprint(at(-1), s1).status(at(2), "In Progress")
    b.issue("PAY", created=at(-3), estimate=2).add_sprint(at(-1), s1).status(at(3), "Done")
    b.issue("PAY", created=at(-3), estimate=1).add_sprint(at(4), s1)
    return b.build()


def utc_offsets() -> Organisation:
    # Changelog timestamps carry +0530; a reader that ignores the offset sees these 5.5 hours
    # late: the first issue would look added after the start.
    b = ScenarioBuilder(now=at(20), time_zone="Asia/Kolkata")
    s1 = b.sprint(b.board("PAY"), start=T0, complete=T1)
    b.issue("PAY", created=at(-3), estimate=2).add_sprint(at(0, 8, 30), s1)
    b.issue("PAY", created=at(-3), estimate=3).add_sprint(at(-1), s1).status(at(14, 8, 40), "Done")
    b.issue("PAY", created=at(-3), estimate=1).add_sprint(at(0, 9, 20), s1)
    return b.build()


def subtasks_and_done_elsewhere() -> Organisation:
    b = ScenarioBuilder(now=at(20))
    s1 = b.sprint(b.board("PAY"), start=T0, complete=T1)
    story = b.issue("PAY", created=at(-3), estimate=5).add_sprint(at(-1), s1)
    b.issue("PAY", created=at(2), issue_type="Sub-task", parent=story, estimate=1).status(
        at(4), "Done"
    )  # listed, never counted
    b.issue("PAY", created=at(-10), estimate=3).status(at(-5), "Done").add_sprint(at(3), s1)
    return b.build()


CASES = [
    Case(
        "value-at-time replay of Sprint, estimate and status",
        value_at_time,
        {
            (11, 1, "PAY-1"): ("committed_completed", 3.0, 5.0),
            (11, 1, "PAY-2"): ("committed_not_completed", 2.0, 2.0),
            (11, 1, "PAY-3"): ("committed_completed", None, 8.0),
            (11, 1, "PAY-4"): ("committed_not_completed", 3.0, None),
            (11, 1, "PAY-5"): ("committed_not_completed", 5.0, 5.0),
            (11, 1, "PAY-6"): ("committed_completed", 1.0, 1.0),
        },
    ),
    Case(
        "issues created directly inside a sprint (no changelog item)",
        created_inside_sprint,
        {
            (11, 1, "PAY-1"): ("added_completed", 2.0, 2.0),
            (11, 1, "PAY-2"): ("committed_not_completed", 1.0, 1.0),
            (11, 1, "PAY-3"): ("committed_completed", 3.0, 3.0),
        },
    ),
    Case(
        "carry-over at completion is not a removal",
        carry_over,
        {
            (11, 1, "PAY-1"): ("committed_not_completed", 5.0, 5.0),
            (11, 2, "PAY-1"): ("committed_completed", 5.0, 5.0),
            (11, 1, "PAY-2"): ("committed_not_completed", 2.0, 2.0),
            (11, 2, "PAY-2"): ("committed_not_completed", 2.0, 2.0),
            (11, 1, "PAY-3"): ("committed_removed", 3.0, 3.0),
            (11, 1, "PAY-4"): ("committed_removed", 1.0, 1.0),
            (11, 1, "PAY-5"): ("committed_completed", 2.0, 2.0),
        },
    ),
    Case(
        "Data Center's actual start (activatedDate)",
        data_center_actual_start,
        {
            (11, 1, "PAY-1"): ("committed_not_completed", 2.0, 2.0),
            (11, 1, "PAY-2"): ("added_not_completed", 3.0, 3.0),
        },
        deployment="datacenter",
    ),
    Case(
        "a sprint shared by two boards, each with its own Done column",
        shared_sprint,
        {
            (11, 1, "PAY-1"): ("committed_not_completed", 3.0, 3.0),
            (12, 1, "PAY-1"): ("committed_completed", 3.0, 3.0),
            (11, 1, "OPS-1"): ("committed_completed", 2.0, 2.0),
            (12, 1, "OPS-1"): ("committed_completed", 2.0, 2.0),
        },
    ),
    Case(
        "an active sprint runs until the last sync, provisionally",
        active_sprint,
        {
            (11, 1, "PAY-1"): ("committed_not_completed", 3.0, 3.0),
            (11, 1, "PAY-2"): ("committed_completed", 2.0, 2.0),
            (11, 1, "PAY-3"): ("added_not_completed", 1.0, 1.0),
        },
        provisional_sprints=frozenset({1}),
    ),
    Case(
        "every timestamp in UTC (changelog offsets +0530)",
        utc_offsets,
        {
            (11, 1, "PAY-1"): ("committed_not_completed", 2.0, 2.0),
            (11, 1, "PAY-2"): ("committed_completed", 3.0, 3.0),
            (11, 1, "PAY-3"): ("added_not_completed", 1.0, 1.0),
        },
    ),
    Case(
        "sub-tasks listed, never counted; already done when added",
        subtasks_and_done_elsewhere,
        {
            (11, 1, "PAY-1"): ("committed_not_completed", 5.0, 5.0),
            (11, 1, "PAY-2"): ("added_completed", 1.0, 1.0),
            (11, 1, "PAY-3"): ("completed_in_another_sprint", 3.0, 3.0),
        },
    ),
]


@pytest.fixture(scope="module", params=CASES, ids=[c.name for c in CASES])
def case(request):
    case: Case = request.param
    org = case.organisation()
    con = empty_warehouse()
    land_organisation(con, org, deployment=case.deployment)
    build(con, org)
    yield case, org, con
    con.close()


def test_every_issue_gets_the_expected_outcome(case):
    case_, _, con = case
    assert outcomes(con) == case_.expected


def test_the_expectation_is_the_simulators_sprint_report(case):
    case_, org, _ = case
    assert truth(org) == case_.expected


def test_jiras_report_agrees_issue_by_issue_where_there_is_one(case):
    case_, _, con = case
    rows = table(
        con,
        "SELECT sprint_id, figures_source, is_reconciled, differing_issues, is_provisional"
        " FROM marts.fct_sprints",
    )
    for sprint_id, source, reconciled, differing, provisional in rows:
        if sprint_id in case_.provisional_sprints:
            assert (source, reconciled, differing, provisional) == (
                "reconstructed",
                None,
                None,
                True,
            )
        else:
            assert (source, reconciled, differing, provisional) == (
                "jira_sprint_report",
                True,
                0,
                False,
            )
    assert table(con, "SELECT * FROM marts.fct_sprint_reconciliation") == []


def test_committed_splits_into_its_three_fates(case):
    _, _, con = case
    rows = table(
        con,
        "SELECT s.board_id, s.sprint_id, s.committed_issues, s.committed_points,"
        " count(i.issue_id) FILTER (WHERE i.outcome LIKE 'committed_%'),"
        " coalesce(sum(coalesce(i.points_at_start, 0))"
        "   FILTER (WHERE i.outcome LIKE 'committed_%'), 0)"
        " FROM marts.fct_sprints s LEFT JOIN marts.fct_sprint_issues i"
        "   ON i.board_id = s.board_id AND i.sprint_id = s.sprint_id AND NOT i.is_subtask"
        " GROUP BY ALL",
    )
    for _, _, committed, points, summed, summed_points in rows:
        assert (committed, points) == (summed, pytest.approx(summed_points))


def test_subtasks_are_listed_but_never_counted():
    org = subtasks_and_done_elsewhere()
    con = empty_warehouse()
    land_organisation(con, org)
    build(con, org)
    assert table(con, "SELECT issue_key FROM marts.fct_sprint_issues WHERE is_subtask") == [
        ("PAY-2",)
    ]
    assert table(
        con,
        "SELECT committed_issues, added_issues, completed_issues,"
        " completed_in_another_sprint_issues FROM marts.fct_sprints",
    ) == [(1, 0, 0, 1)]


def test_a_board_configuration_is_read_as_it_was_at_completion():
    """Board 11 moves In Review into its Done column on day 20, between the two sprints."""
    org, con = remapped_board_warehouse()
    found = outcomes(con)
    assert found[(11, 1, "PAY-1")][0] == "committed_not_completed"  # old mapping at T1
    assert found[(11, 2, "PAY-2")][0] == "committed_completed"  # new mapping at T1
    used = dict(table(con, "SELECT sprint_id, board_config_valid_from FROM marts.fct_sprints"))
    assert used == {1: at(2).replace(tzinfo=None), 2: at(20).replace(tzinfo=None)}
    assert org.board(11).columns == REVIEW_IS_DONE
    # The evidence in the mart: both ended In Review (10002), Done only after the remap.
    evidence = table(
        con,
        "SELECT issue_key, status_at_entry, status_at_end FROM marts.fct_sprint_issues"
        " ORDER BY issue_key",
    )
    assert evidence == [("PAY-1", "10000", "10002"), ("PAY-2", "10000", "10002")]


def test_the_statuses_in_the_mart_explain_every_outcome(case):
    """completed iff the status at completion is Done on the board then; already done on
    entry iff completed_in_another_sprint; the Done column is the one read at completion."""
    _, _, con = case
    rows = table(
        con,
        "SELECT i.outcome, list_contains(c.done_status_ids, i.status_at_entry),"
        " list_contains(c.done_status_ids, i.status_at_end)"
        " FROM marts.fct_sprint_issues i"
        " JOIN marts.fct_sprints s USING (source_name, board_id, sprint_id)"
        " JOIN staging.jira_board_configs c ON c.source_name = s.source_name"
        "  AND c.board_id = s.board_id AND c.observed_at = s.board_config_valid_from",
    )
    assert rows
    for outcome, done_at_entry, done_at_end in rows:
        assert done_at_entry == (outcome == "completed_in_another_sprint"), rows
        if outcome in ("committed_completed", "added_completed"):
            assert done_at_end, rows
        if outcome in ("committed_not_completed", "added_not_completed"):
            assert not done_at_end, rows
