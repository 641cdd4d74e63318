"""Customer-feedback exports from file to verdict: every item checked, the good ones land. A
second row with the same id in one file is quarantined (the first holds); a blank team lands
(the item still counts for the epics it links), a team not configured lands as written."""

from __future__ import annotations

from pathlib import Path

from connectors.files.feedback import FeedbackExport, read_feedback
from pipelines.feedback_settings import FeedbackSourceSettings
from pipelines.file_rejects import Verdict
from pipelines.file_rows import RowTable, judge_rows, reading_options, row_counts
from warehouse.quality.suites_files import FEEDBACK_ROWS

KIND = "feedback"
SPREADSHEETS = {".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls"}
ROWS = RowTable(
    kind=KIND,
    suite=FEEDBACK_ROWS,
    table="feedback_items",
    columns=("feedback_id", "received_date", "team", "jira_keys"),
    record_kind="feedback",
    key_column="feedback_id",
    duplicate_key=("file_index", "feedback_id"),
)


def is_export(path: Path, source: FeedbackSourceSettings) -> bool:
    """With format auto, only spreadsheet files; with csv or xlsx, every file matched."""
    return source.format != "auto" or path.suffix.lower() in SPREADSHEETS


def read_file(data: bytes, path: Path, source: FeedbackSourceSettings) -> FeedbackExport:
    suffix = {"csv": ".csv", "xlsx": ".xlsx"}.get(source.format, path.suffix)
    return read_feedback(
        data, suffix=suffix, columns=source.columns.model_dump(), **reading_options(source)
    )


def judge(reads: list[tuple[dict, FeedbackExport]], source: FeedbackSourceSettings) -> Verdict:
    return judge_rows(reads, source.name, ROWS)


def file_counts(verdict: Verdict, reads: list[tuple[dict, FeedbackExport]]) -> list[dict]:
    return row_counts(verdict, reads, ROWS.table)
