"""From Great Expectations' failing rows to meta.quarantine rows, and the file-level verdict.

Shared by the survey, launch and outcome loaders: a check's `why` is the reason, the field is
the column the check reads (without `_unreadable`), and the export's own column name is
looked up in the file's column map, so a quarantine row points where the analyst looks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from warehouse.quality.checks import CRITICAL, Suite
from warehouse.quality.frame_runner import FILE_INDEX, ROW_ID, FrameReport
from warehouse.quality.runner import Outcome


@dataclass
class Verdict:
    """What validation decided for one source's new files."""

    outcomes: list[Outcome] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)  # file-level: the source does not land
    quarantine: pd.DataFrame = field(default_factory=pd.DataFrame)  # meta.quarantine rows
    accepted: dict[str, pd.DataFrame] = field(default_factory=dict)  # raw table -> rows


# An e-mail address in a cell the mapping did not mean as the respondent (a column mapped by
# mistake) must not reach the quarantine, the expectation samples or the log either.
_EMAIL = re.compile(r"[^\s@,;]+@[^\s@,;]+")


def redact(value: object) -> object:
    return _EMAIL.sub("<e-mail address>", value) if isinstance(value, str) else value


def redacted(outcomes: list[Outcome]) -> list[Outcome]:
    """The outcomes with e-mail addresses in their samples of offending values masked."""
    return [replace(o, sample=[redact(v) for v in o.sample]) for o in outcomes]


def field_of(column: str) -> str:
    return column.removesuffix("_unreadable")


def failures_with_reasons(report: FrameReport, suite: Suite) -> pd.DataFrame:
    """report.failures (row_id, check_id, value) plus field, reason and severity. The rows of
    a critical check count only when the check failed (a `mostly` check that passed still
    lists its few unexpected rows: their own row-level check quarantines them)."""
    checks = {c.check_id: c for c in suite.checks}
    passed = {o.check.check_id for o in report.outcomes if o.success}
    failures = report.failures[
        ~report.failures["check_id"]
        .map(lambda cid: checks[cid].severity == CRITICAL and cid in passed)
        .astype("bool")
    ].copy()
    failures["field"] = failures["check_id"].map(
        lambda cid: next((field_of(c) for c in checks[cid].columns if c != FILE_INDEX), None)
    )
    failures["reason"] = failures["check_id"].map(lambda cid: checks[cid].why)
    failures["severity"] = failures["check_id"].map(lambda cid: checks[cid].severity)
    # One reason per cell and row-level problem: "not a number" already says why the value
    # is missing too. (File-level checks keep all their rows, to name the files.)
    row_level = failures[failures["severity"] != CRITICAL]
    first = row_level["check_id"].str.startswith("readable:").map({True: 0, False: 1})
    row_level = row_level.assign(_order=first).sort_values("_order", kind="stable")
    row_level = row_level.drop_duplicates([ROW_ID, "field"]).drop(columns="_order")
    return pd.concat([failures[failures["severity"] == CRITICAL], row_level], ignore_index=True)


def critical_messages(
    report: FrameReport, failures: pd.DataFrame, frame: pd.DataFrame, files: list[str]
) -> list[str]:
    """One readable line per file and critical check that failed."""
    lines = []
    critical = failures[failures["severity"] == CRITICAL]
    located = critical.merge(frame[[ROW_ID, "file_index"]], on=ROW_ID, how="left")
    for (_, file_index), rows in located.groupby(["check_id", "file_index"]):
        sample = rows["value"].dropna().astype("str").head(1).tolist()
        example = f" (e.g. {redact(sample[0])!r})" if sample else ""
        lines.append(f"{files[int(file_index)]}: {rows['reason'].iloc[0]}{example}")
    for outcome in report.critical_failures:
        if outcome.error == "column missing":
            continue  # the file that lacks it is named by the columns_present check
        if outcome.error or not len(critical[critical["check_id"] == outcome.check.check_id]):
            detail = outcome.error or outcome.describe()
            lines.append(f"{outcome.suite.name}: {outcome.check.why} ({detail})")
    return lines


def quarantine_frame(
    failures: pd.DataFrame,
    frame: pd.DataFrame,
    *,
    kind: str,
    source_name: str,
    record_kind: str,
    key_column: str | None,
    files: list[dict],
) -> pd.DataFrame:
    """meta.quarantine rows for the failing rows of `frame` (which carries row_id, file_index
    and row_number); `files[i]` has path, sha256 and labels (field -> export column)."""
    if failures.empty:
        return pd.DataFrame()
    keep = [ROW_ID, "file_index", "row_number"] + ([key_column] if key_column else [])
    rows = failures.merge(frame[keep], on=ROW_ID, how="left")
    paths = [f["path"] for f in files]
    shas = [f["sha256"] for f in files]
    labels = [f["labels"] for f in files]
    index = rows["file_index"].astype("int64")
    return pd.DataFrame(
        {
            "file_index": index,
            ROW_ID: rows[ROW_ID].to_numpy(),
            "source_kind": kind,
            "source_name": source_name,
            "file_path": index.map(lambda i: paths[i]),
            "file_sha256": index.map(lambda i: shas[i]),
            "row_number": rows["row_number"].astype("int64"),
            "record_kind": record_kind,
            "record_key": rows[key_column].astype("object") if key_column else None,
            "field": rows["field"],
            "column_name": [
                labels[i].get(f, f) if isinstance(f, str) else None
                for i, f in zip(index, rows["field"], strict=True)
            ],
            "value": rows["value"].map(redact).astype("object"),
            "reason": rows["reason"],
            "expectation_id": rows["check_id"],
        }
    )


def shas_of(file_index: pd.Series, files: list[dict]) -> np.ndarray:
    """Each row's file content hash: one shared string per file, not one per row."""
    return np.array([f["sha256"] for f in files], dtype=object)[file_index.to_numpy()]


def missing_columns_text(missing: dict[str, str]) -> str | None:
    """For the critical `missing_columns` check: what the export lacks, or None."""
    if not missing:
        return None
    return "; ".join(f"{name} (looked for {wanted})" for name, wanted in missing.items())
