"""Plain-text tables for the terminal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from pipelines.settings import Settings
from warehouse.connection import open_warehouse
from warehouse.sql import read_sql


def levels_table(
    con: duckdb.DuckDBPyConnection, *, as_of: date, ruleset_id: str, ruleset_version: str
) -> str:
    rows = con.execute(
        read_sql(Path(__file__).with_name("levels.sql")),
        {"as_of": as_of, "ruleset_id": ruleset_id, "ruleset_version": ruleset_version},
    ).fetchall()
    header = (
        "team",
        "level",
        "ceiling",
        "confidence",
        "predictability",
        "strict (IQR)",
        "length CV",
        "late starts",
        "sprints",
    )
    lines = [header]
    for (
        scope,
        entity,
        proven,
        ceiling,
        name,
        conf,
        unclear,
        pred,
        strict,
        iqr,
        cv,
        late,
        seen,
    ) in rows:
        label = entity if scope == "team" else "ORGANISATION"
        lines.append(
            (
                label,
                f"{proven} {name}" + (" (unclear)" if unclear else ""),
                str(ceiling),
                f"{conf:.0%}",
                _pct(pred),
                f"{_pct(strict)} ({_num(iqr, 0)})" if strict is not None else "-",
                _num(cv, 2),
                _pct(late),
                str(seen) if scope == "team" else "",
            )
        )
    widths = [max(len(row[i]) for row in lines) for i in range(len(header))]
    rendered = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in lines
    ]
    rendered.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(rendered)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}%"


def _num(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


LEGEND = (
    "\nlevel: proven on evidence (missing evidence counts as not met); ceiling: reachable if "
    "every criterion\nwithout evidence passed; confidence: share of the deciding criteria with "
    "a definite result."
)


def print_levels(settings: Settings, as_of: date) -> None:
    from pipelines.steps import load_configured_ruleset

    ruleset = load_configured_ruleset(settings)
    con = open_warehouse(settings.warehouse_path, read_only=True)
    try:
        print(f"Maturity as of {as_of} (rule set {ruleset.id} {ruleset.version})")
        print(
            levels_table(con, as_of=as_of, ruleset_id=ruleset.id, ruleset_version=ruleset.version)
        )
        print(LEGEND)
        missing = con.execute(
            read_sql(Path(__file__).with_name("missing_sources.sql")),
            {"as_of": as_of, "ruleset_id": ruleset.id, "ruleset_version": ruleset.version},
        ).fetchall()
        if missing:
            print("\nNot measured yet (no source configured), so these criteria cannot pass:")
            for needs, criteria in missing:
                print(f"  - {needs} ({criteria} {'criterion' if criteria == 1 else 'criteria'})")
        print("\n`maturity explain TEAM` shows every criterion, its evidence and the next steps.")
    finally:
        con.close()
