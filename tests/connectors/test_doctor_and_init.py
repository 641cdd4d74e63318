"""`maturity init` writes a usable starter config from what Jira shows; `maturity doctor`
says what works and what to fix."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipelines.cli import main
from pipelines.settings import load_settings
from simulator.generate import generate_organisation
from simulator.jira_emulator import JiraEmulator
from tests.connectors.jira_fixtures import EMAIL_ENV, TOKEN_ENV, write_config


@pytest.fixture(scope="module")
def org():
    return generate_organisation(seed=5, now=datetime(2026, 3, 2, tzinfo=UTC), teams=3, months=2)


def test_init_writes_one_team_per_scrum_board_and_doctor_approves_it(
    org, tmp_path, monkeypatch, capsys
):
    config = tmp_path / "maturity.toml"
    with JiraEmulator(org) as jira:
        monkeypatch.setenv(EMAIL_ENV, jira.email)
        monkeypatch.setenv(TOKEN_ENV, jira.token)
        args = [
            "init",
            "--config",
            str(config),
            "--jira-url",
            jira.url,
            "--name",
            "acme",
            "--email-env",
            EMAIL_ENV,
            "--token-env",
            TOKEN_ENV,
        ]
        assert main(args) == 0
        settings = load_settings(config)
        assert main(args) == 2  # never overwrites without --force
        assert main(["doctor", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert [t.name for t in settings.teams] == [b.name.removesuffix(" board") for b in org.boards]
    assert [t.board_refs() for t in settings.teams] == [[("acme", b.id)] for b in org.boards]
    assert settings.jira_source("acme").email_env == EMAIL_ENV
    assert jira.token not in config.read_text()  # secrets are named, never written
    assert "customfield_10016" in config.read_text()  # the estimate field found, as a hint
    assert "deployment: cloud" in out and "sprint field: customfield_10020" in out
    assert "all checks passed" in out


def test_doctor_names_what_to_fix(org, tmp_path, monkeypatch, capsys):
    with JiraEmulator(org) as jira:
        monkeypatch.setenv(EMAIL_ENV, jira.email)
        monkeypatch.setenv(TOKEN_ENV, jira.token)
        config = write_config(
            tmp_path,
            [("acme", jira.url)],
            [("Ghost", ["acme:999"])],
            extra='estimate_field = "customfield_404"',
        )
        assert main(["doctor", "--config", str(config)]) == 3
    out = capsys.readouterr().out
    assert "board 999 is not visible" in out
    assert "estimate_field = 'customfield_404' does not exist" in out
    assert "2 problem(s) found" in out


def test_doctor_reports_bad_credentials_without_the_secret(org, tmp_path, monkeypatch, capsys):
    with JiraEmulator(org) as jira:
        monkeypatch.setenv(EMAIL_ENV, jira.email)
        monkeypatch.setenv(TOKEN_ENV, "wrong-secret-xyz")
        config = write_config(tmp_path, [("acme", jira.url)], [("A", ["acme:11"])])
        assert main(["doctor", "--config", str(config)]) == 3
    out = capsys.readouterr().out
    assert "HTTP 401" in out and TOKEN_ENV in out and "wrong-secret-xyz" not in out
