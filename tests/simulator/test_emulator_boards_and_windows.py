"""Data Center's result window, boards sharing a sprint, and boards remapped between syncs."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
import requests
from jira import JIRA, JIRAError

from simulator.generate import COLUMNS
from simulator.jira_emulator import JiraEmulator
from simulator.scenarios import ScenarioBuilder, at

pytestmark = pytest.mark.filterwarnings("error")

AGILE = "{server}/rest/agile/1.0/{path}"
GREENHOPPER = "{server}/rest/greenhopper/1.0/{path}"
REVIEW_IS_DONE = [("To Do", ("10000",)), ("In Progress", ("10001",)), ("Done", ("10002", "10003"))]


@pytest.fixture(scope="module")
def datacenter() -> Iterator[JiraEmulator]:
    """120 PAY issues, one every 6 hours from 1 January 2024, behind a window of 50."""
    b = ScenarioBuilder(now=at(40))
    b.board("PAY")
    for n in range(120):
        b.issue("PAY", created=at(0, 6 * n))
    with JiraEmulator(
        b.build(), deployment="datacenter", token="pat", search_page_size=20, max_result_window=50
    ) as jira:
        yield jira


def classic_search(jira: JiraEmulator, jql: str, **params) -> requests.Response:
    query = {"jql": jql, "fields": "created", **params}
    headers = {"Authorization": f"Bearer {jira.token}"}
    return requests.get(f"{jira.url}/rest/api/2/search", params=query, headers=headers, timeout=5)


def test_max_results_zero_answers_the_total_alone(datacenter) -> None:
    body = classic_search(datacenter, "project = PAY", maxResults=0).json()
    assert (body["total"], body["issues"], body["maxResults"]) == (120, [], 0)


def test_paging_past_the_result_window_is_refused_like_jira_dc(datacenter) -> None:
    assert len(classic_search(datacenter, "project = PAY", startAt=30).json()["issues"]) == 20
    refused = classic_search(datacenter, "project = PAY", startAt=40, maxResults=20)
    assert refused.status_code == 500
    assert refused.json()["message"].startswith(
        "Search limit exceeded. We couldn't complete your search because it requests 60 results "
        "which exceeded the search platform limit of 50."
    )
    client = JIRA(server=datacenter.url, token_auth=datacenter.token, max_retries=0)
    with pytest.raises(JIRAError) as raised:
        client._get_json("search", params={"jql": "project = PAY", "startAt": 50})
    assert raised.value.status_code == 500
    client.close()


def test_created_windows_in_the_account_time_zone_cover_everything_once(datacenter) -> None:
    newest = classic_search(datacenter, "project = PAY ORDER BY created DESC", maxResults=1)
    assert newest.json()["issues"][0]["key"] == "PAY-120"
    # Berlin is UTC+1 in January: the windows are local minutes, as a connector writes them.
    bounds = ["2024-01-01 00:00", "2024-01-08 13:00", "2024-01-16 01:00", "2024-01-23 01:00"]
    bounds.append("2024-02-01 00:00")
    keys: list[str] = []
    for start, end in itertools.pairwise(bounds):
        jql = f'project = PAY AND created >= "{start}" AND created < "{end}" ORDER BY created'
        total = classic_search(datacenter, jql, maxResults=0).json()["total"]
        assert total <= 50  # each window fits the result window
        for start_at in range(0, total, 20):
            page = classic_search(datacenter, jql, startAt=start_at).json()["issues"]
            keys += [issue["key"] for issue in page]
    assert keys == [f"PAY-{n}" for n in range(1, 121)]


def _two_boards_one_sprint():
    b = ScenarioBuilder(now=at(20))
    pay = b.board("PAY", team="Payments")
    web = b.board("WEB", team="Web", columns=REVIEW_IS_DONE)
    first = b.sprint(pay, start=at(0, 9), complete=at(14, 9))
    second = b.sprint(pay, start=at(14, 10))
    b.sprint(web, start=at(1), complete=at(13))  # WEB's own sprint, id 3
    b.share_sprint(first, web)
    b.issue("PAY", created=at(-2), estimate=3).add_sprint(at(-1), first).status(
        at(5), "In Review"
    )  # PAY-1: in review when the shared sprint closed
    b.issue("PAY", created=at(-2), estimate=5).add_sprint(at(-1), first).status(at(6), "Done")
    b.issue("PAY", created=at(13), estimate=2).add_sprint(at(13), second).status(
        at(15), "In Review"
    )  # PAY-3: in review in the active sprint
    return b.build()


def _completed(client: JIRA, board_id: int, sprint_id: int) -> list[str]:
    report = client._get_json(
        "rapid/charts/sprintreport",
        params={"rapidViewId": board_id, "sprintId": sprint_id},
        base=GREENHOPPER,
    )
    return sorted(issue["key"] for issue in report["contents"]["completedIssues"])


@pytest.fixture
def shared() -> Iterator[tuple[JiraEmulator, JIRA]]:
    with JiraEmulator(_two_boards_one_sprint()) as jira:
        client = JIRA(server=jira.url, basic_auth=(jira.email, jira.token), max_retries=0)
        yield jira, client
        client.close()


def test_a_shared_sprint_is_listed_on_both_boards_with_its_origin(shared) -> None:
    _, client = shared
    web = client._get_json("board/12/sprint", base=AGILE)["values"]
    assert [(s["id"], s["originBoardId"]) for s in web] == [(1, 11), (3, 12)]
    pay = client._get_json("board/11/sprint", base=AGILE)["values"]
    assert [s["id"] for s in pay] == [1, 2]
    # Each board judges "done" by its own Done column.
    assert _completed(client, 11, 1) == ["PAY-2"]
    assert _completed(client, 12, 1) == ["PAY-1", "PAY-2"]


def test_remapped_columns_are_served_at_once_and_dated_for_reports(shared) -> None:
    jira, client = shared
    before = client._get_json("board/11/configuration", base=AGILE)["columnConfig"]["columns"]
    assert [s["id"] for s in before[-1]["statuses"]] == ["10003"]
    jira.set_board_columns(11, REVIEW_IS_DONE)  # from "now" (day 20) on
    after = client._get_json("board/11/configuration", base=AGILE)["columnConfig"]["columns"]
    assert [c["name"] for c in after] == ["To Do", "In Progress", "Done"]
    assert [s["id"] for s in after[-1]["statuses"]] == ["10002", "10003"]
    assert _completed(client, 11, 1) == ["PAY-2"]  # closed before the change: old mapping
    assert _completed(client, 11, 2) == ["PAY-3"]  # active: judged now, new mapping
    jira.set_board_columns(11, list(COLUMNS), at=at(25))
    with pytest.raises(ValueError, match="chronological"):
        jira.set_board_columns(11, REVIEW_IS_DONE, at=at(21))


def test_a_back_dated_remapping_applies_to_sprints_completed_after_it() -> None:
    org = _two_boards_one_sprint()
    board = org.board(11)
    board.reconfigure(at(10), REVIEW_IS_DONE)
    assert board.columns_at(at(9)) == list(COLUMNS)
    assert board.done_status_ids_at(at(14, 9)) == ("10002", "10003")
    with JiraEmulator(org) as jira:
        client = JIRA(server=jira.url, basic_auth=(jira.email, jira.token), max_retries=0)
        assert _completed(client, 11, 1) == ["PAY-1", "PAY-2"]
        client.close()
