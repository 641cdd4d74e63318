"""The GitHub connector against the emulator over HTTP, with the real PyGithub client: what a
first sync lands, what a nightly sync reads (only what changed), rate limits waited out, a
repository that disappears, refusals that name what to fix, and a sync that resumes."""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from functools import partial

import pytest

from connectors.github.client import GithubSourceError
from pipelines import github_sync
from simulator.github_emulator import Fault, GithubEmulator
from simulator.github_org import touch_repositories
from tests.connectors.github_fixtures import (
    TOKEN_ENV,
    assess,
    github_org,
    query,
    sync,
    write_config,
)
from warehouse.runs import utc_now

EVENTS = "/repos/{owner}/{repo}/events"


@pytest.fixture
def gh():
    return github_org()


@pytest.fixture
def served(gh, tmp_path, monkeypatch):
    with GithubEmulator(gh) as server:
        monkeypatch.setenv(TOKEN_ENV, server.token)
        yield server, write_config(tmp_path, server.url, gh)


def counts(server) -> dict[str, int]:
    return dict(server.request_counts())


def test_a_first_sync_lands_documents_history_and_activity_as_delivered(gh, served, tmp_path):
    server, config = served
    summary = sync(config)
    warehouse = tmp_path / "warehouse.duckdb"
    assert summary["repos"] == 7 and summary["repos_missing"] == []
    team_repos = [r for repos in gh.team_repos.values() for r in repos]
    issues = sum(len(gh.repo(r).issues) for r in team_repos)
    releases = sum(len(gh.repo(r).releases) for r in team_repos)
    assert query(
        warehouse, "SELECT count(DISTINCT (repo_full_name, number)) FROM raw.github_issues"
    )[0][0] == (issues)
    assert query(warehouse, "SELECT count(*) FROM raw.github_releases")[0][0] == releases
    # Pull requests come with their labels through the issues endpoint, and in full from pulls.
    pulls = sum(1 for r in team_repos for i in gh.repo(r).issues.values() if i.is_pull)
    assert query(
        warehouse, "SELECT count(DISTINCT (repo_full_name, number)) FROM raw.github_pulls"
    )[0][0] == (pulls)
    # Every Markdown page of the playbook and launch folders, and the dictionary, with history.
    files = gh.repo(gh.playbook_repo).files()
    tracked = {
        p
        for p in files
        if (p.startswith(("playbook/", "launches/")) and p.endswith(".md"))
        or p == gh.metrics_dictionary_path
    }
    landed = {r[0] for r in query(warehouse, "SELECT path FROM raw.github_files")}
    assert landed == tracked
    history = query(
        warehouse,
        "SELECT count(*) FROM raw.github_commits WHERE path = 'playbook/rituals.md'",
    )[0][0]
    assert history == len(gh.repo(gh.playbook_repo).commits_touching("playbook/rituals.md"))
    # Payloads are kept as GitHub sent them: the base64 content, the labels.
    content = query(warehouse, "SELECT payload ->> '$.encoding' FROM raw.github_files LIMIT 1")
    assert content == [("base64",)]
    # Lists are read page by page with PyGithub's per_page, never one request per item.
    assert server.request_counts()["/repos/{owner}/{repo}/issues/{number}"] == 0
    assert server.request_counts()["/repos/{owner}/{repo}/pulls/{number}"] == 0


def test_a_nightly_sync_reads_only_what_changed(gh, served):
    server, config = served
    sync(config)
    server.reset_log()
    quiet = sync(config)
    # Nothing changed: one conditional request per repository, each answered 304 (free).
    assert counts(server) == {EVENTS: 7}
    assert quiet["repos_unchanged"] == 7 and quiet["not_modified"] == 7
    assert server.charged() == 0

    changed = touch_repositories(gh, 0.2, at=gh.now + timedelta(hours=2), seed=1)
    assert len(changed) == 1
    server.reset_log()
    summary = sync(config)
    assert summary["repos_visited"] == 1 and summary["repos_unchanged"] == 6
    # The changed repository: its issues since the last one landed (one page), the pull
    # requests down to the newest landed, its new release, its tags (dated by the release).
    assert counts(server) == {
        EVENTS: 7,
        "/repos/{owner}/{repo}/issues": 1,
        "/repos/{owner}/{repo}/pulls": 1,
        "/repos/{owner}/{repo}/releases": 1,
        "/repos/{owner}/{repo}/tags": 1,
    }
    assert summary["releases"] == 1 and summary["tags"] == 1


