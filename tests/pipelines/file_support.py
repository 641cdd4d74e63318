"""Helpers for the file-source tests: a config in a temporary folder, a sync, table counts."""

from __future__ import annotations

import textwrap
from pathlib import Path

import duckdb

from pipelines.file_sync import sync_file_sources
from pipelines.settings import Settings, load_settings
from warehouse.connection import open_warehouse

SALT_ENV = "MATURITY_RESPONDENT_SALT"
# The header of a Google Forms export with the questions SURVEY_COLUMNS maps.
SURVEY_HEADER = (
    "Timestamp,Email Address,Which team are you on?,Hours worked this week,"
    "Hours coordinating meetings,Hours on reporting,Hours researching tools,"
    "Hours designing process\n"
)
SURVEY_COLUMNS = """
[sources.surveys.columns]
team = "Which team are you on?"
total_hours = "Hours worked this week"
meeting_coordination_hours = "Hours coordinating meetings"
reporting_hours = "Hours on reporting"
tool_research_hours = "Hours researching tools"
process_design_hours = "Hours designing process"
"""
TEAMS = """
[[teams]]
name = "Payments"
aliases = ["Payments team", "PAY"]

[[teams]]
name = "Search"
"""
# Every table a file load may write: a refused file must leave all of them as they were.
TABLES = (
    "raw.file_loads",
    "raw.survey_responses",
    "raw.launches",
    "raw.launch_items",
    "raw.outcome_metrics",
    "raw.feedback_items",
    "meta.quarantine",
)


def survey_config(tmp_path: Path, *, extra: str = "", paths: str = '["exports/*.csv"]') -> Settings:
    return config(
        tmp_path,
        f"""
        [[sources.surveys]]
        name = "pm-time"
        paths = {paths}
        {extra}
        """
        + SURVEY_COLUMNS,
    )


def config(tmp_path: Path, body: str) -> Settings:
    text = '[warehouse]\npath = "w.duckdb"\n' + textwrap.dedent(body) + TEAMS
    path = tmp_path / "maturity.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path)


def export(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / "exports" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def sync(settings: Settings, run_id: str = "run-1") -> tuple[dict, duckdb.DuckDBPyConnection]:
    con = open_warehouse(settings.warehouse_path)
    return sync_file_sources(con, settings, run_id), con


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}


def quarantine(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    return con.execute(
        "SELECT file_path, row_number, record_kind, column_name, value, reason"
        " FROM meta.quarantine ORDER BY file_path, row_number, record_kind, reason"
    ).fetchall()
