"""The emulator's JQL subset: what it accepts, how it orders, and what it refuses."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from simulator.jira_emulator.jql import JqlError, parse_jql
from simulator.scenarios import ScenarioBuilder, at

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture(scope="module")
def issues():
    b = ScenarioBuilder(now=at(30))
    for project, day in [("PAY", 3), ("PAY", 1), ("SRCH", 1), ("PAY", 1), ("PAY", 2)]:
        b.issue(project, created=at(day, 10))
    for _ in range(6):  # PAY-5 .. PAY-10 at one instant: keys order numerically
        b.issue("PAY", created=at(5))
    b.issue("PAY", created=at(6)).status(at(20, 12), "In Progress")  # PAY-11
    return b.build().issues


def keys(jql: str, issues, zone: str = "Europe/Berlin") -> list[str]:
    query = parse_jql(jql, zone)
    return [issue.key for issue in query.sorted([i for i in issues if query.matches(i)])]


def test_project_conditions_and_ordering(issues) -> None:
    assert keys("project = SRCH ORDER BY created ASC", issues) == ["SRCH-1"]
    assert keys('PROJECT in (pay, "SRCH") order by CREATED asc, KEY asc', issues) == [
        "PAY-2",
        "PAY-3",
        "SRCH-1",
        "PAY-4",
        "PAY-1",
        "PAY-5",
        "PAY-6",
        "PAY-7",
        "PAY-8",
        "PAY-9",
        "PAY-10",
        "PAY-11",
    ]
    assert keys("project = PAY ORDER BY key DESC", issues)[:3] == ["PAY-11", "PAY-10", "PAY-9"]


def test_dates_are_read_in_the_account_time_zone(issues) -> None:
    # PAY-11 last changed at 12:00 UTC = 13:00 in Berlin (winter time).
    assert keys('project = PAY AND updated >= "2024-01-21 13:00"', issues) == ["PAY-11"]
    assert keys('project = PAY AND updated >= "2024/01/21 13:01"', issues) == []
    assert keys('project = PAY AND updated >= "2024-01-21 13:00"', issues, "UTC") == []
    assert keys("project = PAY AND created < 2024-01-03", issues) == ["PAY-2", "PAY-3"]
    window = 'created >= "2024-01-02 11:00" AND created < "2024-01-04" ORDER BY key'
    assert keys(window, issues) == ["PAY-2", "PAY-3", "PAY-4", "SRCH-1"]


def test_issue_keys_and_ids(issues) -> None:
    assert keys("issuekey in (PAY-3, SRCH-1) ORDER BY key", issues) == ["PAY-3", "SRCH-1"]
    assert keys(f"key = {issues[0].id}", issues) == ["PAY-1"]


def test_issue_types_parents_and_groups(issues) -> None:
    """What a launch-checklist sync asks: launches of a type, then their sub-tasks."""
    launch, task = issues[0], issues[1]
    types = {i.key: i.issue_type for i in issues}
    launch.issue_type, task.parent_key = "Launch", launch.key
    try:
        assert keys(
            'issuetype = "launch" AND (project in (PAY) AND created >= 2024-01-01)', issues
        ) == [launch.key]
        assert keys(f"parent in ({launch.key}, PAY-99)", issues) == [task.key]
        assert keys("type in (Story, Launch) AND project = SRCH", issues) == (
            ["SRCH-1"] if types["SRCH-1"] == "Story" else []
        )
    finally:
        launch.issue_type, task.parent_key = types[launch.key], None


@pytest.mark.parametrize(
    "jql",
    [
        "assignee = currentUser()",
        "project = PAY OR project = SRCH",
        "updated >= -1d",
        "project in (PAY",
        "project = PAY ORDER BY priority",
        "project = PAY ORDER created",
        "project",
        "(project = PAY",
    ],
)
def test_unsupported_jql_is_refused(jql: str) -> None:
    with pytest.raises(JqlError):
        parse_jql(jql, "UTC")


def test_a_query_without_conditions_is_unbounded() -> None:
    assert not parse_jql("ORDER BY created", "UTC").is_bounded
    assert parse_jql("project = PAY", "UTC").is_bounded
    assert parse_jql("", "UTC").conditions == ()


def test_bare_dates_are_midnight_local() -> None:
    query = parse_jql("created >= 2024-07-01", "Europe/Berlin")
    b = ScenarioBuilder(now=at(300))
    before = b.issue("PAY", created=datetime(2024, 6, 30, 21, 59, tzinfo=UTC)).issue
    after = b.issue("PAY", created=datetime(2024, 6, 30, 22, 0, tzinfo=UTC)).issue
    assert (query.matches(before), query.matches(after)) == (False, True)
