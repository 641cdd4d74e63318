"""Outcome metrics (NRR, LTV:CAC, AHT, or any named metric) as a finance or support team
exports them: CSV or XLSX, one row per date and metric (date, metric, value, optional team),
or one row per date (and team) with a column per metric (the "wide" layout, detected when
there is no metric column). Values may carry decimal commas, a trailing % or a ":1" ratio.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from connectors.files.row_exports import RowExport
from connectors.files.tables import ROW, read_grid
from connectors.files.values import bad_text, parse_datetimes, parse_numbers

FIELDS = ("metric_date", "metric", "value", "team")
ALIASES = {
    "metric_date": ("date", "metric_date", "month", "period", "day"),
    "metric": ("metric", "name", "kpi", "measure"),
    "value": ("value", "amount"),
    "team": ("team",),
}


@dataclass(frozen=True)
class OutcomeExport(RowExport):
    """frame: record_row, metric_date, metric, value, team, `_unreadable` texts."""

    layout: str = "long"  # long or wide


def read_outcomes(
    data: bytes,
    *,
    suffix: str,
    columns: Mapping[str, str | None] | None = None,
    encoding: str = "auto",
    delimiter: str = "auto",
    day_first: bool = False,
    sheet: str | None = None,
) -> OutcomeExport:
    grid = read_grid(data, suffix=suffix, encoding=encoding, delimiter=delimiter, sheet=sheet)
    header = grid.header(0)
    body = grid.body(1)
    loose = [_loose(h) for h in header]
    found: dict[str, int] = {}
    for name in FIELDS:
        wanted = (columns or {}).get(name)
        for candidate in (wanted,) if wanted else ALIASES[name]:
            if _loose(candidate) in loose:
                found[name] = loose.index(_loose(candidate))
                break
    wide = "metric" not in found and "value" not in found and "metric_date" in found
    if wide:
        metric_columns = [i for i, h in enumerate(header) if h and i not in found.values()]
        long = pd.concat(
            [
                pd.DataFrame(
                    {
                        ROW: body[ROW].to_numpy(),
                        "date": body[found["metric_date"]].array,
                        "metric": header[i],
                        "value": body[i].array,
                        "team": body[found["team"]].array if "team" in found else "",
                    }
                )
                for i in metric_columns
            ]
            or [pd.DataFrame(columns=[ROW, "date", "metric", "value", "team"])],
            ignore_index=True,
        )
        # A blank cell in the wide layout is "not reported", not a value.
        long = long[long["value"].fillna("").astype("str").str.strip() != ""]
        text = {
            "metric_date": long["date"],
            "metric": long["metric"],
            "value": long["value"],
            "team": long["team"],
        }
        rows = long[ROW]
    else:
        text = {
            name: body[found[name]] if name in found else pd.Series("", index=body.index)
            for name in FIELDS
        }
        rows = body[ROW]
    missing = {
        name: f"'{(columns or {}).get(name)}'"
        if (columns or {}).get(name)
        else " or ".join(f"'{c}'" for c in ALIASES[name][:3])
        for name in ("metric_date", "metric", "value")
        if name not in found and not (wide and name != "metric_date")
    }
    frame = pd.DataFrame({"record_row": np.asarray(rows, dtype="int64")})
    dates, bad_dates = parse_datetimes(
        text["metric_date"].fillna("").astype("str"), day_first=day_first
    )
    frame["metric_date"] = dates.dt.normalize().to_numpy()
    frame["metric_date_unreadable"] = bad_text(text["metric_date"], bad_dates)
    metric = text["metric"].fillna("").astype("str").str.strip()
    frame["metric"] = metric.where(metric != "", None).array
    values, bad = parse_numbers(
        text["value"].fillna("").astype("str"),
        comma_is_decimal=grid.delimiter != ",",
        percent=True,
    )
    frame["value"] = values.to_numpy()
    frame["value_unreadable"] = bad_text(text["value"], bad)
    team = text["team"].fillna("").astype("str").str.strip()
    frame["team"] = team.where(team != "", None).array
    return OutcomeExport.read_from(
        grid, header, frame, found, missing, layout="wide" if wide else "long"
    )


def _loose(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip().casefold()
