"""What every launch reader returns: launches and their checklist items as two frames.

Launch frame: record_row (the row or line the launch was read from), launch_key (its position
in the file, linking its items), launch_id, launch_name, team, planned_date, actual_date (dates),
adoption_target, adoption_actual (numbers), has_checklist, and `<field>_unreadable` (the text of
a cell that is not blank but not a date or number, else None).
Item frame: record_row, launch_key, item_position (1, 2 ... within the launch), item_name,
item_depth (0 top level, 1 nested ...), is_done, done_date, and the `_unreadable` texts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from connectors.files.values import bad_text, parse_datetimes, parse_flags, parse_numbers

LAUNCH_FIELDS = (
    "launch_id",
    "launch_name",
    "team",
    "planned_date",
    "actual_date",
    "adoption_target",
    "adoption_actual",
)
ITEM_FIELDS = ("item", "is_done", "done_date")
DATE_FIELDS = ("planned_date", "actual_date")
NUMBER_FIELDS = ("adoption_target", "adoption_actual")


@dataclass(frozen=True)
class LaunchExport:
    layout: str  # per-launch, per-item, yaml, markdown, kep
    file_format: str
    launches: pd.DataFrame
    items: pd.DataFrame
    encoding: str | None = None
    delimiter: str | None = None
    labels: dict[str, str] = field(default_factory=dict)  # field -> export column / key
    missing: dict[str, str] = field(default_factory=dict)  # required field -> looked for
    available: list[str] = field(default_factory=list)
    skipped: bool = False  # metadata only (a kep.yaml read through its README.md)


def typed_launches(raw: pd.DataFrame, *, day_first: bool, comma_is_decimal: bool) -> pd.DataFrame:
    """Text launch cells -> typed launch frame (see the module docstring)."""
    out = pd.DataFrame(
        {
            "record_row": raw["record_row"].astype("int64").to_numpy(),
            "launch_key": raw["launch_key"].astype("int64").to_numpy(),
        }
    )
    for name in ("launch_id", "launch_name", "team"):
        text = raw[name].fillna("").astype("str").str.strip() if name in raw else None
        out[name] = None if text is None else text.where(text != "", None).array
    for name in DATE_FIELDS:
        _typed(out, raw, name, lambda s: parse_datetimes(s, day_first=day_first))
        out[name] = out[name].dt.normalize()
    for name in NUMBER_FIELDS:
        _typed(out, raw, name, lambda s: parse_numbers(s, comma_is_decimal=comma_is_decimal))
    out["has_checklist"] = raw["has_checklist"].astype("bool").to_numpy()
    # Why the launch cannot be read as one launch (per-item rows that disagree), else None.
    out["conflict"] = raw["conflict"].to_numpy() if "conflict" in raw else None
    return out


def typed_items(raw: pd.DataFrame, *, day_first: bool) -> pd.DataFrame:
    out = pd.DataFrame(
        {
            "record_row": raw["record_row"].astype("int64").to_numpy(),
            "launch_key": raw["launch_key"].astype("int64").to_numpy(),
            "item_position": raw["item_position"].astype("int64").to_numpy(),
            "item_depth": raw["item_depth"].astype("int64").to_numpy(),
        }
    )
    name = raw["item"].fillna("").astype("str").str.strip()
    out["item_name"] = name.where(name != "", None).array
    dates, bad_dates = parse_datetimes(raw["done_date"], day_first=day_first)
    flags, bad_flags = parse_flags(raw["is_done"])
    flag_text = raw["is_done"].fillna("").astype("str").str.strip()
    # A cell that holds a date instead of a flag means: done, on that date.
    flag_dates, _ = parse_datetimes(flag_text.where(bad_flags, ""), day_first=day_first)
    dated_flag = bad_flags & flag_dates.notna()
    dates = dates.mask(dated_flag & dates.isna(), flag_dates)
    flags = flags.mask(dated_flag, True)
    bad_flags &= ~dated_flag
    # No flag but a done date: done.
    flags = flags.mask((flag_text == "") & dates.notna(), True)
    out["is_done"] = flags.fillna(False).astype("bool").to_numpy()
    out["is_done_unreadable"] = bad_text(flag_text, bad_flags)
    out["done_date"] = dates.dt.normalize().to_numpy()
    out["done_date_unreadable"] = bad_text(raw["done_date"], bad_dates)
    return out


def _typed(out: pd.DataFrame, raw: pd.DataFrame, name: str, parse) -> None:
    cells = raw[name] if name in raw else pd.Series("", index=raw.index, dtype="str")
    values, bad = parse(cells.fillna("").astype("str"))
    out[name] = values.to_numpy()
    out[f"{name}_unreadable"] = bad_text(cells, bad)


def empty_items() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "record_row": pd.Series([], dtype="int64"),
            "launch_key": pd.Series([], dtype="int64"),
            "item_position": pd.Series([], dtype="int64"),
            "item_depth": pd.Series([], dtype="int64"),
            "item": pd.Series([], dtype="str"),
            "is_done": pd.Series([], dtype="str"),
            "done_date": pd.Series([], dtype="str"),
        }
    )
