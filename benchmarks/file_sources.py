"""File sources at scale: 1,000,000 survey responses and 100,000 launches with 2,000,000
checklist items, read, validated (Great Expectations on every row) and landed.

The files are generated first (Google Forms CSV for the survey, one row per checklist item
for the launches), then loaded in a child process that reports its own peak memory (the
loader's alone; the seconds are the child's whole life, imports included).
Targets: under 60 s and under 1.5 GB peak memory.

    python -m benchmarks.file_sources [--responses N] [--launches N] [--items-per-launch N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

TARGET_SECONDS, TARGET_MB = 60.0, 1500.0
SALT_ENV = "MATURITY_RESPONDENT_SALT"


def add_arguments(group) -> None:
    group.add_argument("--responses", type=int, default=1_000_000)
    group.add_argument("--launches", type=int, default=100_000)
    group.add_argument("--items-per-launch", type=int, default=20)


def run(args: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp(prefix="maturity-files-bench-"))
    started = time.perf_counter()
    write_surveys(folder / "exports" / "pm-time.csv", args.responses)
    write_launches(folder / "exports" / "launches.csv", args.launches, args.items_per_launch)
    write_config(folder / "maturity.toml")
    print(
        f"files: generated {args.responses:,} survey responses and {args.launches:,} launches x "
        f"{args.items_per_launch} items in {time.perf_counter() - started:.1f} s ({folder})"
    )
    env = {**os.environ, SALT_ENV: os.environ.get(SALT_ENV, "bench-salt")}
    started = time.perf_counter()
    child = subprocess.run(
        [sys.executable, "-m", "benchmarks.file_sources", "--load", str(folder)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if child.returncode:
        print(child.stdout + child.stderr)
        raise SystemExit(f"files: the load failed (exit {child.returncode})")
    found = json.loads(child.stdout.strip().splitlines()[-1])
    report(found["sources"], seconds, found["peak_mb"])


def report(found: dict, seconds: float, peak_mb: float) -> None:
    for kind, s in found.items():
        rows = s["rows_read"] + s["items_read"]
        print(
            f"files: {kind}: {s['rows_read']:,} rows"
            + (f" + {s['items_read']:,} checklist items" if s["items_read"] else "")
            + f" read = {s['rows_loaded'] + s['items_loaded']:,} loaded + "
            f"{s['rows_quarantined'] + s['items_quarantined']:,} quarantined "
            f"in {s['seconds']:.1f} s "
            f"({rows / max(s['seconds'], 1e-9):,.0f} rows/s)"
        )
    verdict = "ok" if seconds < TARGET_SECONDS and peak_mb < TARGET_MB else "OVER TARGET"
    print(
        f"files: load and validate {seconds:.1f} s (target < {TARGET_SECONDS:.0f} s), "
        f"peak memory {peak_mb:,.0f} MB (target < {TARGET_MB:,.0f} MB): {verdict}"
    )


def load(folder: Path) -> None:
    """In the child: one sync of both sources into a fresh warehouse; the summary as JSON."""
    from pipelines.file_sync import sync_file_sources
    from pipelines.settings import load_settings
    from warehouse.connection import open_warehouse

    settings = load_settings(folder / "maturity.toml")
    con = open_warehouse(settings.warehouse_path)
    found = sync_file_sources(con, settings, "bench")
    con.close()
    # Its own peak: the parent's other children (an emulator in `make bench`) do not count.
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sources = {f"{k} {n}": s for k, v in found.items() for n, s in v.items()}
    print(json.dumps({"sources": sources, "peak_mb": peak_mb}))


def write_surveys(path: Path, n: int) -> None:
    rng = np.random.default_rng(1)
    total = rng.choice([38.0, 40.0, 42.0, 45.0], n)
    share = rng.uniform(0.05, 0.4, n)
    split = np.array([0.4, 0.3, 0.15, 0.15])
    hours = np.round(total[:, None] * share[:, None] * split * 2) / 2
    seconds = rng.integers(0, 365 * 86400, n)
    stamps = pd.Timestamp("2024-07-01") + pd.to_timedelta(np.sort(seconds), unit="s")
    # A few broken answers, as real exports have: an overhead beyond the week worked.
    hours[::50_000, 0] = 60.0
    frame = pd.DataFrame(
        {
            "Timestamp": stamps.strftime("%Y/%m/%d %I:%M:%S %p") + " GMT+1",
            "Email Address": [f"pm{i}@bench.example" for i in range(n)],
            "Which team are you on?": np.char.add("Team ", (np.arange(n) % 40 + 1).astype(str)),
            "Hours worked this week": total,
            "Hours coordinating meetings": hours[:, 0],
            "Hours on reporting": hours[:, 1],
            "Hours researching tools": hours[:, 2],
            "Hours designing process": hours[:, 3],
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False)


def write_launches(path: Path, launches: int, items: int) -> None:
    n = launches * items
    launch = np.repeat(np.arange(launches), items)
    planned = pd.Timestamp("2023-01-01") + pd.to_timedelta(launch % 900, unit="D")
    late = pd.to_timedelta(np.where(launch % 5 == 0, 7, 0), unit="D")
    frame = pd.DataFrame(
        {
            "launch_id": np.char.add("L", launch.astype(str)),
            "name": np.char.add("Launch ", launch.astype(str)),
            "team": np.char.add("Team ", (launch % 40 + 1).astype(str)),
            "planned_date": planned.strftime("%Y-%m-%d"),
            "actual_date": (planned + late).strftime("%Y-%m-%d"),
            "adoption_target": 100,
            "adoption_actual": np.where(launch % 3 == 0, 80, 130),
            "item": np.char.add("Item ", (np.arange(n) % items + 1).astype(str)),
            "done": np.where(np.arange(n) % 17 == 0, "no", "yes"),
            "done_date": (planned - pd.to_timedelta(2, unit="D")).strftime("%Y-%m-%d"),
        }
    )
    frame.to_csv(path, index=False)


def write_config(path: Path) -> None:
    teams = "\n".join(f'[[teams]]\nname = "Team {i}"' for i in range(1, 41))
    path.write_text(
        '[warehouse]\npath = "w.duckdb"\n\n'
        '[[sources.surveys]]\nname = "pm-time"\npaths = ["exports/pm-time.csv"]\n'
        "[sources.surveys.columns]\n"
        'team = "Which team are you on?"\ntotal_hours = "Hours worked this week"\n'
        'meeting_coordination_hours = "Hours coordinating meetings"\n'
        'reporting_hours = "Hours on reporting"\n'
        'tool_research_hours = "Hours researching tools"\n'
        'process_design_hours = "Hours designing process"\n\n'
        '[[sources.launches]]\nname = "launches"\npaths = ["exports/launches.csv"]\n\n'
        + teams
        + "\n",
        encoding="utf-8",
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.file_sources")
    parser.add_argument("--load", type=Path, help=argparse.SUPPRESS)
    add_arguments(parser)
    args = parser.parse_args()
    if args.load:
        load(args.load)
    else:
        run(args)


if __name__ == "__main__":
    main()
