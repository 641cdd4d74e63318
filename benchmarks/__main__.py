"""`make bench`: the pipeline on a large simulated organisation, synced over HTTP, then the
sprint reconstruction at 200,000 issues (`benchmarks.reconstruction`), the file sources, and
the Jira sync alone against its targets (`benchmarks.jira_sync`); `--only` runs one.

Prints issues per second for each stage and the pipeline's peak memory (the emulator runs in
its own process and is not counted).
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

from benchmarks import file_sources, jira_sync, reconstruction
from benchmarks.emulated_org import served_organisation


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument(
        "--only",
        choices=("sync", "reconstruction", "files", "jira-sync"),
        help="run one benchmark: the HTTP sync and pipeline, the sprint reconstruction, "
        "the file sources (surveys, launches), or the Jira sync at scale against issue 3's "
        "targets (default: all)",
    )
    sync_options = parser.add_argument_group("sync")
    sync_options.add_argument(
        "--teams", type=int, default=40, help="40 teams x 12 months ~ 52,000 issues"
    )
    sync_options.add_argument("--months", type=int, default=12)
    sync_options.add_argument("--seed", type=int, default=7)
    reconstruction.add_arguments(parser.add_argument_group("reconstruction"))
    file_sources.add_arguments(parser.add_argument_group("files"))
    jira_sync.add_arguments(parser.add_argument_group("jira-sync"))
    args = parser.parse_args()
    if args.only in (None, "sync"):
        sync_benchmark(args)
    if args.only in (None, "reconstruction"):
        reconstruction.run(args)
    if args.only in (None, "files"):
        file_sources.run(args)
    if args.only in (None, "jira-sync"):
        jira_sync.run(args)


def sync_benchmark(args: argparse.Namespace) -> None:
    from indicators.registry import compute_all
    from indicators.store import store_values
    from maturity.assess import assess_all, store_assessments
    from pipelines.demo import DEMO_EMAIL_ENV, DEMO_TOKEN_ENV, write_demo_config
    from pipelines.settings import load_settings
    from pipelines.steps import load_configured_ruleset, sync
    from warehouse.connection import open_warehouse
    from warehouse.runs import start_run
    from warehouse.transform import JiraSourceConfig, TeamBoard, build_models

    folder = Path(tempfile.mkdtemp(prefix="maturity-bench-"))
    print(f"generating {args.teams} teams x {args.months} months (seed {args.seed}) ...")
    with served_organisation(seed=args.seed, teams=args.teams, months=args.months) as org:
        config = write_demo_config(folder / "maturity.toml", jira_url=org.url, teams=org.teams)
        os.environ[DEMO_EMAIL_ENV], os.environ[DEMO_TOKEN_ENV] = org.email, org.token
        settings = load_settings(config)
        con = open_warehouse(settings.warehouse_path)
        run_id = start_run(con, "bench", {})
        stages: list[tuple[str, float]] = []

        started = time.perf_counter()
        counts = sync(con, settings, run_id, full=True)["jira"]["sim"]
        stages.append(("sync (HTTP -> raw)", time.perf_counter() - started))
        requests = org.request_counts()

        con.execute("BEGIN TRANSACTION")
        started = time.perf_counter()
        build_models(
            con,
            [JiraSourceConfig("sim", "auto")],
            [TeamBoard(team, "sim", b) for team, boards in org.teams for b in boards],
        )
        stages.append(("staging + marts", time.perf_counter() - started))
        started = time.perf_counter()
        values = compute_all(con, org.now.date())
        store_values(con, values, org.now.date(), run_id)
        stages.append(("indicators", time.perf_counter() - started))
        started = time.perf_counter()
        ruleset = load_configured_ruleset(settings)
        found = assess_all(
            con, ruleset, teams=[t for t, _ in org.teams], as_of=org.now.date(), min_confidence=0.6
        )
        store_assessments(con, found, run_id)
        stages.append(("assessment", time.perf_counter() - started))
        con.execute("COMMIT")
        con.close()

    issues = org.issues
    print(
        f"\norganisation: {issues:,} issues, {counts['histories']:,} changelog histories, "
        f"{counts['sprints']:,} sprint listings, {args.teams} teams"
    )
    print(f"requests: {sum(requests.values()):,} ({dict(requests.most_common(6))})")
    print(f"\n{'stage':<22}{'seconds':>10}{'issues/s':>12}")
    for name, seconds in stages:
        print(f"{name:<22}{seconds:>10.2f}{issues / seconds:>12,.0f}")
    total = sum(s for _, s in stages)
    print(f"{'whole pipeline':<22}{total:>10.2f}{issues / total:>12,.0f}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (pipeline process): {peak_mb:,.0f} MB")
    print(
        f"warehouse: {settings.warehouse_path} "
        f"({settings.warehouse_path.stat().st_size / 1e6:,.0f} MB)"
    )


if __name__ == "__main__":
    main()
