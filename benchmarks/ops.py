"""`make bench` (operations): wall time and peak memory of a nightly run and of a 24-month
backfill on the `make bench` organisation (40 teams x 12 months, ~52,000 issues by default),
each measured as the `maturity` command an operator runs, in a process of its own.

1. first run: `maturity run` on an empty warehouse (full sync over HTTP, then derive);
2. nightly: `maturity run` again: incremental sync (the emulated Jira has not changed, so
   this is the cost of a quiet night: the fixed costs), validation, marts, indicators, levels;
3. backfill: `maturity backfill --from <24 months ago> --every month`: 24 as-of dates in one
   derive transaction (the organisation has 12 months of history: the older half is assessed
   on little or no evidence, which costs the same);
4. the nightly again, to check the marts' content hash did not change (idempotency).

Peak memory is the child's own maximum resident set (os.wait4); the emulator runs in another
process and is not counted. Data-quality time is what the run recorded in meta.runs (it
includes importing Great Expectations, about 2-5 s on a busy machine).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import duckdb

from benchmarks.emulated_org import served_organisation


def _measure(name: str, argv: list[str], log: Path) -> dict:
    started = time.perf_counter()
    with log.open("w") as stderr:  # a file, not a pipe: a full pipe would stall the child
        child = subprocess.Popen(
            [sys.executable, "-m", "pipelines.cli", *argv],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            cwd=Path(__file__).resolve().parents[1],
        )
        _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{name}: exit code {code}\n{log.read_text()[-3000:]}")
    return {"name": name, "seconds": seconds, "peak_mb": usage.ru_maxrss / 1024}


def _last_run(path: Path) -> dict:
    con = duckdb.connect(str(path), read_only=True)
    try:
        counts = con.execute(
            "SELECT row_counts FROM meta.runs ORDER BY started_at DESC LIMIT 1"
        ).fetchone()[0]
        from warehouse.fingerprint import marts_fingerprint

        return {**json.loads(counts), "hash": marts_fingerprint(con)["*"]}
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ops")
    parser.add_argument("--teams", type=int, default=40)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--backfill-months", type=int, default=24)
    args = parser.parse_args()

    from pipelines.demo import DEMO_EMAIL_ENV, DEMO_TOKEN_ENV, write_demo_config

    folder = Path(tempfile.mkdtemp(prefix="maturity-bench-ops-"))
    print(f"operations: {args.teams} teams x {args.months} months (seed {args.seed}) ...")
    with served_organisation(seed=args.seed, teams=args.teams, months=args.months) as org:
        config = write_demo_config(folder / "maturity.toml", jira_url=org.url, teams=org.teams)
        os.environ[DEMO_EMAIL_ENV], os.environ[DEMO_TOKEN_ENV] = org.email, org.token
        today = org.now.date()
        start = today - timedelta(days=round(args.backfill_months * 30.44))
        common = ["--config", str(config)]
        warehouse = folder / "warehouse.duckdb"
        results = []
        for name, argv in (
            ("first run (full sync)", ["run", *common, "--as-of", str(today)]),
            ("nightly (incremental)", ["run", *common, "--as-of", str(today)]),
            (
                f"backfill {args.backfill_months} months",
                ["backfill", *common, "--from", str(start), "--to", str(today)],
            ),
            ("nightly again", ["run", *common, "--as-of", str(today)]),
        ):
            measured = _measure(name, argv, folder / f"step{len(results)}.log")
            measured.update(_last_run(warehouse))
            results.append(measured)
            print(f"  {name}: {measured['seconds']:.1f} s", flush=True)

    print(f"\norganisation: {org.issues:,} issues, {args.teams} teams")
    print(f"\n{'step':<26}{'wall s':>8}{'peak MB':>9}{'quality s':>11}{'checks':>8}  assessments")
    for r in results:
        quality = r.get("data_quality") or {}
        print(
            f"{r['name']:<26}{r['seconds']:>8.1f}{r['peak_mb']:>9,.0f}"
            f"{quality.get('seconds', 0):>11.1f}{quality.get('expectations', 0):>8}"
            f"  {r.get('fct_maturity_assessments', 0):,}"
        )
    # Same data, same as-of date: the nightly must leave the marts as it found them.
    same = results[0]["hash"] == results[1]["hash"] and results[2]["hash"] == results[3]["hash"]
    print(f"\nmarts content hash unchanged by a repeated nightly: {'yes' if same else 'NO'}")
    print(f"warehouse: {warehouse} ({warehouse.stat().st_size / 1e6:,.0f} MB)")


if __name__ == "__main__":
    main()
