"""The sprint-report yardstick: hand-built cases for every outcome, and invariants at scale."""

from __future__ import annotations

from collections import Counter

import pytest

from simulator.generate import COLUMNS
from simulator.model import Organisation
from simulator.scenarios import ScenarioBuilder, at
from simulator.sprint_report import (
    OUTCOMES,
    Outcome,
    SprintReportUnavailable,
    issues_by_sprint,
    sprint_outcomes,
    sprint_report,
)

pytestmark = pytest.mark.filterwarnings("error")

T0, T1 = at(0, 9), at(14, 9)  # sprint 1 of board 11


def _scenario() -> Organisation:
    b = ScenarioBuilder(now=at(20))
    pay = b.board("PAY", team="Payments")
    s1 = b.sprint(pay, start=T0, complete=T1)
    s2 = b.sprint(pay, start=at(14, 10))
    b.sprint(pay)
    carry = at(14, 9, second=1)
    new = b.issue  # every issue below is created in PAY

    new("PAY", created=at(-3), estimate=3).add_sprint(at(-1), s1).status(at(5), "Done")  # 1
    new("PAY", created=at(-3), estimate=5).add_sprint(at(-1), s1).status(
        at(3), "In Progress"
    ).sprints(carry, s1, s2)  # 2: carried over, not removed
    new("PAY", created=at(-3), estimate=2).add_sprint(at(-1), s1).estimate(at(3), 3).remove_sprint(
        at(4), s1
    )  # 3: removed, valued when it left
    new("PAY", created=at(2), estimate=1, sprints=(s1,)).status(at(6), "Done")  # 4: born inside
    new("PAY", created=at(-5)).add_sprint(at(3), s1).remove_sprint(at(7), s1)  # 5
    new("PAY", created=at(-5), estimate=8).add_sprint(at(8), s1)  # 6
    new("PAY", created=at(-20)).status(at(-10), "Done").add_sprint(at(4), s1)  # 7
    new("PAY", created=at(-2), estimate=2).add_sprint(T0, s1)  # 8: joins exactly at T0
    new("PAY", created=at(-2), estimate=2).add_sprint(at(-1), s1).status(T1, "Done")  # 9
    new("PAY", created=at(-2)).add_sprint(T1, s1)  # 10: joins exactly at T1
    new("PAY", created=at(-2), estimate=1).add_sprint(at(-1), s1).remove_sprint(T1, s1)  # 11
    new("PAY", created=at(-2)).add_sprint(at(-1), s1).remove_sprint(at(-0.5), s1)  # 12: gone by T0
    new("PAY", created=at(-2)).add_sprint(at(15), s1)  # 13: joins the closed sprint after T1
    new("PAY", created=at(-2), estimate=2).add_sprint(at(-1), s1).estimate(T0, 5)  # 14
    new("PAY", created=at(-2), estimate=3).add_sprint(at(-1), s1).status(at(5), "Done").status(
        at(8), "In Progress"
    )  # 15: re-opened
    parent = new("PAY", created=at(-3), estimate=5).add_sprint(at(-1), s1)  # 16
    new("PAY", created=at(1), issue_type="Sub-task", parent=parent, estimate=2).status(
        at(4), "Done"
    )  # 17: sub-task, added with its parent's sprints
    new("PAY", created=at(-2), status="Done").add_sprint(at(-1), s1)  # 18: done at T0
    new("PAY", created=T0, sprints=(s1,), estimate=1)  # 19: born exactly at T0
    new("PAY", created=at(-2), is_deleted=True).add_sprint(at(-1), s1)  # 20: deleted
    return b.build()


@pytest.fixture(scope="module")
def scenario() -> Organisation:
    return _scenario()


EXPECTED_SPRINT_1 = {
    "PAY-1": ("committed_completed", 3.0, 3.0),
    "PAY-2": ("committed_not_completed", 5.0, 5.0),
    "PAY-3": ("committed_removed", 2.0, 3.0),
    "PAY-4": ("added_completed", 1.0, 1.0),
    "PAY-5": ("added_removed", None, None),
    "PAY-6": ("added_not_completed", 8.0, 8.0),
    "PAY-7": ("completed_in_another_sprint", None, None),
    "PAY-8": ("committed_not_completed", 2.0, 2.0),
    "PAY-9": ("committed_completed", 2.0, 2.0),
    "PAY-10": ("added_not_completed", None, None),
    "PAY-11": ("committed_removed", 1.0, 1.0),
    "PAY-14": ("committed_not_completed", 5.0, 5.0),
    "PAY-15": ("committed_not_completed", 3.0, 3.0),
    "PAY-16": ("committed_not_completed", 5.0, 5.0),
    "PAY-17": ("added_completed", 2.0, 2.0),
    "PAY-18": ("completed_in_another_sprint", None, None),
    "PAY-19": ("committed_not_completed", 1.0, 1.0),
}


def test_every_hand_built_case_gets_the_expected_outcome(scenario: Organisation) -> None:
    found = {
        key: (o.outcome, o.points_at_start, o.points_at_end)
        for key, o in sprint_outcomes(scenario, 11, 1).items()
    }
    assert found == EXPECTED_SPRINT_1
    assert sprint_outcomes(scenario, 11, 1)["PAY-17"].is_subtask


