"""Customer-feedback items as a feedback tool, a support desk or a team's own spreadsheet
exports them: CSV or XLSX, one row per item with its id, the date it was received, the team it
is for, and optionally the Jira keys (epics or issues) it is linked to, several to a cell
separated by commas, semicolons or spaces ("PAY-12, PAY-40"). Headers are matched to the usual
spellings; `[sources.feedback.columns]` names any other.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from connectors.files.row_exports import RowExport, resolve_columns
from connectors.files.tables import ROW, read_grid
from connectors.files.values import bad_text, parse_datetimes

ALIASES: dict[str, tuple[str, ...]] = {
    "feedback_id": ("feedback_id", "feedback id", "id", "key", "ticket", "ticket id"),
    "received_date": ("received_date", "received date", "date", "received", "created"),
    "team": ("team", "product team", "squad"),
    "jira_keys": ("jira_keys", "jira keys", "jira key", "jira", "epic", "linked issues"),
}
REQUIRED = ("feedback_id", "received_date", "team")
# A Jira key: a project key (a letter, then letters, digits or _) and a number.
JIRA_KEY = re.compile(r"^[A-Z][A-Z0-9_]*-[0-9]+$")
_SEPARATORS = re.compile(r"[\s,;]+")


class FeedbackExport(RowExport):
    """frame: record_row, feedback_id, received_date, team, jira_keys, `_unreadable` texts."""


def read_feedback(
    data: bytes,
    *,
    suffix: str,
    columns: Mapping[str, str | None] | None = None,
    day_first: bool = False,
    **grid_options: str | None,
) -> FeedbackExport:
    """`grid_options`: encoding, delimiter and sheet, as `tables.read_grid` takes them."""
    grid = read_grid(data, suffix=suffix, **grid_options)
    header, body = grid.header(0), grid.body(1)
    found, missing = resolve_columns(header, columns or {}, ALIASES, REQUIRED)
    text = {
        name: (body[found[name]] if name in found else pd.Series("", index=body.index))
        .fillna("")
        .astype("str")
        .str.strip()
        for name in ALIASES
    }
    frame = pd.DataFrame({"record_row": np.asarray(body[ROW], dtype="int64")})
    frame["feedback_id"] = text["feedback_id"].where(text["feedback_id"] != "", None).array
    dates, bad_dates = parse_datetimes(text["received_date"], day_first=day_first)
    frame["received_date"] = dates.dt.normalize().to_numpy()
    frame["received_date_unreadable"] = bad_text(text["received_date"], bad_dates)
    frame["team"] = text["team"].where(text["team"] != "", None).array
    keys, bad_keys = jira_keys(text["jira_keys"])
    frame["jira_keys"] = keys.array
    frame["jira_keys_unreadable"] = bad_text(text["jira_keys"], bad_keys)
    return FeedbackExport.read_from(grid, header, frame, found, missing)


def jira_keys(cells: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(the keys of each cell, upper case and comma separated, None when blank; a mask of the
    cells that hold something that is not a key). A cell is read whole or not at all."""
    parts = cells.str.upper().map(lambda cell: [p for p in _SEPARATORS.split(cell) if p])
    bad = parts.map(lambda keys: any(not JIRA_KEY.match(k) for k in keys)).astype("bool")
    joined = parts.map(lambda keys: ",".join(dict.fromkeys(keys)) or None)
    return joined.where(~bad, None).astype("str"), bad