def test_a_full_sync_reads_everything_again(served):
    server, config = served
    sync(config)
    first = server.total_requests()
    server.reset_log()
    sync(config, full=True)
    assert server.total_requests() == first


def test_full_visits_spread_over_the_week_and_catch_deleted_releases(
    gh, served, tmp_path, monkeypatch
):
    _, config = served
    # The sync's clock, moved a day at a time: it stamps the visits and decides what is due.
    clock = {"now": utc_now()}
    monkeypatch.setattr(github_sync, "utc_now", lambda: clock["now"])
    start = clock["now"]
    sync(config)
    repo = gh.repo(gh.team_repos["Billing"][0])
    gone = repo.releases.pop()  # deleted on GitHub: the event feed says nothing
    visited_on = {}
    for day in range(1, 8):
        clock["now"] = start + timedelta(days=day)
        summary = sync(config)
        visited_on[day] = summary["repos_visited"]
    # Each repository is visited in full once in the seven days, not all on the same night.
    assert sum(visited_on.values()) == 7 and max(visited_on.values()) < 7
    assess(config)
    left = query(
        tmp_path / "warehouse.duckdb",
        "SELECT count(*) FROM marts.fct_releases WHERE tag_name = ? AND repo_full_name = ?",
        [gone.tag_name, repo.full_name],
    )
    assert left == [(0,)]


@pytest.mark.parametrize(
    ("kind", "status"),
    [("secondary", 403), ("secondary-429", 429), ("secondary-no-header", 403)],
)
def test_secondary_rate_limits_are_waited_out(served, kind, status):
    server, config = served
    server.faults.add(Fault(kind, wait=1, path="/repos/{owner}/{repo}/issues", after=2))
    started = time.monotonic()
    summary = sync(config)
    assert time.monotonic() - started >= 1.0  # Retry-After: 1, or secondary_rate_wait = 1
    assert summary["retries"] == 1 and summary["waited_seconds"] >= 1.0
    assert summary["repos_missing"] == [] and summary["repos_visited"] == 7
    statuses = [r.status for r in server.records if r.fault == kind]
    assert statuses == [status]


def test_a_primary_rate_limit_waits_for_its_reset(served):
    server, config = served
    server.faults.add(Fault("primary-429", wait=1, path="/repos/{owner}/{repo}/releases"))
    server.faults.add(Fault("primary", wait=1, path="/repos/{owner}/{repo}/tags", after=1))
    summary = sync(config)
    assert summary["retries"] == 2 and summary["waited_seconds"] >= 2.0
    assert summary["repos_visited"] == 7


def test_the_client_pauses_before_the_primary_limit_runs_out(gh, tmp_path, monkeypatch):
    # 60 requests a 2-second window: the first sync needs about 75, so it must wait once.
    with GithubEmulator(gh, rate_limit=60, rate_window_seconds=2) as server:
        monkeypatch.setenv(TOKEN_ENV, server.token)
        config = write_config(tmp_path, server.url, gh)
        summary = sync(config)
    assert summary["waited_seconds"] > 0 and summary["repos_visited"] == 7
    refused = [r for r in server.records if r.status == 403]
    assert refused == []  # it waited for the reset instead of running into the limit


