"""Outcome metrics from export to verdict: every observation checked, the good ones land. A
second row with the same metric, date and team in one file is quarantined (the first holds)."""

from __future__ import annotations

import pandas as pd

from connectors.files.outcomes import OutcomeExport, read_outcomes
from pipelines.file_rejects import Verdict
from pipelines.file_rows import RowTable, judge_rows, reading_options, row_counts
from pipelines.file_settings import OutcomeSourceSettings
from warehouse.quality.suites_files import OUTCOME_ROWS

KIND = "outcomes"


def _team_key(frame: pd.DataFrame) -> None:
    # A blank team is the whole organisation: one key, so two blank rows are duplicates.
    frame["team_key"] = frame["team"].fillna("").astype("str")


ROWS = RowTable(
    kind=KIND,
    suite=OUTCOME_ROWS,
    table="outcome_metrics",
    columns=("metric_date", "metric", "value", "team"),
    record_kind="outcome",
    key_column="metric",
    duplicate_key=("file_index", "metric", "metric_date", "team_key"),
    prepare=_team_key,
)


def read_file(data: bytes, suffix: str, source: OutcomeSourceSettings) -> OutcomeExport:
    columns = source.columns.model_dump()
    return read_outcomes(
        data,
        suffix=suffix,
        columns={"metric_date": columns.pop("date"), **columns},
        **reading_options(source),
    )


def judge(reads: list[tuple[dict, OutcomeExport]], source: OutcomeSourceSettings) -> Verdict:
    return judge_rows(reads, source.name, ROWS)


def file_counts(verdict: Verdict, reads: list[tuple[dict, OutcomeExport]]) -> list[dict]:
    return row_counts(verdict, reads, ROWS.table)
