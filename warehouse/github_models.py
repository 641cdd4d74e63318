"""What the GitHub models need besides raw: the configuration, and the metrics dictionaries read.

The configuration reaches SQL as small temporary tables (as the Jira models get theirs):
cfg_github_sources, cfg_github_process_patterns, cfg_github_experiment_labels and
cfg_github_team_repos. A metrics dictionary is YAML or Markdown, which SQL cannot read, so
each version landed is read here (warehouse/metrics_dictionary.py) into the temporary table
github_dictionary_summaries before the models run: still a pure function of raw and config.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from warehouse.metrics_dictionary import summarise
from warehouse.sql import read_sql

DICTIONARY_TEXTS = Path(__file__).parent / "staging" / "github_dictionary_texts.sql"


@dataclass(frozen=True)
class ProcessPattern:
    process_id: str
    process_name: str
    file_pattern: str | None  # searched in a page's file name, case-insensitively
    heading_pattern: str | None  # searched in its headings (levels 1-3)


@dataclass(frozen=True)
class GithubSourceConfig:
    source_name: str
    playbook_repo: str | None = None
    playbook_path: str = ""
    dictionary_repo: str | None = None
    dictionary_path: str | None = None
    launch_repo: str | None = None
    launch_path: str | None = None
    experiment_labels: tuple[str, ...] = ()
    patterns: tuple[ProcessPattern, ...] = ()


@dataclass(frozen=True)
class TeamRepo:
    team: str
    source_name: str
    repo_full_name: str


@dataclass(frozen=True)
class GithubModelConfig:
    sources: tuple[GithubSourceConfig, ...] = ()
    team_repos: tuple[TeamRepo, ...] = ()


def register_github(con: duckdb.DuckDBPyConnection, config: GithubModelConfig | None) -> None:
    """Create the temporary tables the GitHub models read (empty without GitHub sources)."""
    config = config or GithubModelConfig()
    frames = {
        "cfg_github_sources": pd.DataFrame(
            [
                (
                    s.source_name,
                    s.playbook_repo,
                    s.playbook_path,
                    s.dictionary_repo,
                    s.dictionary_path,
                    s.launch_repo,
                    s.launch_path,
                )
                for s in config.sources
            ],
            columns=[
                "source_name",
                "playbook_repo",
                "playbook_path",
                "dictionary_repo",
                "dictionary_path",
                "launch_repo",
                "launch_path",
            ],
        ),
        "cfg_github_process_patterns": pd.DataFrame(
            [
                (
                    s.source_name,
                    p.process_id,
                    p.process_name,
                    order,
                    p.file_pattern,
                    p.heading_pattern,
                )
                for s in config.sources
                if s.playbook_repo
                for order, p in enumerate(s.patterns, start=1)
            ],
            columns=[
                "source_name",
                "process_id",
                "process_name",
                "process_order",
                "file_pattern",
                "heading_pattern",
            ],
        ),
        "cfg_github_experiment_labels": pd.DataFrame(
            [(s.source_name, label) for s in config.sources for label in s.experiment_labels],
            columns=["source_name", "label"],
        ),
        "cfg_github_team_repos": pd.DataFrame(
            [(t.team, t.source_name, t.repo_full_name) for t in config.team_repos],
            columns=["team", "source_name", "repo_full_name"],
        ),
    }
    for name, frame in frames.items():
        _temp_table(con, name, frame)
    _register_dictionaries(con)


def _register_dictionaries(con: duckdb.DuckDBPyConnection) -> None:
    rows = []
    for source, repo, path, sha, text in con.execute(read_sql(DICTIONARY_TEXTS)).fetchall():
        summary = summarise(text, path)
        drivers = list(summary.drivers)
        rows.append(
            (
                source,
                repo,
                path,
                sha,
                summary.format,
                summary.north_star,
                drivers,
                summary.parse_error,
            )
        )
    frame = pd.DataFrame(
        rows,
        columns=[
            "source_name",
            "repo_full_name",
            "path",
            "sha",
            "format",
            "north_star",
            "drivers",
            "parse_error",
        ],
    )
    _temp_table(con, "github_dictionary_summaries", frame, lists=("drivers",))


def _temp_table(con, name: str, frame: pd.DataFrame, lists: tuple[str, ...] = ()) -> None:
    # Every column is text (or a list of text); an empty frame must keep those types too.
    def sql_type(column: str) -> str:
        if column in lists:
            return "VARCHAR[]"
        return "INTEGER" if column.endswith("_order") else "VARCHAR"

    columns = ", ".join(f"CAST({c} AS {sql_type(c)}) AS {c}" for c in frame.columns)
    view = f"{name}_frame"
    con.register(view, frame.astype({c: "object" for c in frame.columns}))
    try:
        # The names come from this module, never from input.
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT {columns} FROM {view}")
    finally:
        con.unregister(view)
