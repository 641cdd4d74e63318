"""The operations commands of `maturity`: backfill, serve, docs, export and report.

Registered by `pipelines.cli` with the same `command()` helper as every other command, so each
takes --config and -v and ends with the documented exit codes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from pipelines.periods import PERIODS
from pipelines.run_output import quality_line, sync_lines
from pipelines.settings import ConfigError, Settings, load_settings, parse_date

EXPORT_FORMATS = ("parquet", "csv")


def add_commands(command: Callable[[str, Callable, str], argparse.ArgumentParser]) -> None:
    backfill = command(
        "backfill", _backfill, "assess as of every week, month or quarter end between two dates"
    )
    backfill.add_argument(
        "--from", dest="start", type=date_argument, required=True, help="first day, YYYY-MM-DD"
    )
    backfill.add_argument(
        "--to", dest="end", type=date_argument, default=None, help="last day (default: today, UTC)"
    )
    backfill.add_argument("--every", choices=PERIODS, default="month", help="default: month")
    backfill.add_argument(
        "--resync", action="store_true", help="sync every source first (incrementally)"
    )
    backfill.add_argument("--full", action="store_true", help="with --resync: re-read everything")

    command("serve", _serve, "register the nightly schedule with a Prefect server and run it")

    docs = command("docs", _docs, "write the data dictionary (Markdown) of the marts")
    docs.add_argument("--out", type=Path, default=Path("data-dictionary.md"), help="file to write")

    export = command("export", _export, "write every mart as Parquet or CSV files for BI tools")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="parquet")
    export.add_argument("--out", type=Path, default=Path("export"), help="folder to write")

    report = command("report", _report, "write the maturity report: one self-contained HTML file")
    report.add_argument("--out", type=Path, default=Path("report.html"), help="file to write")
    report.add_argument(
        "--as-of", type=date_argument, default=None, help="YYYY-MM-DD (default: latest assessed)"
    )


def date_argument(text: str) -> date:
    """A YYYY-MM-DD command-line value; anything else is argparse's usage error (exit 2)."""
    try:
        return parse_date(text)
    except ConfigError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _today():
    return datetime.now(UTC).date()


def _backfill(args: argparse.Namespace) -> int:
    from pipelines.run import run_backfill

    settings = load_settings(args.config)
    summary = run_backfill(
        settings,
        start=args.start,
        end=args.end or _today(),
        every=args.every,
        resync=args.resync,
        full=args.full,
    )
    dates = summary.as_of_dates
    if summary.sync_counts:
        print("\n".join(sync_lines(summary.sync_counts)))
    print(
        f"backfill: {len(dates)} as-of dates ({args.every} ends {dates[0]} .. {dates[-1]}), "
        f"{summary.row_counts.get('fct_maturity_assessments', 0):,} assessments"
    )
    print(_history_table(settings, dates))
    print(quality_line(summary.quality), file=sys.stderr)
    print(f"run {summary.run_id} finished in {summary.seconds:.1f} s", file=sys.stderr)
    return summary.exit_code


def _history_table(settings: Settings, dates: list) -> str:
    from pipelines.steps import load_configured_ruleset
    from warehouse.connection import open_warehouse
    from warehouse.sql import read_sql

    ruleset = load_configured_ruleset(settings)
    con = open_warehouse(settings.warehouse_path, read_only=True)
    try:
        rows = con.execute(
            read_sql(Path(__file__).with_name("history.sql")),
            {"dates": dates, "ruleset_id": ruleset.id, "ruleset_version": ruleset.version},
        ).fetchall()
    finally:
        con.close()
    lines = ["as of       organisation      teams at level 1 / 2 / 3 / 4 / 5"]
    for day, level, name, spread in rows:
        lines.append(f"{day}  {level} {name:<14}  {' / '.join(str(n) for n in spread)}")
    return "\n".join(lines)


def _serve(args: argparse.Namespace) -> int:
    from pipelines.serve import serve

    settings = load_settings(args.config)
    print(
        f"serving nightly ({settings.schedule.cron}, {settings.schedule.timezone}) and backfill "
        "deployments; Ctrl-C stops",
        file=sys.stderr,
    )
    serve(settings)
    return 0


def _warehouse(settings: Settings):
    from warehouse.connection import open_warehouse

    if not settings.warehouse_path.exists():
        raise ConfigError(
            f"no warehouse at {settings.warehouse_path}: run "
            f"`maturity run --config {settings.config_path}` first"
        )
    return open_warehouse(settings.warehouse_path, read_only=True)


def _docs(args: argparse.Namespace) -> int:
    from warehouse.docs import data_dictionary, migrated_catalog

    settings = load_settings(args.config)
    # The dictionary comes from the warehouse's own comments; before any run, from migrations.
    con = _warehouse(settings) if settings.warehouse_path.exists() else migrated_catalog()
    try:
        text = data_dictionary(con)
    finally:
        con.close()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({text.count(chr(10) + '## ')} tables)")
    return 0


def _export(args: argparse.Namespace) -> int:
    from warehouse.export import export_marts

    settings = load_settings(args.config)
    con = _warehouse(settings)
    try:
        written = export_marts(con, args.out, file_format=args.format)
    finally:
        con.close()
    for table, rows in written.items():
        print(f"{table}: {rows:,} rows")
    print(f"wrote {len(written)} marts as {args.format} to {args.out}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from pipelines.explain import NothingToExplainError
    from pipelines.report import write_report

    settings = load_settings(args.config)
    try:
        path = write_report(settings, args.out, as_of=args.as_of)
    except NothingToExplainError as err:
        raise ConfigError(str(err)) from None
    print(f"report: {path.resolve()}")
    return 0
