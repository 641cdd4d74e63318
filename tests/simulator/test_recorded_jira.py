"""RecordedJira serves the real Jira Cloud responses, read through the real `jira` client."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from jira import JIRA, JIRAError

from simulator.jira_emulator import Fault
from simulator.recorded_jira import RecordedJira

# CI checks out ../shared beside the clone; this file is tests/simulator/ in the clone.
RAW = Path(__file__).resolve().parents[2].parent / "shared/realdata/devlake-jira/raw_tables"

pytestmark = [
    pytest.mark.filterwarnings("error"),
    pytest.mark.skipif(
        not RAW.is_dir(), reason=f"the recorded Jira responses are not at {RAW} (../shared)"
    ),
]

AGILE = "{server}/rest/agile/1.0/{path}"
GREENHOPPER = "{server}/rest/greenhopper/1.0/{path}"
FIELDS = ["summary", "status", "issuetype", "created", "updated", "customfield_10020"]
FIELDS += ["customfield_10024", "parent", "resolutiondate", "nonexistent"]


def rows(name: str) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    text = (RAW / name).read_text(encoding="utf-8").lstrip("\r\n")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture(scope="module")
def recorded() -> Iterator[RecordedJira]:
    with RecordedJira(RAW) as jira:
        yield jira


@pytest.fixture(scope="module")
def client(recorded: RecordedJira) -> Iterator[JIRA]:
    jira = JIRA(
        server=recorded.url,
        basic_auth=(recorded.email, recorded.token),
        options={"rest_api_version": "3"},
        max_retries=0,
    )
    yield jira
    jira.close()


def get(recorded: RecordedJira, path: str, **params) -> requests.Response:
    auth = (recorded.email, recorded.token)
    return requests.get(recorded.url + path, params=params, auth=auth, timeout=5)


def test_site_user_and_fields(client: JIRA) -> None:
    assert client.server_info()["deploymentType"] == "Cloud"
    assert client.myself()["timeZone"] == "Asia/Shanghai"
    fields = {field["id"]: field for field in client.fields()}
    assert fields["customfield_10020"]["schema"]["custom"] == "com.pyxis.greenhopper.jira:gh-sprint"
    assert (fields["customfield_10024"]["name"], fields["customfield_10024"]["schema"]["type"]) == (
        "Story Points",
        "number",
    )
    recorded_rows = [json.loads(row["data"]) for row in rows("_raw_jira_api_issue_fields.csv")]
    assert all(fields[row["id"]] == row for row in recorded_rows)


def test_boards_and_their_synthesised_configuration(client: JIRA) -> None:
    boards = client._get_json("board", params={"type": "scrum"}, base=AGILE)["values"]
    assert [(b["id"], b["location"]["projectKey"]) for b in boards] == [(8, "EE"), (93, "K5")]
    config = client._get_json("board/8/configuration", base=AGILE)
    done = config["columnConfig"]["columns"][-1]
    assert (done["name"], [s["id"] for s in done["statuses"]]) == ("Done", ["6", "10068"])
    assert config["estimation"]["field"]["fieldId"] == "customfield_10024"


def test_board_sprints_are_the_recorded_payloads_byte_for_byte(recorded, client) -> None:
    response = get(recorded, "/rest/agile/1.0/board/8/sprint", state="active,closed,future")
    recorded_sprints = [row["data"] for row in rows("_raw_jira_api_sprints.csv")]
    assert len(recorded_sprints) == 30
    assert response.content.count(b'"originBoardId"') == 30
    assert all(data.encode() in response.content for data in recorded_sprints)
    shared = client._get_json("board/93/sprint", base=AGILE)["values"]
    assert [(s["id"], s["originBoardId"]) for s in shared] == [(175, 92)]
    assert (
        client._get_json("board/8/sprint", params={"state": "active"}, base=AGILE)["values"] == []
    )


def test_search_serves_the_requested_fields_as_recorded(recorded, client) -> None:
    truth = {
        issue["key"]: issue
        for issue in (json.loads(row["data"]) for row in rows("_raw_jira_api_issues.csv"))
    }
    issues, token = [], None
    while True:
        page = client.enhanced_search_issues(
            "project in (EE, K5) ORDER BY key",
            nextPageToken=token,
            maxResults=10,
            fields=FIELDS,
            json_result=True,
        )
        issues += page["issues"]
        if page["isLast"]:
            break
        token = page["nextPageToken"]
    assert sorted(issue["key"] for issue in issues) == sorted(truth) and len(issues) == 33
    for issue in issues:
        recorded_fields = truth[issue["key"]]["fields"]
        assert issue["fields"] == {n: recorded_fields[n] for n in FIELDS if n in recorded_fields}
    raw = next(row["data"] for row in rows("_raw_jira_api_issues.csv") if '"EE-2"' in row["data"])
    sprint_field = raw[raw.index('"customfield_10020": ') + 21 : raw.index(', "customfield_10021"')]
    body = {"jql": "project = EE", "fields": ["customfield_10020"], "maxResults": 100}
    served = requests.post(
        recorded.url + "/rest/api/3/search/jql",
        json=body,
        auth=(recorded.email, recorded.token),
        timeout=5,
    )
    assert sprint_field.encode() in served.content  # the recorded text, not a re-encoding


def test_changelogs_oldest_first_from_bulkfetch_and_per_issue_pages(recorded, client) -> None:
    ee1 = json.loads(rows("_raw_jira_api_issues.csv")[0]["data"])
    assert ee1["key"] == "EE-1"
    inline = ee1["changelog"]["histories"]
    bulk = client._session.post(
        f"{recorded.url}/rest/api/3/changelog/bulkfetch",
        data=json.dumps({"issueIdsOrKeys": ["EE-1"]}),
    ).json()
    assert bulk["issueChangeLogs"][0]["issueId"] == "10063"
    assert bulk["issueChangeLogs"][0]["changeHistories"] == inline[::-1]
    tracked = client._session.post(
        f"{recorded.url}/rest/api/3/changelog/bulkfetch",
        data=json.dumps({"issueIdsOrKeys": ["10063"], "fieldIds": ["status", "customfield_10020"]}),
    ).json()
    items = [i for h in tracked["issueChangeLogs"][0]["changeHistories"] for i in h["items"]]
    expected = [
        i
        for h in inline[::-1]
        for i in h["items"]
        if i.get("fieldId") in ("status", "customfield_10020")
    ]
    assert items == expected and items

    pages = [
        row
        for row in rows("_raw_jira_api_issue_changelogs.csv")
        if '"issue_id": 13383' in row["input"]
    ]
    histories, start = [], 0
    while True:
        page = client._get_json(
            "issue/13383/changelog", params={"startAt": start, "maxResults": 40}
        )
        histories += page["values"]
        start += len(page["values"])
        if page["isLast"]:
            break
    assert len(histories) == len(pages) == 100
    assert sorted(map(json.dumps, histories)) == sorted(
        json.dumps(json.loads(r["data"])) for r in pages
    )
    created = [h["created"] for h in histories]
    assert created == sorted(created)


def test_what_the_recording_lacks(recorded, client) -> None:
    with pytest.raises(JIRAError) as raised:
        client._get_json(
            "rapid/charts/sprintreport", params={"rapidViewId": 8, "sprintId": 7}, base=GREENHOPPER
        )
    assert raised.value.status_code == 404
    assert get(recorded, "/rest/api/2/search", jql="project = EE").status_code == 410


def test_faults_work_on_the_recording(recorded) -> None:
    recorded.faults.add(Fault("429", path="/rest/agile/1.0/board", retry_after="seconds"))
    assert get(recorded, "/rest/agile/1.0/board").status_code == 429
    assert get(recorded, "/rest/agile/1.0/board").status_code == 200
    assert recorded.fault_counts()["/rest/agile/1.0/board"] == 1
