"""`[evidence]` and `[[sources.feedback]]` as the README documents them: they load, defaults
hold, and a wrong key or a blank marker names the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.file_config import file_model_config, unconfigured_sources
from pipelines.settings import ConfigError, load_settings

EXAMPLE = """
[evidence]
discovery_issue_types = ["Discovery", "Spike"]
discovery_labels = ["discovery"]
retro_action_issue_types = ["Retro action"]
retro_action_labels = ["retro-action"]
epic_issue_types = ["Epic"]

[[sources.feedback]]
name = "voice"
paths = ["exports/feedback/*.csv"]
[sources.feedback.columns]
received_date = "Opened on"

[[teams]]
name = "Payments"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "maturity.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_documented_evidence_and_feedback_keys_load(tmp_path):
    settings = load_settings(write(tmp_path, EXAMPLE))
    markers = settings.evidence.markers()
    assert ("retro_action", "issue_type", "retro action") in markers.rows()
    assert settings.sources.feedback[0].columns.received_date == "Opened on"
    assert settings.sources.feedback[0].format == "auto"
    assert "feedback" not in unconfigured_sources(settings)
    sources = file_model_config(settings).sources
    assert [(s.source_kind, s.source_name) for s in sources] == [("feedback", "voice")]


def test_without_the_tables_the_defaults_hold_and_feedback_waits(tmp_path):
    settings = load_settings(write(tmp_path, '[[teams]]\nname = "Payments"\n'))
    assert settings.evidence.discovery_labels == ["discovery"]
    assert settings.evidence.retro_action_labels == ["retro-action"]
    assert "feedback" in unconfigured_sources(settings)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("discovery_labels", "discovry_labels"), "unknown key 'evidence.discovry_labels'"),
        (('epic_issue_types = ["Epic"]', 'epic_issue_types = [" "]'), "must not be blank"),
        (('name = "voice"', 'name = "voice"\nformat = "json"'), "sources.feedback.0.format"),
    ],
)
def test_a_wrong_key_is_named(tmp_path, edit, message):
    with pytest.raises(ConfigError, match=message):
        load_settings(write(tmp_path, EXAMPLE.replace(*edit, 1)))
