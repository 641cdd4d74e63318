"""Surveys from export to verdict: read each new file, check every response with the
survey suite, split the responses into those that land and those quarantined.

Duplicates: one respondent answering twice in the same wave of the same file keeps the newest
answer (people re-submit to correct themselves); the earlier ones are quarantined, naming the
row that superseded them. Across files the staging model keeps one answer per respondent and
wave, so cumulative exports (each holding every answer so far) are not counted twice.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from connectors.files.surveys import HOURS_FIELDS, OVERHEAD_FIELDS, SurveyExport, read_survey
from pipelines.file_rejects import (
    Verdict,
    critical_messages,
    failures_with_reasons,
    missing_columns_text,
    quarantine_frame,
    shas_of,
)
from pipelines.file_settings import SurveySourceSettings
from warehouse.quality.frame_runner import ROW_ID, validate_frame
from warehouse.quality.suites_files import SURVEY_ROWS, for_source

KIND = "surveys"
DUPLICATE_CHECK = "unique:respondent_wave"
RAW_COLUMNS = ("respondent_hash", "team", "wave", "submitted_at", *HOURS_FIELDS)


def read_file(data: bytes, suffix: str, source: SurveySourceSettings, salt: bytes) -> SurveyExport:
    return read_survey(
        data,
        suffix=suffix,
        salt=salt,
        survey_format=source.format,
        columns=source.columns.model_dump(),
        encoding=source.encoding,
        delimiter=source.delimiter,
        day_first=source.day_first,
        sheet=source.sheet,
    )


def judge(reads: list[tuple[dict, SurveyExport]], source: SurveySourceSettings) -> Verdict:
    """`reads`: (file: path, sha256, labels), export) for each new file of the source."""
    files = [
        {**f, "labels": {**e.labels, "respondent_hash": e.labels.get("respondent")}}
        for f, e in reads
    ]
    suites = {n: for_source(s, source.name) for n, s in {"SURVEY_ROWS": SURVEY_ROWS}.items()}
    frame = _frame(reads, source.wave_gap_days)
    report = validate_frame(frame, suites["SURVEY_ROWS"])
    failures = failures_with_reasons(report, suites["SURVEY_ROWS"])
    refusals = critical_messages(report, failures, frame, [f["path"] for f in files])
    if refusals:
        return Verdict(outcomes=report.outcomes, refusals=refusals)
    failures = _superseded(failures, frame)
    quarantine = quarantine_frame(
        failures,
        frame,
        kind=KIND,
        source_name=source.name,
        record_kind="response",
        key_column="respondent_hash",
        files=files,
    )
    accepted = frame[~frame[ROW_ID].isin(failures[ROW_ID])] if len(failures) else frame
    return Verdict(
        outcomes=report.outcomes,
        quarantine=quarantine,
        accepted={"survey_responses": _raw_rows(accepted, files)},
    )


def file_counts(verdict: Verdict, reads: list[tuple[dict, SurveyExport]]) -> list[dict]:
    accepted = verdict.accepted["survey_responses"]
    quarantined = verdict.quarantine
    counts = []
    for index, (_, export) in enumerate(reads):
        mine = accepted["file_index"] == index
        bad = quarantined[quarantined["file_index"] == index] if len(quarantined) else quarantined
        counts.append(
            {
                "rows_read": export.rows_read,
                "rows_loaded": int(mine.sum()),
                "rows_quarantined": bad["row_number"].nunique() if len(bad) else 0,
                "rows_incomplete": int((mine & ~accepted["is_complete"]).sum()),
            }
        )
    return counts


def _frame(reads: list[tuple[dict, SurveyExport]], gap_days: int) -> pd.DataFrame:
    parts, offset = [], 0
    for index, (_, export) in enumerate(reads):
        part = export.frame  # the export's own frame: no copy of a million rows
        part["file_index"] = index
        part[ROW_ID] = np.arange(offset, offset + len(part), dtype="int64")
        offset += len(part)
        part["missing_columns"] = missing_columns_text(export.missing)
        present = [f for f in OVERHEAD_FIELDS if f in part]
        part["overhead_hours"] = (
            part[present].sum(axis=1, min_count=len(OVERHEAD_FIELDS))
            if len(present) == len(OVERHEAD_FIELDS)
            else np.nan
        )
        part["wave_key"] = _wave_keys(part, gap_days)
        parts.append(part)
    frame = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)
    frame["missing_columns"] = frame["missing_columns"].astype("object")
    if "respondent_hash" in frame:
        # One number per (file, respondent, wave), from integer codes: equal numbers are the
        # same respondent twice in one wave of one file; null without a respondent.
        who, _ = pd.factorize(frame["respondent_hash"])
        wave, waves = pd.factorize(frame["wave_key"])
        files = frame["file_index"].to_numpy()
        number = (files * (len(frame) + 1) + who) * (len(waves) + 1) + wave
        frame["respondent_wave"] = pd.Series(number, index=frame.index).where(
            (who >= 0) & (wave >= 0)
        )
    return frame


def _wave_keys(part: pd.DataFrame, gap_days: int) -> pd.Series:
    """The wave as exported when mapped and given, else bursts of answers: a gap of more than
    `gap_days` between consecutive answers in the file starts a new wave."""
    if "submitted_at" not in part:
        return pd.Series(None, index=part.index, dtype="object")
    when = part["submitted_at"].dropna().sort_values()
    burst = (when.diff() > pd.Timedelta(days=gap_days)).cumsum()
    keys = ("burst " + burst.astype("str")).reindex(part.index).astype("str")
    if "wave" in part:
        wave = part["wave"].fillna("").astype("str")
        keys = keys.mask(wave != "", "wave " + wave)
    return keys


def _superseded(failures: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    dupes = failures[failures["check_id"] == DUPLICATE_CHECK]
    if dupes.empty:
        return failures
    rows = frame.loc[frame[ROW_ID].isin(dupes[ROW_ID])].sort_values(
        ["submitted_at", "row_number"], na_position="first"
    )
    group = ["file_index", "respondent_hash", "wave_key"]
    newest = rows.groupby(group)[[ROW_ID, "row_number"]].transform("last")
    keepers = set(newest[ROW_ID])
    by_row = dict(zip(rows[ROW_ID], newest["row_number"], strict=True))
    others = failures[failures["check_id"] != DUPLICATE_CHECK]
    dupes = dupes[~dupes[ROW_ID].isin(keepers)].copy()
    dupes["reason"] = (
        dupes["reason"] + ": superseded by row " + dupes[ROW_ID].map(by_row).astype("str")
    )
    # The check read a number standing for (file, respondent, wave): name the respondent.
    hashes = dict(zip(rows[ROW_ID], rows["respondent_hash"], strict=True))
    dupes["value"] = dupes[ROW_ID].map(hashes)
    dupes["field"] = "respondent_hash"
    return pd.concat([others, dupes], ignore_index=True)


def _raw_rows(accepted: pd.DataFrame, files: list[dict]) -> pd.DataFrame:
    rows = pd.DataFrame(
        {
            "file_index": accepted["file_index"].to_numpy(),
            "file_sha256": shas_of(accepted["file_index"], files),
            "row_number": accepted["row_number"].astype("int64").to_numpy(),
        }
    )
    for name in RAW_COLUMNS:
        rows[name] = accepted[name].array if name in accepted else None
    rows["is_complete"] = accepted["is_complete"].astype("bool").to_numpy()
    rows["incomplete_reason"] = accepted["incomplete_reason"].array
    return rows
