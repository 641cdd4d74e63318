"""What a scheduler sees of a run: the command's exit code, the same code in meta.runs, and one
line naming what to fix instead of a traceback."""

from __future__ import annotations

import pytest

from pipelines.cli import main
from pipelines.exit_codes import EXIT_CONFIG, EXIT_DATA_QUALITY
from tests.pipelines.file_support import SALT_ENV, SURVEY_HEADER, export, survey_config
from warehouse.connection import open_warehouse

GOOD = SURVEY_HEADER + ("2025/01/10 10:15:32 AM GMT+1,ana@acme.example,Payments,40,6,4,2,1\n")


def last_run(settings) -> tuple[str, str, int]:
    con = open_warehouse(settings.warehouse_path, read_only=True)
    try:
        return con.execute(
            "SELECT kind, status, exit_code FROM meta.runs ORDER BY started_at DESC LIMIT 1"
        ).fetchall()[0]
    finally:
        con.close()


def test_a_refused_file_exits_4_and_meta_runs_says_4(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(SALT_ENV, "a-test-salt")
    export(tmp_path, "pm-time.csv", b"\x00\x01\x02 not a spreadsheet \xff\xfe")
    settings = survey_config(tmp_path)
    assert main(["sync", "--config", str(settings.config_path)]) == EXIT_DATA_QUALITY
    assert "surveys pm-time: refused" in capsys.readouterr().out
    # The run itself succeeded (other sources loaded); its exit code still says a file was refused.
    assert last_run(settings) == ("sync", "succeeded", EXIT_DATA_QUALITY)


def test_surveys_without_the_salt_exit_2_and_meta_runs_says_2(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv(SALT_ENV, raising=False)
    export(tmp_path, "pm-time.csv", GOOD)
    settings = survey_config(tmp_path)
    assert main(["sync", "--config", str(settings.config_path)]) == EXIT_CONFIG
    assert f"export {SALT_ENV}=" in capsys.readouterr().out
    assert last_run(settings) == ("sync", "succeeded", EXIT_CONFIG)


@pytest.mark.parametrize("command", ["run", "assess", "report", "backfill"])
def test_a_mistyped_date_is_a_usage_error_not_a_traceback(tmp_path, command, capsys):
    flag = "--from" if command == "backfill" else "--as-of"
    with pytest.raises(SystemExit) as ended:
        main([command, "--config", str(tmp_path / "none.toml"), flag, "2025-13-45"])
    assert ended.value.code == EXIT_CONFIG
    err = capsys.readouterr().err
    assert "'2025-13-45' is not a date: use YYYY-MM-DD" in err
    assert "Traceback" not in err


def test_verbose_goes_before_or_after_the_command(tmp_path, capsys):
    settings = survey_config(tmp_path)
    for argv in (["-v", "rules"], ["rules", "-v"]):
        assert main([*argv, "--config", str(settings.config_path)]) == 0
        assert "valid" in capsys.readouterr().out
