"""Injected faults over HTTP: each kind as a client sees it, deterministic and counted."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import pytest
import requests
from jira import JIRA, JIRAError

from simulator.jira_emulator import Fault, JiraEmulator
from simulator.jira_emulator.paging import EXPIRED_TOKEN
from simulator.scenarios import ScenarioBuilder, at

pytestmark = pytest.mark.filterwarnings("error")

SEARCH = "/rest/api/3/search/jql"
BULK = "/rest/api/3/changelog/bulkfetch"
SERVER_INFO = "/rest/api/3/serverInfo"
CLOCK = datetime(2025, 6, 2, 10, 30, 20, tzinfo=UTC).timestamp()
QUERY = {"jql": "project = PAY ORDER BY key", "fields": ["summary"], "maxResults": 5}


@pytest.fixture(scope="module")
def org():
    b = ScenarioBuilder(now=at(30))
    b.board("PAY")
    for day in range(20):
        b.issue("PAY", created=at(day)).status(at(day, 5), "In Progress")
    return b.build()


@pytest.fixture
def jira(org) -> Iterator[JiraEmulator]:
    with JiraEmulator(org) as running:
        running.faults.clock = lambda: CLOCK
        yield running


@pytest.fixture
def session(jira: JiraEmulator) -> Iterator[requests.Session]:
    with requests.Session() as http:
        http.auth = (jira.email, jira.token)
        yield http


def search(jira: JiraEmulator, session: requests.Session, **extra) -> requests.Response:
    return session.post(jira.url + SEARCH, json={**QUERY, **extra}, timeout=5)


def test_a_429_burst_hits_only_the_matching_requests(jira, session) -> None:
    burst = Fault("429", count=2, path=SEARCH, retry_after="seconds", wait=2.5)
    jira.faults.add(burst)
    assert session.get(jira.url + SERVER_INFO).status_code == 200  # other paths pass
    first, second, third = (search(jira, session) for _ in range(3))
    assert [first.status_code, second.status_code, third.status_code] == [429, 429, 200]
    assert first.headers["Retry-After"] == "3"  # whole seconds, rounded up
    assert first.headers["RateLimit-Reason"] == "jira-burst-based"
    assert "X-RateLimit-Reset" not in first.headers
    assert first.json()["errorMessages"]
    assert jira.fault_counts() == {SEARCH: 2}
    assert jira.request_counts()[SEARCH] == 3
    assert [r.fault for r in jira.records] == [None, "429", "429", None]
    assert jira.faults.pending == []  # used up and removed


@pytest.mark.parametrize("retry_after", ["http-date", None])
def test_retry_after_as_an_http_date_or_missing_and_the_reset_header(
    jira, session, retry_after
) -> None:
    jira.faults.add(Fault("429", retry_after=retry_after, wait=45, rate_limit_reset=True))
    response = session.get(jira.url + SERVER_INFO)
    assert response.status_code == 429
    # Atlassian's X-RateLimit-Reset: request time + wait, to the minute (10:30:20 + 45 s).
    assert response.headers["X-RateLimit-Reset"] == "2025-06-02T10:31Z"
    if retry_after is None:
        assert "Retry-After" not in response.headers
    else:
        when = parsedate_to_datetime(response.headers["Retry-After"])
        assert when == datetime(2025, 6, 2, 10, 31, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("kind", "content_type"),
    [("500", "application/json"), ("502", "text/html"), ("503", "text/html"), ("504", "text/html")],
)
def test_server_errors_for_the_next_matching_requests(jira, session, kind, content_type) -> None:
    jira.faults.add(Fault(kind, count=2, path=SEARCH, retry_after="seconds", wait=7))
    statuses = [search(jira, session) for _ in range(3)]
    assert [r.status_code for r in statuses] == [int(kind), int(kind), 200]
    assert statuses[0].headers["Content-Type"].startswith(content_type)
    assert statuses[0].headers["Retry-After"] == "7"


def test_the_jira_client_sees_the_status_and_headers(jira) -> None:
    client = JIRA(server=jira.url, basic_auth=(jira.email, jira.token), max_retries=0)
    jira.faults.add(Fault("503", retry_after="seconds", wait=1))
    with pytest.raises(JIRAError) as raised:
        client.server_info()
    assert raised.value.status_code == 503
    assert raised.value.response.headers["Retry-After"] == "1"
    assert client.server_info()["deploymentType"] == "Cloud"
    client.close()


def test_a_slow_answer_trips_a_client_timeout_then_answers_normally(jira, session) -> None:
    jira.faults.add(Fault("slow", delay=0.4, path=SEARCH))
    with pytest.raises(requests.Timeout):
        session.post(jira.url + SEARCH, json=QUERY, timeout=0.1)
    assert search(jira, session).status_code == 200
    assert [r.fault for r in jira.records] == ["slow", None]


def test_a_connection_dropped_mid_page(jira, session) -> None:
    jira.faults.add(Fault("drop", after=1, path=SEARCH))
    assert search(jira, session).status_code == 200
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        search(jira, session)
    assert search(jira, session).json()["issues"]  # the session reconnects
    assert jira.fault_counts() == {SEARCH: 1}


def test_a_malformed_body_with_200(jira, session) -> None:
    jira.faults.add(Fault("malformed", path="/rest/agile/1.0/board/{boardId}/sprint"))
    response = session.get(jira.url + "/rest/agile/1.0/board/11/sprint")
    assert response.status_code == 200
    assert int(response.headers["Content-Length"]) == len(response.content)
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)


def test_expire_tokens_ends_every_token_issued_so_far(jira, session) -> None:
    token = search(jira, session).json()["nextPageToken"]
    jira.faults.expire_tokens()
    refused = search(jira, session, nextPageToken=token)
    assert refused.status_code == 400
    assert refused.json()["errorMessages"] == [EXPIRED_TOKEN]
    assert jira.records[-1].fault == "expired-token"
    fresh = search(jira, session).json()["nextPageToken"]  # restarting works
    assert search(jira, session, nextPageToken=fresh).status_code == 200


def test_a_token_expires_once_too_many_pages_were_served_after_it(jira, session) -> None:
    jira.faults.token_max_age_pages = 1
    tokens = [search(jira, session).json()["nextPageToken"] for _ in range(3)]
    assert search(jira, session, nextPageToken=tokens[1]).status_code == 200  # 1 page after it
    refused = search(jira, session, nextPageToken=tokens[0])  # 3 pages after it
    assert (refused.status_code, refused.json()["errorMessages"]) == (400, [EXPIRED_TOKEN])
    jira.faults.clear()
    assert search(jira, session, nextPageToken=tokens[0]).status_code == 200


def test_the_kill_switch_fails_everything_until_cleared(jira, session) -> None:
    jira.faults.kill_after(2, path=SEARCH)
    pages = [search(jira, session) for _ in range(2)]
    assert [r.status_code for r in pages] == [200, 200]
    assert session.get(jira.url + SERVER_INFO).status_code == 503  # any path once armed
    assert search(jira, session, nextPageToken=pages[1].json()["nextPageToken"]).status_code == 503
    jira.faults.clear()
    resumed = search(jira, session, nextPageToken=pages[1].json()["nextPageToken"])
    assert resumed.status_code == 200
    assert jira.fault_counts() == {SERVER_INFO: 1, SEARCH: 1}


def test_faults_apply_in_order_and_by_method(jira, session) -> None:
    jira.faults.add(
        Fault("500", method="GET", path=SEARCH),  # never hit: the searches are POSTs
        Fault("502", path=SEARCH),
        Fault("504", path=SEARCH),
    )
    assert [search(jira, session).status_code for _ in range(3)] == [502, 504, 200]
    assert len(jira.faults.pending) == 1


@pytest.mark.parametrize(
    "arguments",
    [
        {"kind": "418"},
        {"kind": "429", "retry_after": "minutes"},
        {"kind": "429", "count": 0},
        {"kind": "slow"},
    ],
)
def test_a_fault_that_cannot_happen_is_refused(arguments) -> None:
    with pytest.raises(ValueError):
        Fault(**arguments)
