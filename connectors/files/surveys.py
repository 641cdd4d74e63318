"""PM time-use survey exports: one response per row, read as the tool exported it.

`read_survey` finds the layout (survey_layouts), the column of every field (the config's
mapping first, then the tool's own columns for who answered and when), pseudonymises the
respondent (identity.py) and parses hours and dates. It returns one row per response with
the parsed values, the text of any cell that could not be read (for the validation to name),
and whether the response is complete. Unmapped columns (names, e-mails, IP addresses, free
text) are dropped here: they never leave the reader.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from connectors.files.errors import FileRefusedError
from connectors.files.identity import hash_identities
from connectors.files.survey_layouts import DEFAULT_COLUMNS, Layout, detect_layout
from connectors.files.tables import ROW, read_grid
from connectors.files.values import bad_text, blank, parse_datetimes, parse_numbers

HOURS_FIELDS = (
    "total_hours",
    "meeting_coordination_hours",
    "reporting_hours",
    "tool_research_hours",
    "process_design_hours",
)
OVERHEAD_FIELDS = HOURS_FIELDS[1:]
FIELDS = ("respondent", "team", "submitted_at", "wave", *HOURS_FIELDS)
REQUIRED = tuple(f for f in FIELDS if f != "wave")
_PREVIEW = {"1": "preview", "survey preview": "preview", "2": "test", "survey test": "test"}
_PREVIEW |= {"8": "spam", "spam": "spam"}


@dataclass(frozen=True)
class SurveyExport:
    survey_format: str
    file_format: str
    encoding: str | None
    delimiter: str | None
    header_rows: int
    labels: dict[str, str]  # field -> the export's column it was read from
    missing: dict[str, str]  # required field -> what was looked for, when not found
    available: list[str]  # every column header of the file, for messages
    frame: pd.DataFrame  # one row per response (see read_survey)
    rows_read: int = field(default=0)


def read_survey(
    data: bytes,
    *,
    suffix: str,
    salt: bytes,
    survey_format: str = "auto",
    columns: Mapping[str, str | None] | None = None,
    encoding: str = "auto",
    delimiter: str = "auto",
    day_first: bool = False,
    sheet: str | None = None,
) -> SurveyExport:
    """Columns of the frame: row_number; respondent_hash; team, wave (text as written);
    submitted_at (timestamp); each hours field (float); `<field>_unreadable` (the cell's text
    where it is not blank but not a number or date, else None); is_complete; incomplete_reason.
    Missing required columns are listed in `missing` and absent from the frame."""
    grid = read_grid(data, suffix=suffix, encoding=encoding, delimiter=delimiter, sheet=sheet)
    layout = detect_layout(grid, survey_format)
    body = grid.body(layout.header_rows)
    labels, missing = _resolve(layout, body, columns or {})
    frame = pd.DataFrame({ROW: body[ROW].to_numpy()})
    comma_is_decimal = grid.delimiter != ","
    for name, index in labels.items():
        cells = body[index]
        if name == "respondent":
            frame["respondent_hash"] = hash_identities(cells, salt).array
        elif name in ("team", "wave"):
            frame[name] = cells.str.strip().array
        elif name == "submitted_at":
            values, bad = parse_datetimes(cells, day_first=day_first)
            frame[name] = values.to_numpy()
            frame[f"{name}_unreadable"] = bad_text(cells, bad)
        else:
            values, bad = parse_numbers(cells, comma_is_decimal=comma_is_decimal)
            frame[name] = values.to_numpy()
            frame[f"{name}_unreadable"] = bad_text(cells, bad)
    unanswered = {name: blank(body[labels[name]]) for name in REQUIRED if name in labels}
    frame["is_complete"], frame["incomplete_reason"] = _completeness(layout, body, unanswered)
    return SurveyExport(
        survey_format=layout.survey_format,
        file_format=grid.file_format,
        encoding=grid.encoding,
        delimiter=grid.delimiter,
        header_rows=layout.header_rows,
        labels={name: layout.names[i] or f"column {i + 1}" for name, i in labels.items()},
        missing=missing,
        available=[n for n in layout.names if n],
        frame=frame,
        rows_read=len(frame),
    )


def _resolve(
    layout: Layout, body: pd.DataFrame, columns: Mapping[str, str | None]
) -> tuple[dict, dict]:
    """The column of each field: the configured one, else the first of the tool's own columns
    that holds anything (an anonymous Qualtrics link leaves RecipientEmail empty: ResponseId)."""
    defaults = DEFAULT_COLUMNS.get(layout.survey_format, {})
    labels: dict[str, int] = {}
    missing: dict[str, str] = {}
    for name in FIELDS:
        wanted = columns.get(name)
        candidates = (wanted,) if wanted else defaults.get(name, ())
        found = [i for c in candidates if (i := layout.find(c)) is not None]
        used = [i for i in found if wanted or not blank(body[i]).all()]
        index = (used or found or [None])[0]
        if index is not None:
            labels[name] = index
        elif name in REQUIRED:
            missing[name] = (
                f"'{wanted}'"
                if wanted
                else " or ".join(f"'{c}'" for c in candidates) or "(no column configured)"
            )
    return labels, missing


def _completeness(
    layout: Layout, body: pd.DataFrame, unanswered: dict[str, pd.Series]
) -> tuple[np.ndarray, np.ndarray]:
    """A vendor's own flag first (unfinished, preview, test, spam), then unanswered fields."""
    reason = pd.Series("", index=body.index, dtype="object")
    finished = _column(layout, body, "Finished")
    if layout.survey_format == "qualtrics" and finished is not None:
        done = finished.str.strip().str.lower().isin(["1", "true"])
        reason = reason.mask(~done, "unfinished")
        status = _column(layout, body, "Status")
        if status is not None:
            flagged = status.str.strip().str.lower().map(_PREVIEW)
            reason = reason.mask(flagged.notna(), flagged)
    if layout.survey_format == "typeform":
        kind = _column(layout, body, "Response Type")
        submit = _column(layout, body, "Submit Date (UTC)")
        if kind is not None:
            reason = reason.mask(kind.str.strip().str.lower() != "completed", "unfinished")
        elif submit is not None:
            reason = reason.mask(blank(submit), "unfinished")
    # Which required answers each row left blank, spelled out for the few rows that did.
    blanks = [(name, mask.to_numpy()) for name, mask in unanswered.items()]
    any_blank = np.zeros(len(body), dtype=bool)
    for _, mask in blanks:
        any_blank |= mask
    reason = np.array(reason, dtype=object)  # writable: the messages are filled in below
    for row in np.flatnonzero(any_blank & (reason == "")):
        reason[row] = "unanswered: " + ", ".join(n for n, mask in blanks if mask[row])
    complete = reason == ""
    return complete, np.where(complete, None, reason)


def _column(layout: Layout, body: pd.DataFrame, name: str) -> pd.Series | None:
    try:
        index = layout.find(name)
    except FileRefusedError:
        return None
    return None if index is None else body[index].fillna("").astype("str")
