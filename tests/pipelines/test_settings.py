"""maturity.toml: the documented keys load; mistakes name the key and the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.settings import ConfigError, load_settings, secret

README_EXAMPLE = """
[warehouse]
path = "warehouse.duckdb"

[[sources.jira]]
name = "acme"                    # one entry per Jira instance
url = "https://acme.atlassian.net"
deployment = "auto"              # auto | cloud | datacenter
email_env = "JIRA_EMAIL"         # Cloud: e-mail + API token (basic auth)
token_env = "JIRA_API_TOKEN"     # Cloud API token, or Data Center personal access token (bearer)
boards = []                      # empty: every scrum board
estimate_field = "auto"          # or a field id such as customfield_10016

[[teams]]
name = "Payments"
jira_boards = ["acme:12"]        # source name : board id
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "maturity.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_documented_configuration_loads(tmp_path):
    settings = load_settings(write(tmp_path, README_EXAMPLE))
    source = settings.jira_source("acme")
    assert source.url == "https://acme.atlassian.net"
    assert source.deployment == "auto" and source.estimate_field == "auto"
    assert settings.teams[0].board_refs() == [("acme", 12)]
    # Relative warehouse paths are relative to the config file, not the working directory.
    assert settings.warehouse_path == tmp_path.resolve() / "warehouse.duckdb"


def test_an_unknown_key_names_the_key_and_the_file(tmp_path):
    path = write(tmp_path, README_EXAMPLE.replace('deployment = "auto"', 'deploymnet = "auto"'))
    with pytest.raises(ConfigError) as err:
        load_settings(path)
    assert str(path) in str(err.value)
    assert "unknown key 'sources.jira.0.deploymnet'" in str(err.value)


def test_a_wrong_type_names_the_key(tmp_path):
    path = write(tmp_path, README_EXAMPLE.replace("boards = []", 'boards = "all"'))
    with pytest.raises(ConfigError, match=r"key 'sources.jira.0.boards'"):
        load_settings(path)


def test_a_wrong_choice_names_the_key(tmp_path):
    path = write(tmp_path, README_EXAMPLE.replace('deployment = "auto"', 'deployment = "server"'))
    with pytest.raises(ConfigError, match=r"key 'sources.jira.0.deployment'"):
        load_settings(path)


def test_a_team_board_must_name_a_configured_source(tmp_path):
    path = write(tmp_path, README_EXAMPLE.replace('"acme:12"', '"other:12"'))
    with pytest.raises(ConfigError, match="names source 'other'"):
        load_settings(path)


def test_a_malformed_board_reference_says_the_expected_shape(tmp_path):
    path = write(tmp_path, README_EXAMPLE.replace('"acme:12"', '"acme-12"'))
    with pytest.raises(ConfigError, match="source:board_id"):
        load_settings(path)


def test_invalid_toml_and_missing_file_are_config_errors(tmp_path):
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(write(tmp_path, "[warehouse\n"))
    with pytest.raises(ConfigError, match="no such file"):
        load_settings(tmp_path / "absent.toml")


def test_a_missing_secret_names_the_variable_never_a_value(monkeypatch):
    monkeypatch.delenv("MATURITY_TEST_TOKEN", raising=False)
    with pytest.raises(ConfigError, match="MATURITY_TEST_TOKEN is not set"):
        secret("MATURITY_TEST_TOKEN", purpose="the Jira API token")
    monkeypatch.setenv("MATURITY_TEST_TOKEN", "s3cret-value")
    assert secret("MATURITY_TEST_TOKEN", purpose="the Jira API token") == "s3cret-value"
