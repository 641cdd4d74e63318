"""The sync under faults, over HTTP: it retries what is worth retrying, waits as told, resumes
where it stopped, and never lands a page twice or skips one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipelines.cli import main
from simulator.generate import generate_organisation
from simulator.jira_emulator import JiraEmulator
from simulator.jira_emulator.faults import Fault
from tests.connectors.jira_fixtures import EMAIL_ENV, TOKEN_ENV, query, write_config

SEARCH = "/rest/api/3/search/jql"
REPORT = "/rest/greenhopper/1.0/rapid/charts/sprintreport"
FAST_RETRIES = "max_retries = 3\nbackoff_seconds = 0.01\npage_size = 20"


@pytest.fixture(scope="module")
def org():
    return generate_organisation(seed=21, now=datetime(2026, 3, 2, tzinfo=UTC), teams=2, months=3)


@pytest.fixture(scope="module")
def big_org():
    """Big enough that a sync spans several 1,000-issue landing batches."""
    return generate_organisation(seed=22, now=datetime(2026, 3, 2, tzinfo=UTC), teams=3, months=12)


@pytest.fixture
def big_jira(big_org, monkeypatch):
    with JiraEmulator(big_org, search_page_size=100) as emulator:
        monkeypatch.setenv(EMAIL_ENV, emulator.email)
        monkeypatch.setenv(TOKEN_ENV, emulator.token)
        yield emulator


BIG = "max_retries = 1\nbackoff_seconds = 0.01\npage_size = 100"


@pytest.fixture
def jira(org, monkeypatch):
    with JiraEmulator(org, search_page_size=20) as emulator:
        monkeypatch.setenv(EMAIL_ENV, emulator.email)
        monkeypatch.setenv(TOKEN_ENV, emulator.token)
        yield emulator


def config_for(tmp_path: Path, jira, org, extra: str = FAST_RETRIES) -> Path:
    teams = [(t.name, [f"acme:{b}" for b in t.board_ids]) for t in org.teams]
    return write_config(tmp_path, [("acme", jira.url)], teams, extra=extra)


def assert_every_issue_landed_once(path: Path, org) -> None:
    rows = query(path, "SELECT issue_id, count(*) FROM raw.jira_issues GROUP BY 1")
    assert all(n == 1 for _, n in rows), "a page landed twice"
    assert {i for i, _ in rows} == {i.id for i in org.issues if not i.is_deleted}, "a gap"


def test_rate_limits_and_server_errors_are_retried_as_the_server_asks(jira, org, tmp_path):
    jira.faults.add(
        Fault("429", count=2, path=SEARCH, retry_after="seconds", wait=0.2),
        Fault("429", count=1, path=SEARCH, after=3, retry_after="http-date", wait=1.0),
        Fault("429", count=1, path="/rest/api/3/changelog/bulkfetch", rate_limit_reset=True),
        Fault("503", count=1, path=SEARCH, after=5, retry_after="seconds", wait=0.1),
        Fault("502", count=1, path="/rest/agile/1.0/board/{boardId}/sprint"),
        Fault("drop", count=1, path=SEARCH, after=6),
    )
    started = time.monotonic()
    assert main(["sync", "--config", str(config_for(tmp_path, jira, org))]) == 0
    waited = time.monotonic() - started
    assert sum(jira.fault_counts().values()) == 7  # every fault was met, and survived
    assert_every_issue_landed_once(tmp_path / "warehouse.duckdb", org)
    assert waited >= 0.4 + 0.1  # Retry-After was honoured, not ignored
    counts = query(tmp_path / "warehouse.duckdb", "SELECT row_counts FROM meta.runs")[0][0]
    assert '"retries": 7' in counts


def test_a_source_that_keeps_failing_stops_the_sync_with_the_url(jira, org, tmp_path, capsys):
    jira.faults.add(Fault("503", count=None, path=SEARCH))
    assert main(["sync", "--config", str(config_for(tmp_path, jira, org))]) == 3
    err = capsys.readouterr().err
    assert f"{jira.url}{SEARCH}" in err and "HTTP 503" in err
    assert jira.request_counts()[SEARCH] == 4  # the first try and max_retries = 3


def test_a_malformed_answer_fails_the_sync_and_keeps_what_was_committed(
    jira, org, tmp_path, capsys
):
    config = config_for(tmp_path, jira, org)
    assert main(["sync", "--config", str(config)]) == 0
    before = query(tmp_path / "warehouse.duckdb", "SELECT count(*) FROM raw.jira_issues")
    jira.faults.add(Fault("malformed", count=1, path="/rest/api/3/field"))
    assert main(["sync", "--config", str(config), "--full"]) == 3
    assert "not valid JSON" in capsys.readouterr().err
    assert query(tmp_path / "warehouse.duckdb", "SELECT count(*) FROM raw.jira_issues") == before


def test_a_malformed_sprint_report_stops_the_sync_naming_it_and_the_next_sync_completes(
    jira, org, tmp_path, capsys
):
    # Sprint reports download beside the issue pages and land between them: a broken one
    # stops the sync with the report's URL, and what was committed before it is kept.
    jira.faults.add(Fault("malformed", count=1, path=REPORT))
    config = config_for(tmp_path, jira, org)
    assert main(["sync", "--config", str(config)]) == 3
    err = capsys.readouterr().err
    assert "sprintreport?rapidViewId=" in err and "not valid JSON" in err
    assert main(["sync", "--config", str(config)]) == 0
    assert_every_issue_landed_once(tmp_path / "warehouse.duckdb", org)
    closed = {
        (b.id, s) for b in org.boards for s in b.sprint_ids if org.sprints[s].state == "closed"
    }
    reports = query(
        tmp_path / "warehouse.duckdb",
        "SELECT board_id, sprint_id, count(*) FROM raw.jira_sprint_reports"
        " WHERE http_status = 200 AND json_valid(payload) GROUP BY ALL",
    )
    assert {(b, s) for b, s, _ in reports} == closed
    assert all(n == 1 for *_, n in reports), "a sprint report landed twice"


def test_a_sync_that_dies_mid_way_resumes_without_refetching_or_skipping(
    big_jira, big_org, tmp_path
):
    config = config_for(tmp_path, big_jira, big_org, BIG)
    # Jira stops answering after 25 search pages: the sync fails part-way.
    big_jira.faults.kill_after(25, path=SEARCH)
    assert main(["sync", "--config", str(config)]) == 3
    landed = query(tmp_path / "warehouse.duckdb", "SELECT count(*) FROM raw.jira_issues")[0][0]
    assert 0 < landed < len(big_org.issues)
    state = query(
        tmp_path / "warehouse.duckdb",
        "SELECT cursor, watermark FROM meta.sync_state WHERE stream = 'issues'",
    )
    assert state[0][0] is not None and state[0][1] is None  # a cursor; no watermark moved
    big_jira.faults.clear()
    first_requests = big_jira.request_counts()[SEARCH]
    assert main(["sync", "--config", str(config)]) == 0
    resumed_pages = big_jira.request_counts()[SEARCH] - first_requests
    assert_every_issue_landed_once(tmp_path / "warehouse.duckdb", big_org)
    live = len([i for i in big_org.issues if not i.is_deleted])
    # Only what was not committed is read again (the boundary minute's page at most once more).
    assert resumed_pages <= -(-(live - landed) // 100) + 1


def test_an_expired_page_token_restarts_from_the_cursor(jira, org, tmp_path):
    jira.faults.token_max_age_pages = 1
    config = config_for(tmp_path, jira, org)
    assert main(["sync", "--config", str(config)]) == 0
    assert_every_issue_landed_once(tmp_path / "warehouse.duckdb", org)


def test_a_killed_sync_process_resumes_with_no_duplicate_and_no_gap(big_jira, big_org, tmp_path):
    # Slow pages give the kill time to land in the middle of the sync.
    big_jira.faults.add(Fault("slow", count=None, path=SEARCH, delay=0.2))
    config = config_for(tmp_path, big_jira, big_org, BIG)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    child = subprocess.Popen(
        [sys.executable, "-m", "pipelines.cli", "sync", "--config", str(config)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    # Search page 13 means the first 1,000-issue batch went to landing (batches commit at
    # once when the transaction is older than a second, as it is by then).
    while big_jira.request_counts()[SEARCH] < 13 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    landed = query(tmp_path / "warehouse.duckdb", "SELECT count(*) FROM raw.jira_issues")[0][0]
    assert 0 < landed < len(big_org.issues), "the kill should land mid-sync"
    big_jira.faults.clear()
    assert main(["sync", "--config", str(config)]) == 0
    assert_every_issue_landed_once(tmp_path / "warehouse.duckdb", big_org)


def test_data_center_splits_queries_past_the_result_window(org, tmp_path, monkeypatch):
    with JiraEmulator(
        org, deployment="datacenter", search_page_size=20, max_result_window=100
    ) as jira:
        monkeypatch.setenv(EMAIL_ENV, jira.email)
        monkeypatch.setenv(TOKEN_ENV, jira.token)
        extra = 'deployment = "datacenter"\npage_size = 20\nmax_result_window = 100'
        assert main(["sync", "--config", str(config_for(tmp_path, jira, org, extra))]) == 0
    assert_every_issue_landed_once(tmp_path / "warehouse.duckdb", org)
