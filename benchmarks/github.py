"""`python -m benchmarks.github`: requests of a nightly GitHub sync over 200 repositories.

A simulated organisation of 200 team repositories (a year of issues, pull requests, releases
and tags each) and its playbook repository is served by the GitHub emulator and synced with
the real PyGithub client: first everything, then night after night with 1% of the
repositories changed overnight. Prints the requests of each night, how many were answered
304 (free of rate limit on GitHub) and how many counted against the rate limit.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from datetime import UTC, timedelta
from pathlib import Path
from unittest import mock

from pipelines import github_sync
from pipelines.demo import demo_github_settings, write_github_config
from pipelines.run import recorded_run
from pipelines.settings import load_settings
from simulator.github_emulator import GithubEmulator
from simulator.github_org import generate_github, touch_repositories
from simulator.habits import LEVEL_CYCLE
from warehouse.runs import utc_now

TOKEN_ENV = "MATURITY_BENCH_GITHUB_TOKEN"


def write_config(folder: Path, url: str, gh) -> Path:
    return write_github_config(
        folder / "maturity.toml", demo_github_settings(gh, url), token_env=TOKEN_ENV
    )


def night(settings, server, at) -> tuple[dict, int, int, int, float]:
    """One sync with the sync's clock at `at`: (summary, requests, 304s, charged, seconds)."""
    server.reset_log()
    started = time.perf_counter()
    clock = mock.patch.object(github_sync, "utc_now", lambda: at)
    with clock, recorded_run(settings, "bench", {}) as run:
        summary = github_sync.sync_github_sources(run.con, settings, run.run_id)["gh"]
    seconds = time.perf_counter() - started
    not_modified = sum(r.status == 304 for r in server.records)
    return summary, server.total_requests(), not_modified, server.charged(), seconds


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.github")
    parser.add_argument("--repos", type=int, default=200, help="team repositories")
    parser.add_argument("--changed", type=float, default=0.01, help="share changed a night")
    parser.add_argument("--nights", type=int, default=7)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    now = utc_now().replace(hour=2, minute=0, second=0, microsecond=0)
    teams = [(f"Team {i + 1}", LEVEL_CYCLE[i % len(LEVEL_CYCLE)]) for i in range(args.repos)]

    print(f"generating {args.repos} team repositories (seed {args.seed}) ...")
    gh = generate_github(teams, seed=args.seed, now=now.replace(tzinfo=UTC))
    folder = Path(tempfile.mkdtemp(prefix="maturity-bench-github-"))
    with GithubEmulator(gh, rate_limit=10_000_000) as server:
        os.environ[TOKEN_ENV] = server.token
        settings = load_settings(write_config(folder, server.url, gh))
        first, requests, _, charged, seconds = night(settings, server, now)
        print(
            f"\nfirst sync: {first['repos']} repositories, {first['issues']:,} issues and pull "
            f"requests, {first['releases']:,} releases, {first['files']} documents: "
            f"{requests:,} requests ({charged:,} against the rate limit), {seconds:.1f} s"
        )
        print(
            f"\n{'night':<34}{'changed':>8}{'visited':>8}{'requests':>10}{'304':>6}"
            f"{'charged':>9}{'seconds':>9}"
        )
        rows = []
        # The same day as the first sync: no full visit is due, only the changes are read.
        changed = touch_repositories(gh, args.changed, at=gh.now + timedelta(hours=1), seed=0)
        rows.append(("1% changed, no full visit due", changed, *night(settings, server, now)))
        for day in range(1, args.nights + 1):
            at = gh.now + timedelta(days=day)
            changed = touch_repositories(gh, args.changed, at=at, seed=day)
            result = night(settings, server, now + timedelta(days=day))
            rows.append((f"day {day}: 1% changed + full visits due", changed, *result))
        for label, changed, summary, requests, not_modified, charged, seconds in rows:
            print(
                f"{label:<34}{len(changed):>8}{summary['repos_visited']:>8}{requests:>10,}"
                f"{not_modified:>6,}{charged:>9,}{seconds:>9.2f}"
            )
    weekly = rows[1:]
    mean = sum(r[3] for r in weekly) / len(weekly)
    print(
        f"\nA nightly run over {args.repos + 1} repositories after {args.changed:.0%} changed: "
        f"{rows[0][3]:,} requests when only the changes are read ({rows[0][4]:,} of them 304s, "
        f"free of rate limit); {mean:,.0f} a night on average with each repository's weekly "
        "full visit (full_visit_days = 7) spread over the week."
    )


if __name__ == "__main__":
    main()
