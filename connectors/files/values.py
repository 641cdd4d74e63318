"""Numbers and dates as exports write them, parsed a whole column at a time.

Each parser returns the parsed values (NaN / NaT where a cell is blank or unreadable) and a
mask of the cells that were *not blank but unreadable*, so a caller can tell an unanswered
question from a broken answer. The work is done by Arrow's compute kernels (C++), never per
row in Python: a million cells parse in a fraction of a second.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

_NUMBER = r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"
_DECIMAL_COMMA = r"^([+-]?\d+),(\d+)$"
_DOTS_AND_COMMA = r"^[+-]?\d{1,3}(\.\d{3})+,\d+$"  # 1.234,5 (German, French...)
_COMMA_THOUSANDS = r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$"  # 1,234.5 (English)
_TRUTHY = ["x", "yes", "y", "true", "1", "done", "completed", "complete", "✓", "✔", "[x]"]
_FALSY = ["", "no", "n", "false", "0", "not done", "todo", "to do", "open", "pending", "[ ]"]


def _text(series: pd.Series) -> pa.StringArray:
    """The cells as one Arrow string array, trimmed, blanks as ""."""
    array = pa.array(series.fillna("").astype("str"), pa.string())
    if isinstance(array, pa.ChunkedArray):  # large columns arrive in chunks
        array = array.combine_chunks()
    return pc.utf8_trim_whitespace(array)


def _any(array: pa.Array, pattern: str) -> bool:
    return len(array) > 0 and pc.any(pc.match_substring_regex(array, pattern)).as_py()


def _series(array: pa.Array, index: pd.Index) -> pd.Series:
    return pd.Series(array.to_numpy(zero_copy_only=False), index=index)


def bad_text(cells: pd.Series, bad: pd.Series) -> pd.arrays.ArrowStringArray:
    """The text of the unreadable cells (null elsewhere), for messages and quarantine. Built
    from those cells only: keeping a filtered view of the column would keep all its text, and
    a million Python Nones cost eight megabytes a column."""
    out = np.full(len(cells), None, dtype=object)
    mask = bad.to_numpy(dtype=bool)
    if mask.any():
        out[mask] = cells[mask].to_numpy(dtype=object)
    return pd.array(out, dtype="str")


def blank(series: pd.Series) -> pd.Series:
    return _series(pc.equal(_text(series), ""), series.index).astype("bool")


def parse_numbers(
    series: pd.Series, *, comma_is_decimal: bool = True, percent: bool = False
) -> tuple[pd.Series, pd.Series]:
    """(float values, unreadable mask). Decimal commas ("7,5") are read as decimals; with
    `comma_is_decimal` False (a comma-delimited file) "1,234" is a thousands separator."""
    text = _text(series)
    if _any(text, r"\s"):
        text = pc.replace_substring_regex(text, r"\s", "")  # 1 234,50 and narrow spaces
    if percent:
        text = pc.replace_substring_regex(text, r"%$", "")
    if _any(text, ":"):
        text = pc.replace_substring_regex(text, r"^([+-]?\d+(?:\.\d+)?):1$", r"\1")  # "3.2:1"
    if _any(text, ","):
        european = pc.match_substring_regex(text, _DOTS_AND_COMMA)
        text = pc.if_else(european, pc.replace_substring(text, ".", ""), text)
        thousands = pc.match_substring_regex(text, _COMMA_THOUSANDS)
        if comma_is_decimal:
            thousands = pc.and_(
                thousands, pc.invert(pc.match_substring_regex(text, _DECIMAL_COMMA))
            )
        text = pc.if_else(thousands, pc.replace_substring(text, ",", ""), text)
        text = pc.replace_substring_regex(text, _DECIMAL_COMMA, r"\1.\2")
    valid = pc.match_substring_regex(text, _NUMBER)
    values = pc.cast(pc.if_else(valid, text, pa.scalar(None, pa.string())), pa.float64())
    unreadable = pc.and_(pc.invert(valid), pc.not_equal(text, ""))
    return (
        _series(values, series.index).astype("float64"),
        _series(unreadable, series.index).astype("bool"),
    )


RARE_CELLS = 10_000
_OFFSET = r"\s*(?:GMT|UTC)\s*([+-])(\d{1,2})(?::?(\d{2}))?\s*$"
_TIMES = ("%H:%M:%S", "%H:%M", "%I:%M:%S %p", "%I:%M %p")


def _with_times(day: str) -> list[str]:
    return [f"{day} {t}" for t in _TIMES] + [day]


MONTH_FIRST = _with_times("%m/%d/%Y") + _with_times("%m/%d/%y")
DAY_FIRST = _with_times("%d/%m/%Y") + _with_times("%d/%m/%y")
OTHER = (
    _with_times("%Y/%m/%d")  # Google Forms' own CSV download: 2024/03/01 10:15:32 AM GMT+1
    + _with_times("%d.%m.%Y")  # German, Swiss, ...
    + _with_times("%d-%m-%Y")
    + ["%Y-%m", "%b %Y", "%B %Y", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y"]
)


def parse_datetimes(series: pd.Series, *, day_first: bool = False) -> tuple[pd.Series, pd.Series]:
    """(naive UTC timestamps, unreadable mask). ISO 8601 (with or without an offset), the US,
    day-first, German and Google Forms layouts, and months ("2025-03", "Mar 2025"). A GMT/UTC
    offset suffix is applied; without one a time is taken as written. Slash dates are read
    month-first unless `day_first`, except when only the other order reads every cell."""
    text = _text(series)
    minutes = None
    if _any(text, r"(?:GMT|UTC)\s*[+-]"):
        found = pc.extract_regex(
            text, r"(?:GMT|UTC)\s*(?P<sign>[+-])(?P<h>\d{1,2}):?(?P<m>\d{2})?\s*$"
        )
        hours = pc.cast(pc.struct_field(found, "h"), pa.float64())
        mins = pc.struct_field(found, "m")
        mins = pc.cast(pc.if_else(pc.equal(mins, ""), "0", mins), pa.float64())
        sign = pc.if_else(pc.equal(pc.struct_field(found, "sign"), "-"), -1.0, 1.0)
        minutes = pc.fill_null(pc.multiply(pc.add(pc.multiply(hours, 60.0), mins), sign), 0.0)
        text = pc.replace_substring_regex(text, _OFFSET, "")
    out = pa.nulls(len(text), pa.timestamp("us"))
    if _sample_reads(_sample(text), "ISO8601"):
        iso = pd.to_datetime(
            _series(text, series.index), format="ISO8601", errors="coerce", utc=True
        )
        out = pa.array(iso.dt.tz_convert(None).astype("datetime64[us]"), pa.timestamp("us"))
    rest = pc.and_(pc.is_null(out), pc.not_equal(text, ""))
    if pc.any(rest).as_py():
        orders = (DAY_FIRST, MONTH_FIRST) if day_first else (MONTH_FIRST, DAY_FIRST)
        todo = pc.filter(text, rest)
        first = _try_formats(todo, orders[0])
        if first.null_count:
            # Keep the preferred order unless only the other one reads every slash date.
            second = _try_formats(todo, orders[1])
            first = second if second.null_count == 0 else first
        if first.null_count:
            still = pc.is_null(first)
            first = pc.if_else(still, _try_formats(todo, OTHER), first)
        out = pc.replace_with_mask(out, rest, first)
    if minutes is not None:
        shift = pc.cast(pc.multiply(minutes, 60_000_000.0), pa.int64())
        out = pc.cast(pc.subtract(pc.cast(out, pa.int64()), shift), pa.timestamp("us"))
    unreadable = pc.and_(pc.is_null(out), pc.not_equal(text, ""))
    values = pd.Series(
        out.to_numpy(zero_copy_only=False), index=series.index, dtype="datetime64[us]"
    )
    return values, _series(unreadable, series.index).astype("bool")


def _sample(text: pa.Array) -> pa.Array:
    """The first thousand cells and a thousand spread over the rest: enough to tell which
    formats a column uses, also when its layout changes half way."""
    spread = pc.take(text, pa.array(range(0, len(text), max(1, len(text) // 1000)), pa.int64()))
    return pc.unique(pa.concat_arrays([text.slice(0, 1000), spread]))


def _sample_reads(sample: pa.Array, fmt: str) -> bool:
    sample = pc.filter(sample, pc.not_equal(sample, ""))
    if fmt == "ISO8601":
        parsed = pd.to_datetime(
            pd.Series(sample.to_pylist()), format=fmt, errors="coerce", utc=True
        )
        return bool(parsed.notna().any())
    return pc.strptime(sample, format=fmt, unit="us", error_is_null=True).null_count < len(sample)


def _try_formats(text: pa.Array, formats: list[str]) -> pa.Array:
    """Each cell read by the first format that reads it. Formats that read some of a sample
    of the cells go first, so a million cells cost one or two passes, not one per format."""
    out = pa.nulls(len(text), pa.timestamp("us"))
    sample = _sample(text)
    likely = [f for f in formats if _sample_reads(sample, f)]
    for fmt in likely:
        out = pc.coalesce(out, pc.strptime(text, format=fmt, unit="us", error_is_null=True))
    # The other formats only for the few cells left (a rare layout the sample missed); a
    # column that is mostly no date at all is not worth a pass per format.
    if 0 < out.null_count <= RARE_CELLS:
        rest = pc.is_null(out)
        left = pc.filter(text, rest)
        found = pa.nulls(len(left), pa.timestamp("us"))
        for fmt in (f for f in formats if f not in likely):
            found = pc.coalesce(found, pc.strptime(left, format=fmt, unit="us", error_is_null=True))
        out = pc.replace_with_mask(out, rest, found)
    return out


def parse_flags(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(True / False / NA done flags, unreadable mask): x, yes, true, 1, done... or blank, no,
    false, 0, open... Anything else is unreadable."""
    text = pc.utf8_lower(_text(series))
    done = pc.is_in(text, pa.array(_TRUTHY))
    known = pc.or_(done, pc.is_in(text, pa.array(_FALSY)))
    flags = _series(done, series.index).astype("boolean").where(_series(known, series.index))
    return flags, ~_series(known, series.index).astype("bool")
