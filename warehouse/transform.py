"""Rebuild staging and marts from raw, in order, inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from warehouse.sql import read_sql

HERE = Path(__file__).parent

# Order matters: each model reads only those before it.
MODELS: tuple[str, ...] = (
    "staging/jira_fields.sql",
    "staging/jira_boards.sql",
    "staging/jira_issues.sql",
    "staging/jira_field_history.sql",
    "marts/dim_teams.sql",
    "marts/fct_sprint_issues.sql",
    "marts/fct_sprints.sql",
)


@dataclass(frozen=True)
class JiraSourceConfig:
    source_name: str
    estimate_field: str  # "auto" or a field id


@dataclass(frozen=True)
class TeamBoard:
    team: str
    source_name: str
    board_id: int


def build_models(
    con: duckdb.DuckDBPyConnection,
    sources: Sequence[JiraSourceConfig],
    team_boards: Sequence[TeamBoard],
) -> dict[str, int]:
    """Run every model; return row counts of the marts. The caller commits or rolls back."""
    _register_config(con, sources, team_boards)
    for model in MODELS:
        con.execute(read_sql(HERE / model))
    return {
        table: con.execute(f"SELECT count(*) FROM marts.{table}").fetchall()[0][0]
        for table in ("dim_teams", "fct_sprints", "fct_sprint_issues")
    }


def _register_config(con, sources, team_boards) -> None:
    # The config reaches SQL as two small temporary tables, so models stay plain SQL files.
    source_frame = pd.DataFrame(
        [(s.source_name, s.estimate_field) for s in sources],
        columns=["source_name", "estimate_field"],
    ).astype({"source_name": "str", "estimate_field": "str"})
    board_frame = pd.DataFrame(
        [(t.team, t.source_name, t.board_id) for t in team_boards],
        columns=["team", "source_name", "board_id"],
    ).astype({"team": "str", "source_name": "str", "board_id": "int64"})
    for name, frame in (("cfg_jira_sources", source_frame), ("cfg_team_boards", board_frame)):
        con.register(f"{name}_frame", frame)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {name}_frame")
        con.unregister(f"{name}_frame")