def test_a_rate_limit_longer_than_allowed_stops_the_sync_naming_the_reset(
    gh, tmp_path, monkeypatch
):
    with GithubEmulator(gh) as server:
        monkeypatch.setenv(TOKEN_ENV, server.token)
        config = write_config(tmp_path, server.url, gh, extra="max_rate_limit_wait_seconds = 5")
        server.faults.add(Fault("primary", wait=3600, path="/repos/{owner}/{repo}/issues", after=3))
        with pytest.raises(GithubSourceError) as err:
            sync(config)
        message = str(err.value)
        assert "rate limit is (nearly) spent until" in message and "UTC" in message
        assert "max_rate_limit_wait_seconds" in message and "resumes" in message
        # The repositories finished before the stop are not read again.
        server.faults.clear()
        server.reset_log()
        summary = sync(config)
    assert 0 < summary["repos"] < 7 and summary["repos_missing"] == []


def test_a_repository_that_disappears_is_reported_and_left_out(gh, served, tmp_path, caplog):
    _, config = served
    sync(config)
    gone = gh.team_repos["Mobile"][0]
    gh.repo(gone).is_deleted = True
    with caplog.at_level(logging.WARNING, logger="maturity.sync"):
        summary = sync(config)
    assert summary["repos_missing"] == [gone]
    warning = " ".join(r.getMessage() for r in caplog.records)
    assert gone in warning and "github_repos of Mobile" in warning and TOKEN_ENV in warning
    assess(config)
    warehouse = tmp_path / "warehouse.duckdb"
    assert query(
        warehouse,
        "SELECT is_available, last_http_status FROM marts.dim_team_repos WHERE team = 'Mobile'",
    ) == [(False, 404)]
    teams = query(
        warehouse,
        "SELECT DISTINCT entity FROM marts.fct_indicator_values"
        " WHERE indicator_id = 'experiments_per_quarter'",
    )
    assert ("Mobile",) not in teams and ("Billing",) in teams


def test_bad_credentials_name_the_variable_never_the_token(served, monkeypatch):
    _, config = served
    monkeypatch.setenv(TOKEN_ENV, "wrong-token-value")
    with pytest.raises(GithubSourceError) as err:
        sync(config)
    message = str(err.value)
    assert "401" in message and TOKEN_ENV in message and "wrong-token-value" not in message


def test_a_forbidden_repository_names_the_repository_and_the_access_needed(gh, served):
    server, config = served
    repo = gh.team_repos["Search"][0]
    server.faults.add(Fault("403", path=f"/repos/{repo}/issues"))
    with pytest.raises(GithubSourceError) as err:
        sync(config)
    message = str(err.value)
    assert repo in message and "403" in message and TOKEN_ENV in message
    assert "pull requests" in message and "metadata" in message


def test_github_enterprise_under_api_v3(gh, tmp_path, monkeypatch):
    with GithubEmulator(gh, prefix="/api/v3") as server:
        assert server.url.endswith("/api/v3")
        monkeypatch.setenv(TOKEN_ENV, server.token)
        summary = sync(write_config(tmp_path, server.url, gh))
    assert summary["repos_visited"] == 7
    assert all(r.path.startswith("/api/v3/") for r in server.records)


def test_a_sync_that_stops_resumes_with_the_next_repository(gh, served, monkeypatch):
    server, config = served
    # Retries without real sleeps: the failure after the last retry is what matters here.
    no_waiting = partial(github_sync.open_connection, sleep=lambda seconds: None)
    monkeypatch.setattr(github_sync, "open_connection", no_waiting)
    broken = gh.team_repos["Onboarding"][0]
    server.faults.add(Fault("502", count=None, path=f"/repos/{broken}/releases"))
    with pytest.raises(GithubSourceError) as err:
        sync(config)
    assert broken in str(err.value) and "502" in str(err.value)
    server.faults.clear()
    server.reset_log()
    summary = sync(config)
    # The repositories done before the failure are skipped; the broken one is read again.
    read = {r.path.split("/")[3] for r in server.records if r.template == EVENTS}
    assert "onboarding-app" in read and "billing-app" not in read
    assert summary["repos_missing"] == []
