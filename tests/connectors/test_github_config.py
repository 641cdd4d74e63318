"""[[sources.github]] in maturity.toml: every key validated, errors that name the key, and the
playbook's process patterns resolved from defaults and overrides."""

from __future__ import annotations

import pytest

from pipelines.github_settings import CANONICAL_PROCESSES
from pipelines.github_sync import repo_plans
from pipelines.settings import ConfigError, load_settings

BASE = """
[[sources.github]]
name = "gh"
base_url = "https://ghe.acme.com/api/v3/"
token_env = "ACME_GITHUB_TOKEN"
playbook_repo = "acme/product-playbook"
playbook_path = "/docs/playbook/"
metrics_dictionary_path = "metrics/dictionary.yaml"
launch_docs_path = "launches"
experiment_labels = ["experiment", "a/b-test"]

[[teams]]
name = "Payments"
github_repos = ["gh:acme/payments-api", "gh:acme/product-playbook"]
"""


def settings(tmp_path, text: str):
    path = tmp_path / "maturity.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path)


def test_a_github_source_with_its_playbook_and_team_repositories(tmp_path):
    found = settings(tmp_path, BASE)
    source = found.sources.github[0]
    assert source.base_url == "https://ghe.acme.com/api/v3"
    assert (
        source.playbook_path == "docs/playbook" and source.dictionary_repo == source.playbook_repo
    )
    assert found.teams[0].repo_refs() == [
        ("gh", "acme/payments-api"),
        ("gh", "acme/product-playbook"),
    ]
    plans = {p.full_name: p for p in repo_plans(source, found)}
    assert plans["acme/payments-api"].activity and not plans["acme/payments-api"].folders
    playbook = plans["acme/product-playbook"]  # a team's repository and the playbook at once
    assert playbook.activity and playbook.folders == ("docs/playbook", "launches")
    assert playbook.files == ("metrics/dictionary.yaml",)


def test_process_patterns_default_and_override(tmp_path):
    text = BASE.replace(
        "[[teams]]",
        '[sources.github.process_patterns.qbr_prep]\nfile = "quarterly"\nheading = ""\n\n[[teams]]',
    )
    patterns = {p[0]: p for p in settings(tmp_path, text).sources.github[0].patterns()}
    assert list(patterns) == list(CANONICAL_PROCESSES)
    assert patterns["qbr_prep"] == ("qbr_prep", "QBR prep", "quarterly", None)
    assert patterns["sprint_planning"][2:] == (r"sprint[-_ ]?planning", "sprint planning")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ('token_env = "ACME_GITHUB_TOKEN"', 'token = "ghp_secret"'),
            "unknown key 'sources.github.0.token'",
        ),
        (('"gh:acme/payments-api"', '"acme/payments-api"'), "must look like 'source:owner/repo'"),
        (('"gh:acme/payments-api"', '"ghe:acme/payments-api"'), "github_repos names source 'ghe'"),
        (
            ('playbook_repo = "acme/product-playbook"', 'playbook_repo = "product-playbook"'),
            "owner/repository",
        ),
        (
            ('base_url = "https://ghe.acme.com/api/v3/"', 'base_url = "ghe.acme.com"'),
            "http:// or https://",
        ),
        (
            ("[[teams]]", "[sources.github.process_patterns.retro]\nfile = 'x'\n[[teams]]"),
            "process_patterns.retro",
        ),
        (
            ("[[teams]]", "[sources.github.process_patterns.qbr_prep]\nfile = '(?!x)'\n[[teams]]"),
            "lookaround",
        ),
        (
            ("[[teams]]", "[sources.github.process_patterns.qbr_prep]\nheading = '(('\n[[teams]]"),
            "not a regular expression",
        ),
        (
            ('playbook_repo = "acme/product-playbook"\n', ""),
            "metrics_dictionary_path needs playbook_repo",
        ),
        (
            ('experiment_labels = ["experiment", "a/b-test"]', "experiment_labels = []"),
            "experiment_labels",
        ),
    ],
)
def test_mistakes_are_named(tmp_path, change, expected):
    old, new = change
    assert old in BASE
    with pytest.raises(ConfigError) as err:
        settings(tmp_path, BASE.replace(old, new))
    assert expected in str(err.value) and "maturity.toml" in str(err.value)


def test_only_one_source_holds_the_organisations_playbook(tmp_path):
    second = BASE.split("[[teams]]")[0].replace('name = "gh"', 'name = "other"')
    with pytest.raises(ConfigError) as err:
        settings(tmp_path, BASE + second)
    assert "only one source may set playbook_repo" in str(err.value)
