"""A content hash of the marts, to prove that running twice changes nothing.

Each table's hash is the MD5 of its rows' MD5s in sorted order, so it depends on the rows and
never on the order DuckDB stores them in. Lineage columns say which run wrote a row; they
differ between two runs by design and are left out (`LINEAGE_COLUMNS`), so two runs over the
same raw data, config and rule set give the same hash. `include_lineage=True` hashes every
column: what a killed run must leave exactly as it found it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from warehouse.sql import read_sql

# Columns naming the run that wrote the row (meta.runs): run_id on every fact, first_run_id on
# marts.dim_rulesets.
LINEAGE_COLUMNS = frozenset({"run_id", "first_run_id"})


def marts_fingerprint(
    con: duckdb.DuckDBPyConnection, *, include_lineage: bool = False
) -> dict[str, str]:
    """{table: "rows:md5"} for every marts table, plus "*" for all of them together."""
    columns: dict[str, list[str]] = {}
    sql = read_sql(Path(__file__).with_name("mart_columns.sql"))
    for table, column in con.execute(sql).fetchall():
        if include_lineage or column not in LINEAGE_COLUMNS:
            columns.setdefault(table, []).append(column)
    found = {}
    for table, names in sorted(columns.items()):
        # Identifiers come from the catalog, never from input; quoting suffices.
        row = ", ".join(f'"{c}" := "{c}"' for c in names)
        rows, digest = con.execute(
            f"SELECT count(*), coalesce(md5(string_agg(h, '' ORDER BY h)), '') FROM ("
            f'  SELECT md5(CAST(struct_pack({row}) AS VARCHAR)) AS h FROM marts."{table}")'
        ).fetchone()
        found[table] = f"{rows}:{digest}"
    whole = "\n".join(f"{t}={h}" for t, h in found.items())
    found["*"] = hashlib.md5(whole.encode(), usedforsecurity=False).hexdigest()
    return found
