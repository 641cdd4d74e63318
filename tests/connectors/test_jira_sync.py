"""The Jira connector against the emulator over HTTP, with the real `jira` client."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from pipelines.cli import main
from simulator.generate import generate_organisation
from simulator.jira_emulator import JiraEmulator
from simulator.model import STATUS, Change
from tests.connectors.jira_fixtures import EMAIL_ENV, TOKEN_ENV, query, write_config

NOW = datetime(2026, 3, 2, tzinfo=UTC)


@pytest.fixture(scope="module")
def org():
    return generate_organisation(seed=11, now=NOW, teams=2, months=3)


def credentials(monkeypatch, jira):
    monkeypatch.setenv(EMAIL_ENV, jira.email)
    monkeypatch.setenv(TOKEN_ENV, jira.token)


def team_config(tmp_path, url, org, *, extra=""):
    teams = [(t.name, [f"acme:{b}" for b in t.board_ids]) for t in org.teams]
    return write_config(tmp_path, [("acme", url)], teams, extra=extra)


def landed_counts(path):
    return query(
        path,
        "SELECT (SELECT count(DISTINCT issue_id) FROM raw.jira_issues),"
        " (SELECT count(*) FROM raw.jira_issues),"
        " (SELECT count(DISTINCT history_id) FROM raw.jira_changelogs)",
    )[0]


def test_cloud_sync_lands_every_issue_and_history_with_the_documented_endpoints(
    org, tmp_path, monkeypatch
):
    with JiraEmulator(org, search_page_size=25) as jira:
        credentials(monkeypatch, jira)
        assert main(["sync", "--config", str(team_config(tmp_path, jira.url, org))]) == 0
        counts = jira.request_counts()
    visible = [i for i in org.issues if not i.is_deleted]
    distinct, rows, histories = landed_counts(tmp_path / "warehouse.duckdb")
    assert distinct == rows == len(visible)
    assert histories == sum(len({c.at for c in i.changes}) for i in visible)
    assert "/rest/api/3/search/jql" in counts and "/rest/api/3/changelog/bulkfetch" in counts
    assert not any(path.endswith("/search") for path in counts)  # never the removed endpoint
    # The minimum the page sizes allow: 25 issues a search page, and bulkfetch calls of up to
    # 1,000 issues and 1,000 histories each.
    histories = sum(len({c.at for c in i.changes}) for i in visible)
    assert counts["/rest/api/3/search/jql"] == -(-len(visible) // 25)
    assert counts["/rest/api/3/changelog/bulkfetch"] == -(-histories // 1000)
    assert query(tmp_path / "warehouse.duckdb", "SELECT DISTINCT source_name FROM raw.jira_issues")[
        0
    ] == ("acme",)


def test_data_center_sync_gives_the_same_sprint_figures_as_cloud(org, tmp_path, monkeypatch):
    figures = {}
    for deployment in ("cloud", "datacenter"):
        folder = tmp_path / deployment
        folder.mkdir()
        with JiraEmulator(org, deployment=deployment) as jira:
            credentials(monkeypatch, jira)
            extra = 'deployment = "datacenter"' if deployment == "datacenter" else ""
            config = team_config(folder, jira.url, org, extra=extra)
            assert main(["run", "--config", str(config), "--as-of", "2026-03-02"]) == 0
            counts = jira.request_counts()
        if deployment == "datacenter":
            assert "/rest/api/2/search" in counts and "/rest/api/3/search/jql" not in counts
        figures[deployment] = query(
            folder / "warehouse.duckdb",
            "SELECT sprint_id, committed_issues, committed_points, completed_points,"
            " removed_issues, added_issues FROM marts.fct_sprints ORDER BY ALL",
        )
    assert figures["cloud"] == figures["datacenter"] and figures["cloud"]


def assert_watermark_is_the_newest_update(path, org) -> None:
    # Where the next incremental sync starts (less its hour of overlap): the newest update
    # Jira holds, as Jira renders it (to the millisecond, UTC).
    ((watermark,),) = query(path, "SELECT watermark FROM meta.sync_state WHERE stream = 'issues'")
    newest = max(i.updated_at for i in org.issues if not i.is_deleted).astimezone(UTC)
    assert abs(watermark - newest.replace(tzinfo=None)) < timedelta(milliseconds=1)


def test_a_nightly_sync_fetches_only_what_changed(org, tmp_path, monkeypatch):
    changed = dataclasses.replace(org, issues=[dataclasses.replace(i) for i in org.issues])
    with JiraEmulator(org) as jira:
        credentials(monkeypatch, jira)
        config = team_config(tmp_path, jira.url, org)
        assert main(["sync", "--config", str(config)]) == 0
    assert_watermark_is_the_newest_update(tmp_path / "warehouse.duckdb", org)
    # Two issues change status an hour before "now"; nothing else moves.
    touched = [i for i in changed.issues if i.current(STATUS) != "10003"][:2]
    for issue in touched:
        issue.changes = [
            *issue.changes,
            Change(NOW - timedelta(hours=1), STATUS, issue.current(STATUS), "10003"),
        ]
    with JiraEmulator(changed) as jira:
        credentials(monkeypatch, jira)
        config = team_config(tmp_path, jira.url, org)
        assert main(["sync", "--config", str(config)]) == 0
        counts = jira.request_counts()
        searched = [r for r in jira.requests if r[1].startswith("/rest/api/3/search/jql")]
    assert counts["/rest/api/3/search/jql"] == 1 and len(searched) == 1
    latest = query(
        tmp_path / "warehouse.duckdb",
        "SELECT issue_key FROM raw.jira_issues"
        " WHERE run_id = (SELECT arg_max(run_id, started_at) FROM meta.runs)",
    )
    # The hour of overlap may bring back issues updated just before the last sync; never more.
    assert {k for (k,) in latest} >= {i.key for i in touched}
    recently = {i.key for i in changed.issues if i.updated_at >= NOW - timedelta(hours=2)}
    assert {k for (k,) in latest} <= recently | {i.key for i in touched}
    # Moved by what the nightly landed, without reading back every issue stored before it.
    assert_watermark_is_the_newest_update(tmp_path / "warehouse.duckdb", changed)


def test_a_wrong_token_fails_at_once_naming_the_variables_never_the_secret(
    org, tmp_path, monkeypatch, capsys
):
    with JiraEmulator(org) as jira:
        monkeypatch.setenv(EMAIL_ENV, jira.email)
        monkeypatch.setenv(TOKEN_ENV, "not-the-token-123")
        code = main(["sync", "--config", str(team_config(tmp_path, jira.url, org))])
        attempts, url = len(jira.requests), jira.url
    err = capsys.readouterr().err
    assert code == 3
    assert "HTTP 401" in err and TOKEN_ENV in err and EMAIL_ENV in err and url in err
    assert "not-the-token-123" not in err
    assert attempts == 1  # no retry on 401
    runs = query(tmp_path / "warehouse.duckdb", "SELECT status, error FROM meta.runs")
    assert runs[0][0] == "failed" and "not-the-token-123" not in runs[0][1]


def test_an_unreachable_instance_is_a_source_error_naming_the_url(org, tmp_path, monkeypatch):
    monkeypatch.setenv(EMAIL_ENV, "a@b.c")
    monkeypatch.setenv(TOKEN_ENV, "t")
    config = team_config(tmp_path, "http://127.0.0.1:9", org, extra="timeout_seconds = 2")
    assert main(["sync", "--config", str(config)]) == 3


def test_two_jira_instances_land_side_by_side(org, tmp_path, monkeypatch):
    other = generate_organisation(seed=12, now=NOW, teams=1, months=2)
    with JiraEmulator(org) as first, JiraEmulator(other) as second:
        credentials(monkeypatch, first)  # both emulators share the default credentials
        config = write_config(
            tmp_path,
            [("acme", first.url), ("beta", second.url)],
            [
                ("A", [f"acme:{org.teams[0].board_ids[0]}"]),
                ("B", [f"beta:{other.teams[0].board_ids[0]}"]),
            ],
        )
        assert main(["run", "--config", str(config), "--as-of", "2026-03-02"]) == 0
    by_source = dict(
        query(
            tmp_path / "warehouse.duckdb",
            "SELECT source_name, count(DISTINCT issue_id) FROM raw.jira_issues GROUP BY 1",
        )
    )
    assert set(by_source) == {"acme", "beta"}
    teams = query(
        tmp_path / "warehouse.duckdb",
        "SELECT DISTINCT team, source_name FROM marts.fct_sprints WHERE team IS NOT NULL"
        " ORDER BY 1",
    )
    assert teams == [("A", "acme"), ("B", "beta")]


def test_issues_deleted_in_jira_are_found_by_the_id_sweep_and_by_a_full_sync(
    org, tmp_path, monkeypatch
):
    with JiraEmulator(org) as jira:
        credentials(monkeypatch, jira)
        config = team_config(tmp_path, jira.url, org, extra="deleted_sweep_days = 0")
        assert main(["sync", "--config", str(config)]) == 0
    live = [i for i in org.issues if not i.is_deleted]
    gone, later = live[3], live[-2]
    deletions = "SELECT issue_key FROM raw.jira_issue_deletions ORDER BY issue_key"
    # A nightly sync whose id sweep is due (every day here) finds the first deletion.
    without_one = dataclasses.replace(
        org,
        issues=[dataclasses.replace(i, is_deleted=i.is_deleted or i is gone) for i in org.issues],
    )
    with JiraEmulator(without_one) as jira:
        credentials(monkeypatch, jira)
        config = team_config(tmp_path, jira.url, org, extra="deleted_sweep_days = 0")
        assert main(["sync", "--config", str(config)]) == 0
    assert query(tmp_path / "warehouse.duckdb", deletions) == [(gone.key,)]
    # A full sync is a sweep in itself: it records what it no longer sees, once.
    without_two = dataclasses.replace(
        without_one,
        issues=[
            dataclasses.replace(i, is_deleted=i.is_deleted or i.key == later.key)
            for i in without_one.issues
        ],
    )
    with JiraEmulator(without_two) as jira:
        credentials(monkeypatch, jira)
        config = team_config(tmp_path, jira.url, org)
        assert main(["sync", "--config", str(config), "--full"]) == 0
    assert query(tmp_path / "warehouse.duckdb", deletions) == sorted([(gone.key,), (later.key,)])
