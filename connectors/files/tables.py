"""Reading a CSV or XLSX export into a grid of text cells, each row with its row number.

The grid keeps every cell as the text a spreadsheet would show, so that the reader of each
format decides what a header row is and what a number or a date looks like. Row numbers are
those a spreadsheet shows when the file is opened (header rows included, blank rows skipped
but counted), so a message naming row 7 points at row 7 in Excel.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, time

import pandas as pd
import pyarrow as pa
from pyarrow import csv as pa_csv

from connectors.files.errors import FileRefusedError
from connectors.files.text import checked_encoding, head_text, sniff_delimiter

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the legacy binary .xls format
ROW = "row_number"
BOM = b"\xef\xbb\xbf"
MAX_COLUMNS = 2000
# A blank line would shift Arrow's row numbers (it skips them): such files take the slow path.
_BLANK_LINE = re.compile(rb"\n[ \t]*\r?\n(?!\Z)")


@dataclass(frozen=True)
class Grid:
    """Text cells in columns 0..n-1 plus ROW, the row number of each record in the file."""

    frame: pd.DataFrame
    file_format: str  # csv or xlsx
    encoding: str | None = None
    delimiter: str | None = None

    @property
    def width(self) -> int:
        return self.frame.shape[1] - 1

    def header(self, index: int) -> list[str]:
        """The index-th row (0-based) as a list of stripped strings, "" past the end."""
        if index >= len(self.frame):
            return [""] * self.width
        return [str(v).strip() for v in self.frame.iloc[index, : self.width].tolist()]

    def body(self, header_rows: int) -> pd.DataFrame:
        return self.frame.iloc[header_rows:].reset_index(drop=True)


def read_grid(
    data: bytes,
    *,
    suffix: str,
    encoding: str = "auto",
    delimiter: str = "auto",
    sheet: str | None = None,
) -> Grid:
    """The file as a Grid; FileRefusedError when it is no spreadsheet or CSV at all."""
    if data.startswith(OLE_MAGIC) or suffix.lower() == ".xls":
        raise FileRefusedError(
            "a legacy binary Excel workbook (.xls): save it as .xlsx or CSV UTF-8 and drop that"
        )
    if data.startswith(ZIP_MAGIC) or suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(data, sheet)
    encoding = checked_encoding(data, encoding)
    sep = sniff_delimiter(head_text(data, encoding)) if delimiter == "auto" else delimiter
    if encoding in ("utf-8", "utf-8-sig"):
        utf8 = data.removeprefix(BOM)
    else:
        utf8 = data.decode(encoding).lstrip("\ufeff").encode("utf-8")
    frame = None if _BLANK_LINE.search(utf8) else _read_arrow(utf8, sep)
    if frame is None:
        frame = _read_pandas(utf8.decode("utf-8"), sep)
    return Grid(_numbered(frame), "csv", encoding, sep)


def _read_arrow(utf8: bytes, sep: str) -> pd.DataFrame | None:
    """Arrow's multi-threaded CSV reader: every cell as text. None when the file needs the
    slower reader to number its rows exactly (rows of the wrong length)."""
    bad: list[object] = []

    def invalid(row) -> str:
        bad.append(row.number)
        return "skip"

    table = pa_csv.read_csv(
        pa.py_buffer(utf8),
        read_options=pa_csv.ReadOptions(autogenerate_column_names=True),
        parse_options=pa_csv.ParseOptions(
            delimiter=sep, newlines_in_values=True, invalid_row_handler=invalid
        ),
        convert_options=pa_csv.ConvertOptions(
            column_types={f"f{i}": pa.large_string() for i in range(MAX_COLUMNS)},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    if bad or table.num_columns > MAX_COLUMNS:
        return None
    frame = table.to_pandas()
    frame.columns = range(frame.shape[1])
    return frame


def _read_pandas(text: str, sep: str) -> pd.DataFrame:
    try:
        return pd.read_csv(
            io.StringIO(text),
            sep=sep,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            quoting=csv.QUOTE_MINIMAL,
            engine="c",
        )
    except pd.errors.ParserError as err:
        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(err))
        if found:
            want, line, saw = (int(g) for g in found.groups())
            raise FileRefusedError(
                f"row has {saw} cells where the first row has {want}: a delimiter inside an "
                "unquoted cell, or rows cut short? Re-export the file",
                line=line,
            ) from None
        raise FileRefusedError(f"not a readable CSV file ({str(err).splitlines()[0]})") from None
    except pd.errors.EmptyDataError:
        raise FileRefusedError("the file is empty: export it again with its answers") from None


def _numbered(frame: pd.DataFrame) -> pd.DataFrame:
    frame.columns = range(frame.shape[1])
    frame[ROW] = range(1, len(frame) + 1)
    cells = frame.columns[:-1]
    blank = (frame[cells] == "").all(axis=1) if len(cells) else pd.Series(True, frame.index)
    # Trailing empty columns (legacy Qualtrics ends every line with a comma) carry nothing.
    kept = frame.loc[~blank] if blank.any() else frame  # no copy of a clean file
    empty_cols = [c for c in cells if (kept[c] == "").all()]
    last_useful = max((c for c in cells if c not in empty_cols), default=-1)
    drop = [c for c in empty_cols if c > last_useful]
    if drop:
        kept = kept.drop(columns=drop)
    return kept.reset_index(drop=True) if blank.any() else kept


def _read_xlsx(data: bytes, sheet: str | None) -> Grid:
    from openpyxl import load_workbook  # imported here: only XLSX exports need it

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many types for a damaged workbook
        raise FileRefusedError(
            f"not a readable Excel workbook ({type(err).__name__}); save it again as .xlsx"
        ) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise FileRefusedError(f"no sheet named '{sheet}' (sheets: {book.sheetnames})")
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        rows = [
            (number, [_cell_text(v) for v in values])
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1)
        ]
    finally:
        book.close()
    rows = [(n, cells) for n, cells in rows if any(cells)]
    if not rows:
        raise FileRefusedError("the workbook's sheet is empty: export it again with its answers")
    width = max(len(cells) for _, cells in rows)
    frame = pd.DataFrame([cells + [""] * (width - len(cells)) for _, cells in rows], dtype="str")
    frame[ROW] = [n for n, _ in rows]
    return Grid(_numbered_xlsx(frame), "xlsx")


def _numbered_xlsx(frame: pd.DataFrame) -> pd.DataFrame:
    numbers = frame.pop(ROW)
    frame.columns = range(frame.shape[1])
    frame[ROW] = numbers.to_numpy()
    return frame


def _cell_text(value: object) -> str:
    """A cell as the text an export would carry: ISO dates, plain numbers."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)
