"""Rebuild staging and marts from raw, in order, inside the caller's transaction."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from warehouse.file_models import FileModelConfig, register_files
from warehouse.github_models import GithubModelConfig, register_github
from warehouse.sql import read_sql
from warehouse.work_models import WorkMarkers, register_work_markers

HERE = Path(__file__).parent

# Order matters: each model reads only those before it.
MODELS: tuple[str, ...] = (
    "staging/jira_raw_parsed.sql",
    "staging/jira_fields.sql",
    "staging/jira_boards.sql",
    "staging/jira_issues.sql",
    "staging/jira_field_history.sql",
    "marts/dim_teams.sql",
    "marts/fct_sprint_issues.sql",
    "marts/dim_issues.sql",
    "staging/jira_work_items.sql",
    "marts/fct_work_items.sql",
    "marts/fct_sprint_reconciliation.sql",
    "marts/fct_sprints.sql",
    "staging/github_activity.sql",
    "staging/github_documents.sql",
    "marts/fct_document_commits.sql",
    "marts/dim_team_repos.sql",
    "marts/fct_releases.sql",
    "marts/fct_experiments.sql",
    "marts/fct_playbook_processes.sql",
    "marts/fct_metrics_dictionary.sql",
    "staging/file_sources.sql",
    "staging/survey_responses.sql",
    "staging/jira_launches.sql",
    "staging/launches.sql",
    "staging/outcome_metrics.sql",
    "marts/fct_survey_responses.sql",
    "marts/dim_pm_costs.sql",
    "marts/fct_launches.sql",
    "marts/fct_outcome_metrics.sql",
    "staging/feedback_items.sql",
    "marts/fct_feedback_items.sql",
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
    github: GithubModelConfig | None = None,
    files: FileModelConfig | None = None,
    timings: dict[str, float] | None = None,
    work: WorkMarkers | None = None,
) -> dict[str, int]:
    """Run every model; return row counts of the marts. The caller commits or rolls back.

    `timings`, when given, receives the seconds each model took (for benchmarks and logs).
    `work`: how work is marked in Jira ([evidence]); None: the defaults.
    """
    _register_config(con, sources, team_boards)
    register_github(con, github)
    register_files(con, files)
    register_work_markers(con, work)
    # No model relies on the physical order of rows, and keeping it would serialise the
    # parsing and unnesting of millions of changelog items on one thread.
    ordered = con.execute("SELECT current_setting('preserve_insertion_order')").fetchall()[0][0]
    con.execute("SET preserve_insertion_order = false")
    try:
        for model in MODELS:
            started = time.perf_counter()
            con.execute(read_sql(HERE / model))
            if timings is not None:
                timings[model] = time.perf_counter() - started
    finally:
        with contextlib.suppress(duckdb.Error):  # in a failed transaction: the caller's error
            con.execute(f"SET preserve_insertion_order = {'true' if ordered else 'false'}")
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


def reconciliation_summary(con: duckdb.DuckDBPyConnection) -> dict:
    """How far the reconstruction agrees with Jira's own sprint reports, once the models ran.

    Returns the counts and `agreement_pct` (issues on which both agree / issues compared, over
    every sprint Jira reported; None when Jira reported none), plus `line`, a sentence for the
    run's output. The differing issues, with their reasons, are in marts.fct_sprint_reconciliation.
    """
    cursor = con.execute(read_sql(HERE / "marts" / "sprint_reconciliation_summary.sql"))
    names = [d[0] for d in cursor.description]
    summary = dict(zip(names, cursor.fetchall()[0], strict=True))
    summary["differing_by_reason"] = dict(summary["differing_by_reason"] or {})
    compared, differing = summary["issues_compared"], summary["issues_differing"]
    summary["agreement_pct"] = 100.0 * (compared - differing) / compared if compared else None
    summary["line"] = _summary_line(summary)
    return summary


def _summary_line(s: dict) -> str:
    if not s["sprints_with_report"]:
        return (
            f"sprint reports: Jira gave none for the {s['closed_sprints']:,} closed sprints; "
            "figures are reconstructed from the issue history"
        )
    reasons = ", ".join(f"{k} {v:,}" for k, v in sorted(s["differing_by_reason"].items()))
    return (
        f"sprint reports: Jira reported {s['sprints_with_report']:,} of "
        f"{s['closed_sprints']:,} closed sprints; {s['sprints_reconciled']:,} agree issue by "
        f"issue; {s['issues_compared'] - s['issues_differing']:,} of {s['issues_compared']:,} "
        f"issues agree ({s['agreement_pct']:.1f}%)"
        + (f"; differences: {reasons} (marts.fct_sprint_reconciliation)" if reasons else "")
    )
