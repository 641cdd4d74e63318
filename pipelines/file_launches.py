"""Launch checklists from export to verdict. A launch lands whole or not at all: when the
launch or any of its checklist items fails a check, the launch and every item of it are
quarantined (each problem with its own reason, the other rows naming the problem that took
them along), so a readiness figure never rests on a half-read checklist.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from connectors.files.launch_docs import read_launch_markdown, read_launch_yaml
from connectors.files.launch_records import LaunchExport
from connectors.files.launch_tables import read_launch_table
from pipelines.file_rejects import (
    Verdict,
    critical_messages,
    failures_with_reasons,
    missing_columns_text,
    quarantine_frame,
    shas_of,
)
from pipelines.file_settings import LaunchSourceSettings
from warehouse.quality.frame_runner import ROW_ID, validate_frame
from warehouse.quality.suites_files import ITEM_ROWS, LAUNCH_ROWS, for_source

KIND = "launches"
TABLE_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls"}
YAML_SUFFIXES = {".yaml", ".yml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
COMPANION = "kep.yaml"  # Kubernetes: a KEP's metadata beside its README.md
LAUNCH_RAW = (
    "launch_id",
    "launch_name",
    "team",
    "planned_date",
    "actual_date",
    "adoption_target",
    "adoption_actual",
    "has_checklist",
)


def reader_for(path: Path, source: LaunchSourceSettings) -> str | None:
    """csv (CSV and XLSX tables), yaml or markdown; None for a file that is no launch export."""
    wanted = {"csv": "csv", "xlsx": "csv", "yaml": "yaml", "markdown": "markdown"}
    if source.format in wanted:
        return wanted[source.format]
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        return "csv"
    if suffix in YAML_SUFFIXES:
        return "yaml"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    return None


def companion_of(path: Path) -> Path | None:
    candidate = path.with_name(COMPANION)
    return candidate if path.suffix.lower() in MARKDOWN_SUFFIXES and candidate.is_file() else None


def read_file(
    data: bytes, path: Path, source: LaunchSourceSettings, companion: bytes | None
) -> LaunchExport:
    reader = reader_for(path, source)
    options = {"encoding": source.encoding, "day_first": source.day_first}
    if reader == "yaml":
        return read_launch_yaml(data, **options)
    if reader == "markdown":
        return read_launch_markdown(
            data,
            path=path.name,
            companion=companion,
            milestone_dates={k: v.isoformat() for k, v in source.milestone_dates.items()},
            **options,
        )
    return read_launch_table(
        data,
        suffix=path.suffix,
        columns=source.columns.model_dump(),
        delimiter=source.delimiter,
        sheet=source.sheet,
        **options,
    )


def judge(reads: list[tuple[dict, LaunchExport]], source: LaunchSourceSettings) -> Verdict:
    files = [{**f, "labels": e.labels} for f, e in reads]
    suites = {
        n: for_source(s, source.name)
        for n, s in {"LAUNCH_ROWS": LAUNCH_ROWS, "ITEM_ROWS": ITEM_ROWS}.items()
    }
    launches, items = _frames(reads, source)
    launch_report = validate_frame(launches, suites["LAUNCH_ROWS"])
    item_report = validate_frame(items, suites["ITEM_ROWS"])
    outcomes = launch_report.outcomes + item_report.outcomes
    launch_failures = failures_with_reasons(launch_report, suites["LAUNCH_ROWS"])
    item_failures = failures_with_reasons(item_report, suites["ITEM_ROWS"])
    paths = [f["path"] for f in files]
    refusals = critical_messages(launch_report, launch_failures, launches, paths)
    refusals += critical_messages(item_report, item_failures, items, paths)
    if refusals:
        return Verdict(outcomes=outcomes, refusals=refusals)
    launch_failures = _first_of_duplicates_kept(launch_failures, launches)
    launch_failures, item_failures = _whole_launches(
        launches, items, launch_failures, item_failures
    )
    common = {"kind": KIND, "source_name": source.name, "files": files}
    quarantine = pd.concat(
        [
            quarantine_frame(
                launch_failures, launches, record_kind="launch", key_column="launch_id", **common
            ),
            quarantine_frame(
                item_failures, items, record_kind="item", key_column="launch_id", **common
            ),
        ],
        ignore_index=True,
    )
    good_launches = _without(launches, launch_failures)
    good_items = _without(items, item_failures)
    return Verdict(
        outcomes=outcomes,
        quarantine=quarantine,
        accepted={
            "launches": _raw(good_launches, LAUNCH_RAW, files),
            "launch_items": _raw(
                good_items,
                ("launch_id", "item_position", "item_depth", "item_name", "is_done", "done_date"),
                files,
            ),
        },
    )


def file_counts(verdict: Verdict, reads: list[tuple[dict, LaunchExport]]) -> list[dict]:
    q = verdict.quarantine
    counts = []
    for index, (_, export) in enumerate(reads):
        bad = q[q["file_index"] == index] if len(q) else q
        counts.append(
            {
                "rows_read": len(export.launches),
                "rows_loaded": int((verdict.accepted["launches"]["file_index"] == index).sum()),
                "rows_quarantined": _distinct(bad, "launch"),
                "items_read": len(export.items),
                "items_loaded": int(
                    (verdict.accepted["launch_items"]["file_index"] == index).sum()
                ),
                "items_quarantined": _distinct(bad, "item"),
            }
        )
    return counts


def _distinct(bad: pd.DataFrame, kind: str) -> int:
    if bad.empty:
        return 0
    mine = bad[bad["record_kind"] == kind]
    return len(mine.drop_duplicates(["row_number", "record_key", "row_id"]))


def _frames(reads, source: LaunchSourceSettings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One launch frame and one item frame for the source's new files, each row with its file
    and a row id; items carry their launch's id. The exports' own frames are extended, not
    copied (two million items would be copied twice otherwise)."""
    launches, items, offset, item_offset = [], [], 0, 0
    for index, (_, export) in enumerate(reads):
        part = export.launches
        part["file_index"] = index
        part[ROW_ID] = np.arange(offset, offset + len(part), dtype="int64")
        offset += len(part)
        part["missing_columns"] = missing_columns_text(export.missing)
        if source.team:
            part["team"] = part["team"].fillna(source.team)
        part = part.rename(columns={"record_row": "row_number"})
        launches.append(part)
        sub = export.items
        sub["file_index"] = index
        sub[ROW_ID] = np.arange(item_offset, item_offset + len(sub), dtype="int64")
        item_offset += len(sub)
        at = pd.Index(part["launch_key"]).get_indexer(sub["launch_key"])
        sub["launch_id"] = part["launch_id"].to_numpy(dtype=object)[at] if len(sub) else None
        sub = sub.rename(columns={"record_row": "row_number"})
        items.append(sub)
    launch_frame = launches[0] if len(launches) == 1 else pd.concat(launches, ignore_index=True)
    launch_frame["missing_columns"] = launch_frame["missing_columns"].astype("object")
    item_frame = items[0] if len(items) == 1 else pd.concat(items, ignore_index=True)
    return launch_frame, item_frame


