"""Outcome metrics from export to verdict: every observation checked, the good ones land. A
second row with the same metric, date and team in one file is quarantined (the first holds)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from connectors.files.outcomes import OutcomeExport, read_outcomes
from pipelines.file_rejects import (
    Verdict,
    critical_messages,
    failures_with_reasons,
    missing_columns_text,
    quarantine_frame,
    shas_of,
)
from pipelines.file_settings import OutcomeSourceSettings
from warehouse.quality.frame_runner import ROW_ID, validate_frame
from warehouse.quality.suites_files import OUTCOME_ROWS, for_source

KIND = "outcomes"
DUPLICATE_CHECK = "unique:file_index,metric,metric_date,team_key"


def read_file(data: bytes, suffix: str, source: OutcomeSourceSettings) -> OutcomeExport:
    columns = source.columns.model_dump()
    return read_outcomes(
        data,
        suffix=suffix,
        columns={"metric_date": columns.pop("date"), **columns},
        encoding=source.encoding,
        delimiter=source.delimiter,
        day_first=source.day_first,
        sheet=source.sheet,
    )


def judge(reads: list[tuple[dict, OutcomeExport]], source: OutcomeSourceSettings) -> Verdict:
    files = [{**f, "labels": e.labels} for f, e in reads]
    suites = {n: for_source(s, source.name) for n, s in {"OUTCOME_ROWS": OUTCOME_ROWS}.items()}
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
    frame["team_key"] = frame["team"].fillna("").astype("str")
    report = validate_frame(frame, suites["OUTCOME_ROWS"])
    failures = failures_with_reasons(report, suites["OUTCOME_ROWS"])
    refusals = critical_messages(report, failures, frame, [f["path"] for f in files])
    if refusals:
        return Verdict(outcomes=report.outcomes, refusals=refusals)
    failures = _first_kept(failures, frame)
    quarantine = quarantine_frame(
        failures,
        frame,
        kind=KIND,
        source_name=source.name,
        record_kind="outcome",
        key_column="metric",
        files=files,
    )
    good = frame[~frame[ROW_ID].isin(failures[ROW_ID])]
    rows = pd.DataFrame(
        {
            "file_index": good["file_index"].to_numpy(),
            "file_sha256": shas_of(good["file_index"], files),
            "row_number": good["row_number"].astype("int64").to_numpy(),
            "metric_date": good["metric_date"].to_numpy(),
            "metric": good["metric"].array,
            "value": good["value"].to_numpy(),
            "team": good["team"].array,
        }
    )
    return Verdict(
        outcomes=report.outcomes, quarantine=quarantine, accepted={"outcome_metrics": rows}
    )


def file_counts(verdict: Verdict, reads: list[tuple[dict, OutcomeExport]]) -> list[dict]:
    q, good = verdict.quarantine, verdict.accepted["outcome_metrics"]
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


def _first_kept(failures: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    dupes = failures[failures["check_id"] == DUPLICATE_CHECK]
    if dupes.empty:
        return failures
    rows = frame[frame[ROW_ID].isin(dupes[ROW_ID])].sort_values("row_number")
    key = ["file_index", "metric_date", "metric", "team_key"]
    first = rows.groupby(key, dropna=False)[[ROW_ID, "row_number"]].transform("first")
    firsts = dict(zip(rows[ROW_ID], first["row_number"], strict=True))
    dupes = dupes[~dupes[ROW_ID].isin(set(first[ROW_ID]))].copy()
    dupes["reason"] = (
        dupes["reason"] + " (first on row " + dupes[ROW_ID].map(firsts).astype("str") + ")"
    )
    return pd.concat([failures[failures["check_id"] != DUPLICATE_CHECK], dupes], ignore_index=True)
