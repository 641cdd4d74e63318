"""What the file-source models need of the config, as small temporary tables (cfg_*), so the
staging and marts SQL stays plain SQL: which sources are configured (with their wave gap and
on-time tolerance), which Jira field holds each fact of a launch kept in Jira, how teams are
spelled in exports, and the cost of a PM hour."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import pandas as pd


@dataclass(frozen=True)
class FileSourceConfig:
    source_kind: str  # surveys | launches | outcomes
    source_name: str
    wave_gap_days: int = 30
    on_time_tolerance_days: int = 0


@dataclass(frozen=True)
class JiraLaunchMapping:
    """A launch source with format = "jira": the field id holding each launch fact."""

    source_name: str
    planned_date_field: str = "duedate"
    actual_date_field: str = "resolutiondate"
    team_field: str = "components"
    adoption_target_field: str | None = None
    adoption_actual_field: str | None = None


@dataclass(frozen=True)
class TeamSpelling:
    team: str
    spellings: tuple[str, ...]  # the name itself and its aliases
    pm_headcount: int | None = None


@dataclass(frozen=True)
class FileModelConfig:
    sources: Sequence[FileSourceConfig] = ()
    teams: Sequence[TeamSpelling] = ()
    jira_launches: Sequence[JiraLaunchMapping] = ()
    pm_hourly_rate: float | None = None
    currency: str = "EUR"
    pm_headcount: int | None = None  # the organisation's; None: the sum of the teams'
    weeks_per_month: float = 52 / 12


_JIRA_LAUNCH_COLUMNS = (
    "source_name",
    "planned_date_field",
    "actual_date_field",
    "team_field",
    "adoption_target_field",
    "adoption_actual_field",
)


def spelling_key(text: str) -> str:
    """How a team name is compared: trimmed, inner spaces collapsed, case-folded (the SQL
    models compare lower(regexp_replace(trim(x), '\\s+', ' ', 'g')), the same for ASCII)."""
    return " ".join(text.split()).lower()


def register_files(con: duckdb.DuckDBPyConnection, config: FileModelConfig | None) -> None:
    config = config or FileModelConfig()
    tables = {
        "cfg_file_sources": pd.DataFrame(
            [
                (s.source_kind, s.source_name, s.wave_gap_days, s.on_time_tolerance_days)
                for s in config.sources
            ],
            columns=["source_kind", "source_name", "wave_gap_days", "on_time_tolerance_days"],
        ).astype(
            {
                "source_kind": "str",
                "source_name": "str",
                "wave_gap_days": "int64",
                "on_time_tolerance_days": "int64",
            }
        ),
        "cfg_jira_launch_sources": pd.DataFrame(
            [
                (
                    m.source_name,
                    m.planned_date_field,
                    m.actual_date_field,
                    m.team_field,
                    m.adoption_target_field,
                    m.adoption_actual_field,
                )
                for m in config.jira_launches
            ],
            columns=list(_JIRA_LAUNCH_COLUMNS),
        ).astype(dict.fromkeys(_JIRA_LAUNCH_COLUMNS, "object")),
        "cfg_team_aliases": pd.DataFrame(
            sorted({(t.team, spelling_key(s)) for t in config.teams for s in t.spellings}),
            columns=["team", "alias_key"],
        ).astype({"team": "str", "alias_key": "str"}),
        "cfg_team_costs": pd.DataFrame(
            [(t.team, t.pm_headcount) for t in config.teams],
            columns=["team", "pm_headcount"],
        ).astype({"team": "str", "pm_headcount": "Int64"}),
        "cfg_costs": pd.DataFrame(
            [(config.pm_hourly_rate, config.currency, config.pm_headcount, config.weeks_per_month)],
            columns=["pm_hourly_rate", "currency", "pm_headcount", "weeks_per_month"],
        ).astype(
            {
                "pm_hourly_rate": "float64",
                "currency": "str",
                "pm_headcount": "Int64",
                "weeks_per_month": "float64",
            }
        ),
    }
    for name, frame in tables.items():
        con.register(f"{name}_frame", frame)
        # Object columns of an empty frame would have no type: cast the Jira mapping to text.
        select = (
            ", ".join(f"CAST({c} AS VARCHAR) AS {c}" for c in _JIRA_LAUNCH_COLUMNS)
            if name == "cfg_jira_launch_sources"
            else "*"
        )
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT {select} FROM {name}_frame")
        con.unregister(f"{name}_frame")
