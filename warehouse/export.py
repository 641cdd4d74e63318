"""`maturity export`: every mart as Parquet (or CSV) files with stable names and types.

The documented schema lives here: `export_schema()` derives it from the warehouse's own
columns through `ARROW_TYPES`, one fixed mapping from DuckDB to Arrow/Parquet types; the data
dictionary (`maturity docs`) prints it and the tests read the files back against it. JSON
columns are written as text, so every BI tool reads them the same way.

Layout: `DIR/<table>.parquet`, except marts with an `as_of_date`, written partitioned by month
for incremental loads: `DIR/<table>/as_of_month=YYYY-MM/data_0.parquet` (`as_of_month` is a
hive partition column, not inside the files). Rows are sorted by the table's key, so exporting
twice gives the same files. Files are written to a temporary folder beside them first: a failed
export never leaves a half-written table where a BI tool reads.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import duckdb

from warehouse.sql import read_sql

HERE = Path(__file__).parent
PARTITION_SOURCE = "as_of_date"
PARTITION_COLUMN = "as_of_month"  # 'YYYY-MM' of as_of_date
ARROW_TYPES: dict[str, str] = {
    "VARCHAR": "string",
    "JSON": "string",  # JSON text
    "BOOLEAN": "bool",
    "INTEGER": "int32",
    "BIGINT": "int64",
    "DOUBLE": "double",
    "DATE": "date32[day]",
    "TIMESTAMP": "timestamp[us]",  # UTC, as every timestamp in the warehouse
    "VARCHAR[]": "list<element: string>",
    "BIGINT[]": "list<element: int64>",
}


class ExportError(Exception):
    """A mart has a column type the export has no stable mapping for."""


def _catalog(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str]]]:
    tables: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in con.execute(read_sql(HERE / "export_columns.sql")).fetchall():
        tables.setdefault(table, []).append((column, data_type))
    return tables


def export_schema(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str]]]:
    """{table: [(column, arrow type), ...]} as the exported files hold them; partitioned tables
    end with the partition column (as_of_month, string)."""
    schema = {}
    for table, columns in _catalog(con).items():
        typed = []
        for column, data_type in columns:
            if data_type not in ARROW_TYPES:
                raise ExportError(
                    f"marts.{table}.{column} is {data_type}: add a stable mapping for it to "
                    "warehouse/export.py ARROW_TYPES"
                )
            typed.append((column, ARROW_TYPES[data_type]))
        if is_partitioned(columns):
            typed.append((PARTITION_COLUMN, "string"))
        schema[table] = typed
    return schema


def is_partitioned(columns: list[tuple[str, str]]) -> bool:
    return any(name == PARTITION_SOURCE for name, _ in columns)


def export_marts(con: duckdb.DuckDBPyConnection, out: Path, *, file_format: str) -> dict[str, int]:
    """Write every mart to `out`; return {table: rows}. Replaces only the files of the marts."""
    if file_format not in ("parquet", "csv"):
        raise ValueError(f"format must be parquet or csv, not {file_format!r}")
    export_schema(con)  # refuse a type without a stable mapping before writing anything
    keys = dict(con.execute(read_sql(HERE / "quality" / "mart_keys.sql")).fetchall())
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    staging = Path(tempfile.mkdtemp(prefix=".export-", dir=out))
    try:
        for table, columns in _catalog(con).items():
            written[table] = _write_table(
                con, table, columns, keys.get(table, []), staging, file_format
            )
        for table, columns in _catalog(con).items():
            name = table if is_partitioned(columns) else f"{table}.{file_format}"
            target = out / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
            (staging / name).rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return written


def _write_table(con, table, columns, key, folder: Path, file_format: str) -> int:
    # Identifiers come from the catalog, never from input; quoting suffices. Paths are bound
    # where DuckDB allows (COPY's target is not a parameter, so it is quoted as a literal).
    select = [f'CAST("{c}" AS VARCHAR) AS "{c}"' if t == "JSON" else f'"{c}"' for c, t in columns]
    order = ", ".join(f'"{c}"' for c in (key or [c for c, _ in columns]))
    options = ["FORMAT parquet, COMPRESSION zstd"] if file_format == "parquet" else ["FORMAT csv"]
    if file_format == "csv":
        options.append("HEADER true")
    if is_partitioned(columns):
        select.append(f"strftime(\"{PARTITION_SOURCE}\", '%Y-%m') AS {PARTITION_COLUMN}")
        options.append(f"PARTITION_BY ({PARTITION_COLUMN}), OVERWRITE_OR_IGNORE true")
        target = folder / table
    else:
        target = folder / f"{table}.{file_format}"
    literal = str(target).replace("'", "''")
    con.execute(
        f'COPY (SELECT {", ".join(select)} FROM marts."{table}" ORDER BY {order}) '
        f"TO '{literal}' ({', '.join(options)})"
    )
    if is_partitioned(columns) and not target.exists():
        target.mkdir()  # an empty mart is an empty folder, never a missing one
    return con.execute(f'SELECT count(*) FROM marts."{table}"').fetchone()[0]
