"""From a one-table export (one record per row: outcome metrics, feedback items) to a verdict:
the rows of every new file checked together, quarantined row by row, the rest accepted. Shared
by the outcome and feedback loaders; each says which suite, which columns land and what a
duplicate is."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipelines.file_rejects import (
    Verdict,
    critical_messages,
    failures_with_reasons,
    missing_columns_text,
    quarantine_frame,
    shas_of,
)
from warehouse.quality.checks import Suite
from warehouse.quality.frame_runner import ROW_ID, validate_frame
from warehouse.quality.suites_files import for_source


@dataclass(frozen=True)
class RowTable:
    kind: str  # the source kind, e.g. "feedback"
    suite: Suite
    table: str  # the raw table accepted rows land in
    columns: Sequence[str]  # what lands besides file_sha256 and row_number
    record_kind: str  # meta.quarantine record_kind
    key_column: str  # meta.quarantine record_key
    duplicate_key: Sequence[str]  # the compound-unique check whose later rows are refused
    prepare: Callable[[pd.DataFrame], None] | None = None  # adds columns the suite reads


def reading_options(source) -> dict:
    """How a file source's exports are read: the `_FileSource` keys every reader takes."""
    return {
        "encoding": source.encoding,
        "delimiter": source.delimiter,
        "day_first": source.day_first,
        "sheet": source.sheet,
    }


def judge_rows(reads: list[tuple[dict, object]], source_name: str, spec: RowTable) -> Verdict:
    """`reads`: (file facts with path and sha256, export with frame, labels, missing)."""
    files = [{**f, "labels": e.labels} for f, e in reads]
    suite = for_source(spec.suite, source_name)
    parts, offset = [], 0
    for index, (_, export) in enumerate(reads):
        part = export.frame.rename(columns={"record_row": "row_number"})
        part["file_index"] = index
        part[ROW_ID] = np.arange(offset, offset + len(part), dtype="int64")
        offset += len(part)
        part["missing_columns"] = missing_columns_text(export.missing)
        parts.append(part)
    frame = pd.concat(parts, ignore_index=True)
    frame["missing_columns"] = frame["missing_columns"].astype("object")
    if spec.prepare is not None:
        spec.prepare(frame)
    report = validate_frame(frame, suite)
    failures = failures_with_reasons(report, suite)
    refusals = critical_messages(report, failures, frame, [f["path"] for f in files])
    if refusals:
        return Verdict(outcomes=report.outcomes, refusals=refusals)
    failures = first_of_duplicates_kept(failures, frame, spec.duplicate_key)
    quarantine = quarantine_frame(
        failures,
        frame,
        kind=spec.kind,
        source_name=source_name,
        record_kind=spec.record_kind,
        key_column=spec.key_column,
        files=files,
    )
    good = frame[~frame[ROW_ID].isin(failures[ROW_ID])]
    rows = good[["file_index", *spec.columns]].reset_index(drop=True)
    rows.insert(1, "file_sha256", shas_of(rows["file_index"], files))
    rows.insert(2, "row_number", good["row_number"].astype("int64").to_numpy())
    return Verdict(outcomes=report.outcomes, quarantine=quarantine, accepted={spec.table: rows})


def row_counts(verdict: Verdict, reads: list[tuple[dict, object]], table: str) -> list[dict]:
    """Per file: rows read, loaded and quarantined (read = loaded + quarantined)."""
    q, good = verdict.quarantine, verdict.accepted[table]
    return [
        {
            "rows_read": export.rows_read,
            "rows_loaded": int((good["file_index"] == index).sum()),
            "rows_quarantined": int(q.loc[q["file_index"] == index, ROW_ID].nunique())
            if len(q)
            else 0,
        }
        for index, (_, export) in enumerate(reads)
    ]


def first_of_duplicates_kept(
    failures: pd.DataFrame, frame: pd.DataFrame, key: Sequence[str]
) -> pd.DataFrame:
    """The rows the `unique` check on `key` refused, less the first of each key: it holds,
    and the later ones say which row came first."""
    check = "unique:" + ",".join(key)
    dupes = failures[failures["check_id"] == check]
    if dupes.empty:
        return failures
    rows = frame[frame[ROW_ID].isin(dupes[ROW_ID])].sort_values("row_number")
    first = rows.groupby(list(key), dropna=False)[[ROW_ID, "row_number"]].transform("first")
    firsts = dict(zip(rows[ROW_ID], first["row_number"], strict=True))
    dupes = dupes[~dupes[ROW_ID].isin(set(first[ROW_ID]))].copy()
    dupes["reason"] = (
        dupes["reason"] + " (first on row " + dupes[ROW_ID].map(firsts).astype("str") + ")"
    )
    return pd.concat([failures[failures["check_id"] != check], dupes], ignore_index=True)
