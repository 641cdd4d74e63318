"""Launch checklists kept in a spreadsheet (CSV or XLSX), in either of two layouts.

- One row per launch: launch_id, launch_name, team, planned_date, actual_date,
  adoption_target, adoption_actual, and one column per checklist item whose header starts
  with "item:" (e.g. "item: Pricing page live"). An item cell holds a done date, or x / yes /
  done for done without a date; blank or no means not done; "n/a" or "-" means the item is not
  on this launch's checklist. A launch whose every item is n/a has no checklist.
- One row per checklist item: the launch columns repeated on each row, plus item, done and
  done_date. Detected by an `item` column. A row with no item, flag or date is a launch
  without a checklist.

Headers are matched case-insensitively to the field names or their usual spellings (id, name,
title, planned, launched ...); `[sources.launches.columns]` maps any other header.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from connectors.files.launch_records import (
    ITEM_FIELDS,
    LAUNCH_FIELDS,
    LaunchExport,
    empty_items,
    typed_items,
    typed_launches,
)
from connectors.files.row_exports import resolve_columns
from connectors.files.tables import ROW, read_grid

ITEM_PREFIX = "item:"
NOT_ON_CHECKLIST = {"n/a", "na", "-", "–"}
ALIASES: dict[str, tuple[str, ...]] = {
    "launch_id": ("launch_id", "launch id", "id", "key", "launch key"),
    "launch_name": ("launch_name", "launch name", "name", "title", "launch"),
    "team": ("team", "owning team", "squad"),
    "planned_date": ("planned_date", "planned date", "planned", "target date", "planned launch"),
    "actual_date": ("actual_date", "actual date", "launched", "launch date", "launched on"),
    "adoption_target": ("adoption_target", "adoption target", "q1 adoption target"),
    "adoption_actual": ("adoption_actual", "adoption actual", "q1 adoption", "adoption"),
    "item": ("item", "checklist item", "check"),
    "is_done": ("is_done", "done", "completed", "status"),
    "done_date": ("done_date", "done date", "completed on", "done on"),
}
REQUIRED = ("launch_id", "team", "planned_date", "actual_date")


def read_launch_table(
    data: bytes,
    *,
    suffix: str,
    columns: Mapping[str, str | None] | None = None,
    encoding: str = "auto",
    delimiter: str = "auto",
    day_first: bool = False,
    sheet: str | None = None,
) -> LaunchExport:
    grid = read_grid(data, suffix=suffix, encoding=encoding, delimiter=delimiter, sheet=sheet)
    header, body = grid.header(0), grid.body(1)
    facts = {
        "file_format": grid.file_format,
        "encoding": grid.encoding,
        "delimiter": grid.delimiter,
    }
    del grid  # each stage lets go of the one before: a file of two million rows is big
    found, missing = _resolve(header, columns or {})
    per_item = "item" in found
    if per_item:
        raw_launches, raw_items = _per_item(body, found)
    else:
        raw_launches, raw_items = _per_launch(body, header, found)
    del body
    comma_is_decimal = facts["delimiter"] != ","
    launches = typed_launches(raw_launches, day_first=day_first, comma_is_decimal=comma_is_decimal)
    del raw_launches
    items = typed_items(raw_items, day_first=day_first)
    del raw_items
    return LaunchExport(
        layout="per-item" if per_item else "per-launch",
        launches=launches,
        items=items,
        labels={name: header[i] for name, i in found.items()},
        missing=missing,
        available=[h for h in header if h],
        **facts,
    )


def _resolve(header: list[str], columns: Mapping[str, str | None]) -> tuple[dict, dict]:
    fields = {name: ALIASES[name] for name in (*LAUNCH_FIELDS, *ITEM_FIELDS)}
    return resolve_columns(header, columns, fields, REQUIRED)


def _cells(body: pd.DataFrame, found: dict[str, int], name: str) -> pd.Series:
    if name in found:
        return body[found[name]].fillna("").astype("str")
    return pd.Series("", index=body.index, dtype="str")


def _per_launch(body: pd.DataFrame, header: list[str], found: dict) -> tuple[pd.DataFrame, ...]:
    launches = pd.DataFrame({name: _cells(body, found, name) for name in LAUNCH_FIELDS})
    launches["record_row"] = body[ROW].to_numpy()
    launches["launch_key"] = np.arange(len(body))
    item_columns = [
        (i, h[len(ITEM_PREFIX) :].strip())
        for i, h in enumerate(header)
        if h.lower().startswith(ITEM_PREFIX)
    ]
    parts = []
    for position, (index, item) in enumerate(item_columns, start=1):
        cell = body[index].fillna("").astype("str").str.strip()
        part = pd.DataFrame(
            {
                "record_row": body[ROW].to_numpy(),
                "launch_key": np.arange(len(body)),
                "item_position": position,
                "item_depth": 0,
                "item": item,
                "is_done": cell.array,
                "done_date": "",
                "on_checklist": ~cell.str.lower().isin(NOT_ON_CHECKLIST).to_numpy(),
            }
        )
        parts.append(part)
    if not parts:
        launches["has_checklist"] = False
        return launches, empty_items()
    items = pd.concat(parts, ignore_index=True)
    items = items[items.pop("on_checklist")]
    launches["has_checklist"] = launches["launch_key"].isin(items["launch_key"]).to_numpy()
    items = items.sort_values(["launch_key", "item_position"], kind="stable")
    items["item_position"] = items.groupby("launch_key").cumcount() + 1
    return launches, items.reset_index(drop=True)


def _per_item(body: pd.DataFrame, found: dict) -> tuple[pd.DataFrame, ...]:
    """Launch fields repeated on every item row: the first non-blank value of each holds, and
    a row that says otherwise is named (the launch is then refused, not half-read). Done on
    integer codes of the values, so two million item rows cost no string copies."""
    rows = body[ROW].to_numpy()
    ids = _cells(body, found, "launch_id").str.strip()
    codes = pd.factorize(ids)[0]
    blank = (ids == "").to_numpy()
    # Rows without a launch id each stand alone, so they are named rather than merged.
    codes[blank] = codes.max(initial=0) + 1 + np.arange(blank.sum())
    key = pd.factorize(codes)[0]  # 0, 1, 2 ... in order of first appearance
    starts = np.unique(key, return_index=True)[1]
    first = pd.DataFrame({"record_row": rows[starts], "launch_key": np.arange(len(starts))})
    first["launch_id"] = ids.array.take(starts)
    conflict = pd.Series(None, index=first.index, dtype="object")
    for name in LAUNCH_FIELDS[1:]:
        values, uniques = pd.factorize(_cells(body, found, name).str.strip())
        values[np.asarray(uniques == "")[values]] = -1  # blank cells say nothing
        chosen = np.full(len(starts), -1)
        given = np.flatnonzero(values >= 0)
        keys, at = np.unique(key[given], return_index=True)
        chosen[keys] = values[given[at]]
        clash = (values >= 0) & (values != chosen[key])
        if clash.any():
            clash_rows = pd.Series(rows[clash]).groupby(key[clash]).min()
            text = name + " differs on row " + clash_rows.astype("str")
            conflict = conflict.fillna(text.reindex(first.index))
        first[name] = np.where(chosen >= 0, np.asarray(uniques, dtype=object)[chosen], "")
    first["conflict"] = conflict
    items = pd.DataFrame(
        {
            "record_row": rows,
            "launch_key": key,
            "item_depth": 0,
            "item": _cells(body, found, "item").array,
            "is_done": _cells(body, found, "is_done").array,
            "done_date": _cells(body, found, "done_date").array,
        }
    )
    # A row with no item, flag or date is the launch alone: a launch without a checklist.
    empty = np.ones(len(items), dtype=bool)
    for column in ("item", "is_done", "done_date"):
        empty &= (items[column].str.strip() == "").to_numpy()
    if empty.any():
        items = items[~empty].reset_index(drop=True)
    items.insert(2, "item_position", items.groupby("launch_key").cumcount().to_numpy() + 1)
    first["has_checklist"] = np.isin(first["launch_key"].to_numpy(), items["launch_key"].to_numpy())
    return first, items
