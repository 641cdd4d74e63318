"""`maturity doctor` beyond Jira: GitHub sources over HTTP against the emulator with real
PyGithub, file sources on disk, and launches kept in Jira; each problem says what to fix."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipelines.cli import main
from simulator.generate import generate_organisation
from simulator.github_emulator import GithubEmulator
from simulator.jira_emulator import JiraEmulator
from simulator.launch_issues import add_launch_issues
from tests.connectors import jira_fixtures
from tests.connectors.github_fixtures import TOKEN_ENV, github_org, write_config

SALT_ENV = "TEST_DOCTOR_SALT"


def file_sources(launch_glob: str) -> str:
    return "\n".join(
        [
            "",
            "[[sources.surveys]]",
            'name = "pm-time"',
            'paths = ["exports/pm-time-*.csv"]',
            f'salt_env = "{SALT_ENV}"',
            "",
            "[[sources.launches]]",
            'name = "launches"',
            f'paths = ["{launch_glob}"]',
        ]
    )


@pytest.fixture
def exports(tmp_path):
    (tmp_path / "exports" / "launches").mkdir(parents=True)
    (tmp_path / "exports" / "launches" / "q1.yaml").write_text("launches: []\n")
    (tmp_path / "exports" / "pm-time-2025.csv").write_text("Timestamp,Team\n")
    return tmp_path


def test_github_and_file_sources_that_work_pass(exports, monkeypatch, capsys):
    gh = github_org()
    monkeypatch.setenv(SALT_ENV, "a-long-random-salt")
    with GithubEmulator(gh) as server:
        monkeypatch.setenv(TOKEN_ENV, server.token)
        config = write_config(exports, server.url, gh)
        config.write_text(config.read_text() + file_sources("exports/launches/*"))
        assert main(["doctor", "--config", str(config)]) == 0
        token = server.token
    out = capsys.readouterr().out
    assert "GitHub source 'gh'" in out and "reachable, token valid" in out
    for repo in [gh.playbook_repo, *(r for repos in gh.team_repos.values() for r in repos)]:
        assert f"ok repository {repo} visible" in out
    assert f"ok playbook_path: {gh.playbook_path} found in {gh.playbook_repo}" in out
    assert f"ok metrics_dictionary_path: {gh.metrics_dictionary_path} found" in out
    assert f"ok launch_docs_path: {gh.launch_docs_path} found" in out
    assert "ok 1 file(s) match ['exports/launches/*']" in out
    assert f"ok respondent salt set ({SALT_ENV})" in out
    assert "all checks passed" in out and token not in out


def test_doctor_names_each_github_and_file_problem(exports, monkeypatch, capsys):
    gh = github_org()
    monkeypatch.delenv(SALT_ENV, raising=False)
    with GithubEmulator(gh) as server:
        monkeypatch.setenv(TOKEN_ENV, server.token)
        config = write_config(exports, server.url, gh)
        text = config.read_text().replace(
            f'playbook_path = "{gh.playbook_path}"', 'playbook_path = "handbook"'
        )
        text = text.replace('github_repos = ["gh:', 'github_repos = ["gh:acme/gone", "gh:', 1)
        config.write_text(text + file_sources("exports/nothing/*.csv"))
        assert main(["doctor", "--config", str(config)]) == 3
        monkeypatch.setenv(TOKEN_ENV, "wrong-token-abc")
        assert main(["doctor", "--config", str(config)]) == 3
    first, second = capsys.readouterr().out.split("problem(s) found", 1)
    assert "acme/gone: HTTP 404 not found: check the repository name" in first
    assert f"playbook_path = 'handbook' does not exist in {gh.playbook_repo}" in first
    assert "no file matches ['exports/nothing/*.csv']" in first
    assert f"{SALT_ENV} is not set" in first
    assert first.rstrip().endswith("4")  # "... 4 problem(s) found"
    assert "HTTP 401 bad credentials" in second and TOKEN_ENV in second
    assert "wrong-token-abc" not in second


def test_doctor_checks_launches_kept_in_jira(tmp_path, monkeypatch, capsys):
    org = generate_organisation(seed=5, now=datetime(2026, 3, 2, tzinfo=UTC), teams=2, months=2)
    add_launch_issues(org)
    with JiraEmulator(org) as jira:
        monkeypatch.setenv(jira_fixtures.EMAIL_ENV, jira.email)
        monkeypatch.setenv(jira_fixtures.TOKEN_ENV, jira.token)
        teams = [(t.name, [f"acme:{b}" for b in t.board_ids]) for t in org.teams]
        config = jira_fixtures.write_config(tmp_path, [("acme", jira.url)], teams)
        base = config.read_text()
        launches = '\n[[sources.launches]]\nname = "jl"\nformat = "jira"\njira_source = "acme"\n'
        config.write_text(base + launches)
        assert main(["doctor", "--config", str(config)]) == 0
        config.write_text(base + launches + 'issue_type = "Release"\n')
        assert main(["doctor", "--config", str(config)]) == 3
    out = capsys.readouterr().out
    assert "ok launch issues found, e.g. LCH-1" in out
    assert 'no issue matches `issuetype = "Release" ORDER BY created ASC, key ASC`' in out
