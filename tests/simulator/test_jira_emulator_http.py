"""The emulator over HTTP, read by the real pycontribs `jira` client (Cloud mode)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from jira import JIRA, JIRAError

from simulator.jira_emulator import JiraEmulator
from simulator.model import ESTIMATE, SPRINT, STATUS, Organisation
from simulator.scenarios import ScenarioBuilder, at
from simulator.sprint_report import sprint_report

pytestmark = pytest.mark.filterwarnings("error")

AGILE = "{server}/rest/agile/1.0/{path}"
GREENHOPPER = "{server}/rest/greenhopper/1.0/{path}"
FIELDS = [
    "summary",
    "status",
    "issuetype",
    "created",
    "updated",
    "parent",
    "labels",
    "customfield_10020",
    "customfield_10016",
    "resolutiondate",
    "project",
]
ORDERED_PAY = "project = PAY ORDER BY created ASC, key ASC"


def search_all(client: JIRA, jql: str, *, page: int = 100, fields=FIELDS) -> tuple[list, int]:
    """Every issue of a search/jql query, following nextPageToken; (issues, pages)."""
    issues, token, pages = [], None, 0
    while True:
        body = client.enhanced_search_issues(
            jql, nextPageToken=token, maxResults=page, fields=fields, json_result=True
        )
        issues += body["issues"]
        pages += 1
        assert "total" not in body and "startAt" not in body
        if body["isLast"]:
            assert "nextPageToken" not in body
            return issues, pages
        token = body["nextPageToken"]


def post(client: JIRA, path: str, body: dict):
    return client._session.post(f"{client.server_url}{path}", data=json.dumps(body))


def test_server_info_myself_and_fields(client: JIRA, org: Organisation) -> None:
    info = client.server_info()
    assert info["deploymentType"] == "Cloud" and info["versionNumbers"][0] == 1001
    assert client.myself()["timeZone"] == org.time_zone
    fields = {field["id"]: field for field in client.fields()}
    assert fields["customfield_10020"]["schema"] == {
        "type": "array",
        "items": "json",
        "custom": "com.pyxis.greenhopper.jira:gh-sprint",
        "customId": 10020,
    }
    assert fields["customfield_10016"]["name"] == "Story point estimate"
    assert {"summary", "status", "parent", "resolutiondate", "customfield_10019"} <= set(fields)


def test_search_pages_to_the_end_in_created_then_key_order(client: JIRA, org: Organisation) -> None:
    issues, pages = search_all(client, ORDERED_PAY, page=500)  # capped at 100 a page
    truth = sorted(
        (i for i in org.issues if i.project_key == "PAY" and not i.is_deleted),
        key=lambda i: (i.created_at, int(i.key.split("-")[1])),
    )
    assert [i["key"] for i in issues] == [i.key for i in truth]
    assert pages == -(-len(truth) // 100)
    assert {type(i["id"]) for i in issues} == {str}


def test_issue_fields_mirror_the_truth(client: JIRA, org: Organisation) -> None:
    issues, _ = search_all(client, ORDERED_PAY)
    by_key = {issue.key: issue for issue in org.issues}
    for rendered in issues:
        truth = by_key[rendered["key"]]
        fields = rendered["fields"]
        assert set(fields) == set(FIELDS)
        sprints = fields["customfield_10020"] or []
        assert tuple(s["id"] for s in sprints) == truth.current(SPRINT)
        assert fields["customfield_10016"] == truth.current(ESTIMATE)
        assert fields["status"]["id"] == truth.current(STATUS)
        assert datetime.fromisoformat(fields["created"]) == truth.created_at
        assert datetime.fromisoformat(fields["updated"]) == truth.updated_at
        assert (fields["parent"] or {}).get("key") == truth.parent_key
        assert fields["issuetype"]["subtask"] == truth.is_subtask
    offsets = {i["fields"]["created"][-5:] for i in issues}
    assert offsets == {"+0100", "+0200"}  # Berlin winter and summer time


def test_only_requested_fields_come_back(client: JIRA) -> None:
    body = client.enhanced_search_issues(
        ORDERED_PAY, maxResults=3, fields=["summary"], json_result=True
    )
    assert [set(i) for i in body["issues"]] == [{"expand", "id", "self", "key", "fields"}] * 3
    assert [set(i["fields"]) for i in body["issues"]] == [{"summary"}] * 3


def test_updated_since_a_watermark_in_the_account_time_zone(client: JIRA, org: Organisation):
    since_local = "2025-05-20 10:00"  # Berlin summer time: 08:00 UTC
    issues, _ = search_all(client, f'project = PAY AND updated >= "{since_local}"')
    cutoff = datetime(2025, 5, 20, 8, 0, tzinfo=UTC)
    recent = [i for i in org.issues if i.project_key == "PAY" and i.updated_at >= cutoff]
    expected = {i.key for i in recent if not i.is_deleted}
    assert len(expected) < len(recent)  # deleted issues are never returned
    assert {i["key"] for i in issues} == expected and expected


@pytest.mark.parametrize(
    ("jql", "fields", "message"),
    [
        (ORDERED_PAY, ["*all"], "*all"),
        ("project = PAY OR project = SRCH", ["summary"], "Unsupported"),
        ("ORDER BY created", ["summary"], "Unbounded"),
    ],
)
def test_bad_searches_answer_400(client: JIRA, jql: str, fields: list, message: str) -> None:
    with pytest.raises(JIRAError) as raised:
        client.enhanced_search_issues(jql, maxResults=5, fields=fields, json_result=True)
    assert raised.value.status_code == 400 and message in raised.value.text


def test_a_page_token_belongs_to_its_query(client: JIRA) -> None:
    first = client.enhanced_search_issues(
        ORDERED_PAY, maxResults=5, fields=["summary"], json_result=True
    )
    with pytest.raises(JIRAError) as raised:
        client.enhanced_search_issues(
            "project = SRCH",
            nextPageToken=first["nextPageToken"],
            fields=["summary"],
            json_result=True,
        )
    assert raised.value.status_code == 400


def test_post_search_matches_get(client: JIRA) -> None:
    got = client.enhanced_search_issues(ORDERED_PAY, maxResults=7, fields=FIELDS, json_result=True)
    posted = post(
        client, "/rest/api/3/search/jql", {"jql": ORDERED_PAY, "maxResults": 7, "fields": FIELDS}
    ).json()
    # Tokens are opaque and each served page issues its own.
    assert posted.pop("nextPageToken") and got.pop("nextPageToken")
    assert posted == got


@pytest.mark.parametrize("version", ["2", "3"])
def test_the_old_search_is_gone(client: JIRA, version: str) -> None:
    with pytest.raises(JIRAError) as raised:
        client._get_json(
            "search", params={"jql": ORDERED_PAY}, base=f"{{server}}/rest/api/{version}/{{path}}"
        )
    assert raised.value.status_code == 410


def test_bad_credentials_are_refused(emulator: JiraEmulator) -> None:
    with pytest.raises(JIRAError) as raised:
        JIRA(server=emulator.url, basic_auth=(emulator.email, "wrong"), max_retries=0)
    assert raised.value.status_code == 401
    assert "errorMessages" in raised.value.response.json()


def test_unknown_paths_answer_404(client: JIRA) -> None:
    with pytest.raises(JIRAError) as raised:
        client._get_json("nowhere")
    assert raised.value.status_code == 404


def _changelog_pages(client: JIRA, key: str, page: int) -> list[dict]:
    histories, start = [], 0
    while True:
        body = client._get_json(
            f"issue/{key}/changelog", params={"startAt": start, "maxResults": page}
        )
        histories += body["values"]
        if body["isLast"]:
            return histories
        start += len(body["values"])


def test_bulkfetch_pages_every_history_and_filters_fields(client: JIRA, org: Organisation) -> None:
    keys = [i.key for i in org.issues if i.project_key == "SRCH" and i.changes][:40]
    collected: dict[str, list] = {}
    token, pages = None, 0
    while True:
        body = {"issueIdsOrKeys": keys, "maxResults": 25}
        if token:
            body["nextPageToken"] = token
        page = post(client, "/rest/api/3/changelog/bulkfetch", body).json()
        pages += 1
        for log in page["issueChangeLogs"]:
            collected.setdefault(log["issueId"], []).extend(log["changeHistories"])
        token = page.get("nextPageToken")
        if token is None:
            break
    assert pages > 1
    ids = {i.key: str(i.id) for i in org.issues}
    for key in keys[:10]:
        assert collected[ids[key]] == _changelog_pages(client, key, page=3)
    filtered = post(
        client, "/rest/api/3/changelog/bulkfetch", {"issueIdsOrKeys": keys, "fieldIds": ["status"]}
    ).json()
    items = [
        i for log in filtered["issueChangeLogs"] for h in log["changeHistories"] for i in h["items"]
    ]
    assert items and {item["fieldId"] for item in items} == {"status"}


@pytest.mark.parametrize(
    "body",
    [
        {"issueIdsOrKeys": ["PAY-1"] * 1001},
        {"issueIdsOrKeys": []},
        {"issueIdsOrKeys": ["PAY-1"], "fieldIds": [f"customfield_{n}" for n in range(11)]},
    ],
)
def test_bulkfetch_limits(client: JIRA, body: dict) -> None:
    with pytest.raises(JIRAError) as raised:
        post(client, "/rest/api/3/changelog/bulkfetch", body)
    assert raised.value.status_code == 400


def test_histories_replay_from_the_current_values_to_the_truth(client: JIRA, org: Organisation):
    """Undo each history newest first, as a consumer must: it lands on the initial values."""
    issues, _ = search_all(client, "project = ONB ORDER BY created ASC, key ASC")
    truth = {i.key: i for i in org.issues}
    for rendered in issues[:300]:
        issue = truth[rendered["key"]]
        sprints = ", ".join(str(s["id"]) for s in rendered["fields"]["customfield_10020"] or [])
        status = rendered["fields"]["status"]["id"]
        estimate = rendered["fields"]["customfield_10016"]
        histories = _changelog_pages(client, issue.key, page=100)
        assert [datetime.fromisoformat(h["created"]) for h in histories] == sorted(
            datetime.fromisoformat(h["created"]) for h in histories
        )
        for history in reversed(histories):
            for item in history["items"]:
                if item["fieldId"] == "customfield_10020":
                    assert item["to"] == sprints
                    sprints = item["from"]
                elif item["fieldId"] == "status":
                    assert item["to"] == status
                    status = item["from"]
                elif item["fieldId"] == "customfield_10016":
                    estimate = None if item["fromString"] is None else float(item["fromString"])
        assert sprints == ", ".join(str(s) for s in issue.initial_sprints), issue.key
        assert (status, estimate) == (issue.initial_status, issue.initial_estimate), issue.key


def test_boards_configuration_and_sprints(client: JIRA, org: Organisation) -> None:
    boards = client._get_json("board", params={"type": "scrum"}, base=AGILE)
    assert boards["total"] == 6 and boards["isLast"]
    assert boards["values"][0]["location"]["projectKey"] == "PAY"
    config = client._get_json("board/14/configuration", base=AGILE)
    assert config["columnConfig"]["columns"][-1] == {"name": "Released", "statuses": []}
    assert config["estimation"]["field"]["fieldId"] == "customfield_10016"
    closed = client._get_json("board/11/sprint", params={"state": "closed"}, base=AGILE)
    assert {s["state"] for s in closed["values"]} == {"closed"}
    first = closed["values"][0]
    truth = org.sprints[first["id"]]
    assert first["completeDate"].endswith("Z") and len(first["completeDate"]) == 24
    assert datetime.fromisoformat(first["startDate"]) == truth.actual_start_at
    everything = client._get_json(
        "board/11/sprint", params={"state": "active,closed,future"}, base=AGILE
    )
    assert [s["state"] for s in everything["values"][-2:]] == ["active", "future"]
    assert {"startDate", "completeDate"}.isdisjoint(everything["values"][-1])


def test_sprint_report_endpoint_serves_the_truth(client: JIRA, org: Organisation) -> None:
    board = org.boards[2]
    sprint_id = board.sprint_ids[-3]
    served = client._get_json(
        "rapid/charts/sprintreport",
        params={"rapidViewId": board.id, "sprintId": sprint_id},
        base=GREENHOPPER,
    )
    assert served == sprint_report(org, board.id, sprint_id)
    for missing in (board.sprint_ids[-1], org.boards[0].sprint_ids[0]):
        with pytest.raises(JIRAError) as raised:
            client._get_json(
                "rapid/charts/sprintreport",
                params={"rapidViewId": board.id, "sprintId": missing},
                base=GREENHOPPER,
            )
        assert raised.value.status_code == 404


def test_requests_are_recorded_by_template(emulator: JiraEmulator, client: JIRA) -> None:
    client._get_json("issue/PAY-1/changelog")
    counts = emulator.request_counts()
    assert counts["/rest/api/3/issue/{issueIdOrKey}/changelog"] >= 1
    assert ("GET", "/rest/api/3/issue/PAY-1/changelog") in emulator.requests


def test_embedded_changelog_is_truncated_to_the_newest_100() -> None:
    b = ScenarioBuilder(now=at(30))
    busy = b.issue("PAY", created=at(0))
    for step in range(150):
        busy.status(at(1, minute=step), "In Progress" if step % 2 == 0 else "To Do")
    with JiraEmulator(b.build()) as emulator:
        client = JIRA(
            server=emulator.url,
            basic_auth=(emulator.email, emulator.token),
            options={"rest_api_version": "3"},
        )
        body = client.enhanced_search_issues(
            "project = PAY", fields=["summary"], expand="changelog", json_result=True, maxResults=1
        )
        changelog = body["issues"][0]["changelog"]
        assert (changelog["total"], changelog["maxResults"], len(changelog["histories"])) == (
            150,
            100,
            100,
        )
        created = [h["created"] for h in changelog["histories"]]
        assert created == sorted(created, reverse=True)  # newest first, as Cloud sends them
        assert len(_changelog_pages(client, "PAY-1", page=100)) == 150
        client.close()


def test_data_center_mode_uses_bearer_tokens_and_classic_search(org: Organisation) -> None:
    with JiraEmulator(org, deployment="datacenter", token="pat") as emulator:
        client = JIRA(server=emulator.url, token_auth="pat")
        assert client.server_info()["deploymentType"] == "Server"
        body = client._get_json(
            "search", params={"jql": ORDERED_PAY, "startAt": 100, "maxResults": 50}
        )
        assert body["startAt"] == 100 and body["total"] > 150 and len(body["issues"]) == 50
        sprints = client._get_json("board/11/sprint", base=AGILE)["values"]
        activated = [s for s in sprints if "activatedDate" in s]
        assert activated and all(s["activatedDate"] >= s["startDate"] for s in activated)
        with pytest.raises(JIRAError) as raised:
            client._get_json("search/jql", params={"jql": ORDERED_PAY})
        assert raised.value.status_code == 404
        client.close()
    with JiraEmulator(org, deployment="datacenter") as emulator, pytest.raises(JIRAError):
        JIRA(server=emulator.url, basic_auth=(emulator.email, emulator.token), max_retries=0)
