"""The file-source keys of maturity.toml: the documented example loads; mistakes name the key."""

from __future__ import annotations

import pytest

from pipelines.settings import ConfigError, load_settings

# The example (one comment moved left to fit the line length).
DOCUMENTED = """
[[sources.surveys]]
name = "pm-time"
paths = ["exports/pm-time-*.csv"]     # globs, relative to the config file
format = "auto"  # auto | google-forms | typeform | surveymonkey | qualtrics | generic
[sources.surveys.columns]             # export column (question text or id) for each field
respondent = "Email Address"
team = "Which team are you on?"
submitted_at = "Timestamp"
total_hours = "Hours worked this week"
meeting_coordination_hours = "Hours coordinating meetings"
reporting_hours = "Hours on reporting"
tool_research_hours = "Hours researching tools"
process_design_hours = "Hours designing process"

[[sources.launches]]
name = "launches"
paths = ["exports/launches/*"]
format = "auto"                       # auto | csv | xlsx | yaml | markdown | jira

[[sources.outcomes]]
name = "finance"
paths = ["exports/outcomes.csv"]

[[teams]]
name = "Payments"
aliases = ["Payments team", "PAY"]    # how the team is spelled in exports
"""


def write(tmp_path, text):
    path = tmp_path / "maturity.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_documented_file_sources_load(tmp_path):
    settings = load_settings(write(tmp_path, DOCUMENTED))
    survey = settings.sources.surveys[0]
    assert survey.columns.total_hours == "Hours worked this week"
    assert survey.salt_env == "MATURITY_RESPONDENT_SALT" and survey.encoding == "auto"
    assert settings.sources.launches[0].format == "auto"
    assert settings.sources.outcomes[0].paths == ["exports/outcomes.csv"]
    assert settings.teams[0].aliases == ["Payments team", "PAY"]
    assert settings.costs.currency == "EUR" and settings.costs.pm_hourly_rate is None


def test_costs_and_release_calendars(tmp_path):
    text = DOCUMENTED + ('\n[costs]\npm_hourly_rate = 95\ncurrency = "USD"\npm_headcount = 12\n')
    text = text.replace(
        "# auto | csv | xlsx | yaml | markdown | jira",
        '\non_time_tolerance_days = 3\n[sources.launches.milestone_dates]\n"v1.33" = 2025-04-23',
    )
    settings = load_settings(write(tmp_path, text))
    assert (settings.costs.pm_hourly_rate, settings.costs.pm_headcount) == (95, 12)
    launches = settings.sources.launches[0]
    assert launches.on_time_tolerance_days == 3
    assert str(launches.milestone_dates["v1.33"]) == "2025-04-23"


def test_a_misspelt_column_key_is_named(tmp_path):
    path = write(tmp_path, DOCUMENTED.replace("reporting_hours =", "report_hours ="))
    with pytest.raises(ConfigError, match=r"unknown key 'sources.surveys.0.columns.report_hours'"):
        load_settings(path)


def test_an_unknown_survey_tool_is_named(tmp_path):
    path = write(tmp_path, DOCUMENTED.replace('format = "auto"', 'format = "forms"', 1))
    with pytest.raises(ConfigError, match=r"key 'sources.surveys.0.format'"):
        load_settings(path)


def test_an_alias_naming_two_teams_is_refused(tmp_path):
    path = write(tmp_path, DOCUMENTED + '\n[[teams]]\nname = "Search"\naliases = ["pay"]\n')
    with pytest.raises(ConfigError, match="'pay' names both 'Payments' and 'Search'"):
        load_settings(path)
