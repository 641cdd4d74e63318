"""`maturity serve`: the schedule comes from [schedule] in the config, checked when the file is
read; the deployments are built without a server (registering them needs a real one)."""

from __future__ import annotations

import pytest

from pipelines.cli import main
from pipelines.settings import ConfigError, load_settings


def _config(tmp_path, schedule: str):
    path = tmp_path / "maturity.toml"
    path.write_text(f'[warehouse]\npath = "w.duckdb"\n\n[schedule]\n{schedule}\n')
    return path


def test_the_nightly_schedule_is_the_configured_cron_in_its_time_zone(tmp_path):
    from pipelines.serve import deployments, nightly_schedule

    config = _config(tmp_path, 'cron = "15 2 * * 1-5"\ntimezone = "Europe/Berlin"')
    settings = load_settings(config)
    schedule = nightly_schedule(settings)
    assert (schedule.cron, schedule.timezone) == ("15 2 * * 1-5", "Europe/Berlin")
    nightly, backfill = deployments(settings)
    assert nightly.name == "maturity-nightly" and backfill.name == "maturity-nightly-backfill"
    cron = nightly.schedules[0].schedule
    assert (cron.cron, cron.timezone) == ("15 2 * * 1-5", "Europe/Berlin")
    assert backfill.schedules == []  # backfills are started by hand
    assert nightly.parameters == {"config_path": str(config.resolve())}


def test_the_default_schedule_is_a_quarter_past_two_utc(tmp_path):
    settings = load_settings(_config(tmp_path, ""))
    assert (settings.schedule.cron, settings.schedule.timezone) == ("15 2 * * *", "UTC")


@pytest.mark.parametrize(
    ("schedule", "words"),
    [
        ('cron = "every night"', "schedule.cron"),
        ('cron = "15 2 * *"', "five-field cron"),
        ('timezone = "Mars/Olympus"', "IANA time zone"),
    ],
)
def test_a_bad_schedule_is_a_configuration_error_naming_the_key(tmp_path, schedule, words):
    with pytest.raises(ConfigError, match=words):
        load_settings(_config(tmp_path, schedule))


def test_serve_without_a_prefect_server_says_how_to_start_one(tmp_path, monkeypatch, capsys):
    import pipelines.serve

    monkeypatch.setattr(pipelines.serve, "api_url", lambda: None)
    assert main(["serve", "--config", str(_config(tmp_path, ""))]) == 2
    assert "prefect server start" in capsys.readouterr().err