def test_the_active_sprint_runs_until_now(scenario: Organisation) -> None:
    outcomes = sprint_outcomes(scenario, 11, 2)
    assert outcomes == {"PAY-2": Outcome("committed_not_completed", 5.0, 5.0, False)}


def test_future_and_unlisted_sprints_have_no_report(scenario: Organisation) -> None:
    with pytest.raises(SprintReportUnavailable):
        sprint_outcomes(scenario, 11, 3)
    with pytest.raises(SprintReportUnavailable):
        sprint_report(scenario, 11, 99)


def test_greenhopper_body_lists_and_sums(scenario: Organisation) -> None:
    report = sprint_report(scenario, 11, 1)
    contents = report["contents"]

    def keys(name: str) -> set[str]:
        return {issue["key"] for issue in contents[name]}

    assert keys("completedIssues") == {"PAY-1", "PAY-4", "PAY-9"}
    assert keys("issuesNotCompletedInCurrentSprint") == {
        "PAY-2",
        "PAY-6",
        "PAY-8",
        "PAY-10",
        "PAY-14",
        "PAY-15",
        "PAY-16",
        "PAY-19",
    }
    assert keys("puntedIssues") == {"PAY-3", "PAY-5", "PAY-11"}
    assert keys("issuesCompletedInAnotherSprint") == {"PAY-7", "PAY-18"}
    assert contents["issueKeysAddedDuringSprint"] == {
        "PAY-4": True,
        "PAY-5": True,
        "PAY-6": True,
        "PAY-10": True,
    }
    assert contents["completedIssuesInitialEstimateSum"] == {"value": 6.0}
    assert contents["issuesNotCompletedEstimateSum"] == {"value": 29.0}
    assert contents["allIssuesEstimateSum"] == {"value": 35.0}
    assert contents["puntedIssuesInitialEstimateSum"] == {"value": 3.0}
    assert contents["puntedIssuesEstimateSum"] == {"value": 4.0}
    pay3 = next(i for i in contents["puntedIssues"] if i["key"] == "PAY-3")
    assert pay3["estimateStatistic"] == {
        "statFieldId": "customfield_10016",
        "statFieldValue": {"value": 2.0},
    }
    assert pay3["currentEstimateStatistic"]["statFieldValue"] == {"value": 3.0}
    pay10 = next(i for i in contents["issuesNotCompletedInCurrentSprint"] if i["key"] == "PAY-10")
    assert pay10["estimateStatistic"]["statFieldValue"] == {}
    assert (pay10["typeName"], pay10["statusName"], pay10["done"]) == ("Story", "To Do", False)
    assert report["sprint"]["state"] == "CLOSED"
    assert report["sprint"]["isoStartDate"] == "2024-01-01T10:00:00+0100"  # Europe/Berlin


def test_done_means_the_last_board_column_that_has_statuses() -> None:
    b = ScenarioBuilder(now=at(20))
    board = b.board("OPS", columns=[*COLUMNS[:2], ("Review + Done", ("10002", "10003")), ("X", ())])
    sprint = b.sprint(board, start=T0, complete=T1)
    b.issue("OPS", created=at(-2), estimate=1).add_sprint(at(-1), sprint).status(at(2), "In Review")
    outcomes = sprint_outcomes(b.build(), board.id, sprint.id)
    assert outcomes["OPS-1"].outcome == "committed_completed"


def test_changes_must_be_written_in_order() -> None:
    b = ScenarioBuilder(now=at(20))
    issue = b.issue("PAY", created=at(0)).status(at(5), "In Progress")
    with pytest.raises(ValueError, match="precede"):
        issue.status(at(4), "Done")


def test_invariants_over_a_generated_organisation(org: Organisation) -> None:
    candidates = issues_by_sprint(org.issues)
    for board in org.boards:
        for sprint_id in board.sprint_ids[:-1]:
            narrowed = sprint_outcomes(org, board.id, sprint_id, issues=candidates[sprint_id])
            counts = Counter(o.outcome for o in narrowed.values() if not o.is_subtask)
            assert set(counts) <= set(OUTCOMES)
            report = sprint_report(org, board.id, sprint_id, issues=candidates[sprint_id])
            contents = report["contents"]
            listed = [
                issue["key"]
                for name in (
                    "completedIssues",
                    "issuesNotCompletedInCurrentSprint",
                    "puntedIssues",
                    "issuesCompletedInAnotherSprint",
                )
                for issue in contents[name]
            ]
            assert len(listed) == len(set(listed)) == sum(counts.values())
            committed = sum(n for outcome, n in counts.items() if outcome.startswith("committed"))
            assert committed == (
                counts["committed_completed"]
                + counts["committed_not_completed"]
                + counts["committed_removed"]
            )
            assert committed > 0
            added = {k for k, o in narrowed.items() if o.outcome.startswith("added_")}
            assert set(contents["issueKeysAddedDuringSprint"]) == {
                k for k in added if not narrowed[k].is_subtask
            }


def test_narrowed_candidates_give_the_same_outcomes_as_a_full_scan(org: Organisation) -> None:
    candidates = issues_by_sprint(org.issues)
    board = org.boards[0]
    for sprint_id in board.sprint_ids[-4:-1]:
        full = sprint_outcomes(org, board.id, sprint_id)
        assert full == sprint_outcomes(org, board.id, sprint_id, issues=candidates[sprint_id])