def _first_of_duplicates_kept(failures: pd.DataFrame, launches: pd.DataFrame) -> pd.DataFrame:
    check = "unique:file_index,launch_id"
    dupes = failures[failures["check_id"] == check]
    if dupes.empty:
        return failures
    rows = launches[launches[ROW_ID].isin(dupes[ROW_ID])].sort_values("row_number")
    first = rows.groupby(["file_index", "launch_id"])[[ROW_ID, "row_number"]].transform("first")
    firsts = dict(zip(rows[ROW_ID], first["row_number"], strict=True))
    dupes = dupes[~dupes[ROW_ID].isin(set(first[ROW_ID]))].copy()
    dupes["reason"] = (
        dupes["reason"] + " (first on row " + dupes[ROW_ID].map(firsts).astype("str") + ")"
    )
    return pd.concat([failures[failures["check_id"] != check], dupes], ignore_index=True)


def _whole_launches(launches, items, launch_failures, item_failures):
    """Refuse whole launches: a failing item takes its launch, a failing launch its items."""
    key = ["file_index", "launch_key"]
    failing_launch = launches[launches[ROW_ID].isin(launch_failures[ROW_ID])][[*key, "row_number"]]
    failing_item = items[items[ROW_ID].isin(item_failures[ROW_ID])][[*key, "row_number"]]
    cause = pd.concat(
        [
            failing_launch.assign(why="the launch on row {} was refused"),
            failing_item.assign(why="its checklist item on row {} was refused"),
        ]
    ).drop_duplicates(key)
    cause["why"] = [w.format(r) for w, r in zip(cause["why"], cause["row_number"], strict=True)]
    cause = cause.drop(columns="row_number")
    extra_launches = launches.merge(cause, on=key)
    extra_launches = extra_launches[~extra_launches[ROW_ID].isin(launch_failures[ROW_ID])]
    extra_items = items.merge(cause, on=key)
    extra_items = extra_items[~extra_items[ROW_ID].isin(item_failures[ROW_ID])]
    collateral = lambda rows: pd.DataFrame(  # noqa: E731
        {
            ROW_ID: rows[ROW_ID],
            "check_id": None,
            "value": None,
            "field": None,
            "reason": rows["why"],
            "severity": "collateral",
        }
    )
    return (
        pd.concat([launch_failures, collateral(extra_launches)], ignore_index=True),
        pd.concat([item_failures, collateral(extra_items)], ignore_index=True),
    )


def _without(frame: pd.DataFrame, failures: pd.DataFrame) -> pd.DataFrame:
    return frame[~frame[ROW_ID].isin(failures[ROW_ID])] if len(failures) else frame


def _raw(frame: pd.DataFrame, columns: tuple[str, ...], files: list[dict]) -> pd.DataFrame:
    rows = pd.DataFrame(
        {
            "file_index": frame["file_index"].to_numpy(),
            "file_sha256": shas_of(frame["file_index"], files),
            "row_number": frame["row_number"].astype("int64").to_numpy(),
        }
    )
    for name in columns:
        rows[name] = frame[name].array
    return rows
