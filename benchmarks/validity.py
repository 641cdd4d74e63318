"""`make validate`: does the inferred level match the level a team was generated at?

Simulated organisations (several seeds; teams at known levels 1, 2, 3, 4, 5, 3, ...) are served
by the Jira emulator over HTTP and run through the product's own library steps (sync, then
derive: marts, indicators, assessments) for a few as-of dates each. The inferred level of
every team is compared with its true level, as confusion matrices:

- level_proven: the product's answer, on every source the demo reads: Jira and GitHub on
  their emulators, and the exported files (PM time-use surveys, launch checklists, outcome
  metrics, customer feedback) the simulator writes for the organisation;
- level_ceiling: where the team could be if everything unknown passed;
- level proven on the available evidence: the same rules without the criteria whose source
  is not configured yet (`Ruleset.available_only`): what the Jira criteria alone can tell.

Target (issue 5): >= 90% exact, none off by more than one level.
"""

from __future__ import annotations

import argparse
import logging
import os
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path


def _matrix(pairs: list[tuple[int, int]], title: str) -> list[str]:
    counts = Counter(pairs)
    n = len(pairs)
    exact = sum(c for (t, i), c in counts.items() if t == i)
    near = sum(c for (t, i), c in counts.items() if abs(t - i) <= 1)
    lines = [
        f"{title}  (rows: true level, columns: inferred)",
        "true \\ inferred" + "".join(f"{lvl:>6}" for lvl in range(1, 6)),
    ]
    for true in range(1, 6):
        row = [counts.get((true, inferred), 0) for inferred in range(1, 6)]
        lines.append(f"{true:>15}" + "".join(f"{x:>6}" for x in row))
    far = n - near
    lines.append(
        f"exact {exact}/{n} = {exact / n:.0%}; within one level {near / n:.0%}; "
        f"off by more than one: {far}"
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.validity")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    parser.add_argument("--teams", type=int, default=12, help="per organisation")
    parser.add_argument("--months", type=int, default=9)
    parser.add_argument("--dates", type=int, default=3, help="as-of dates, 4 weeks apart")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    from indicators.registry import indicator_ids
    from maturity.assess import AssessmentOptions, assess_all
    from pipelines.demo import (
        DEMO_EMAIL_ENV,
        DEMO_GITHUB_TOKEN_ENV,
        DEMO_TOKEN_ENV,
        write_demo_setup,
    )
    from pipelines.run import recorded_run
    from pipelines.settings import load_settings
    from pipelines.steps import derive, load_configured_ruleset, sync
    from simulator.generate import generate_organisation
    from simulator.github_emulator import GithubEmulator
    from simulator.github_org import github_side
    from simulator.jira_emulator import JiraEmulator

    now = datetime(2026, 6, 1, tzinfo=UTC)
    as_of_dates = [(now - timedelta(days=28 * k)).date() for k in range(args.dates)]
    proven, ceiling, available, misses = [], [], [], []
    started = time.perf_counter()
    ruleset = None
    for seed in args.seeds:
        org = generate_organisation(seed, now=now, teams=args.teams, months=args.months)
        truth = {t.name: t.true_level for t in org.teams}
        folder = Path(tempfile.mkdtemp(prefix=f"maturity-validate-{seed}-"))
        gh = github_side(org)
        with JiraEmulator(org) as jira, GithubEmulator(gh) as github:
            config = write_demo_setup(folder, org, jira_url=jira.url, gh=gh, github_url=github.url)
            os.environ[DEMO_EMAIL_ENV], os.environ[DEMO_TOKEN_ENV] = jira.email, jira.token
            os.environ[DEMO_GITHUB_TOKEN_ENV] = github.token
            settings = load_settings(config)
            with recorded_run(settings, "validate", {"seed": seed}) as run:
                sync(run.con, settings, run.run_id, full=True)
                derived = derive(run.con, settings, run.run_id, as_of_dates)
                ruleset = load_configured_ruleset(settings)
                jira_only = ruleset.available_only()
                for as_of in as_of_dates:
                    for a in assess_all(
                        run.con,
                        jira_only,
                        teams=list(truth),
                        as_of=as_of,
                        options=AssessmentOptions(min_confidence=0.6),
                    ):
                        if a.scope == "team":
                            available.append((truth[a.entity], a.level_proven))
        for a in derived.assessments:
            if a.scope == "team":
                proven.append((truth[a.entity], a.level_proven))
                ceiling.append((truth[a.entity], a.level_ceiling))
                if a.level_proven != truth[a.entity]:
                    misses.append(_miss(seed, a, truth[a.entity]))
        print(f"seed {seed}: {len(org.teams)} teams, {len(org.issues):,} issues", flush=True)

    missing = sorted(
        {
            f"{spec.source}: {spec.needs}"
            for name, spec in ruleset.indicators.items()
            if name not in indicator_ids()
        }
    )
    print(
        f"\n{len(proven)} team assessments ({len(args.seeds)} organisations x {args.teams} teams"
        f" x {len(as_of_dates)} as-of dates), rule set {ruleset.id} {ruleset.version}, "
        f"{time.perf_counter() - started:.0f} s\n"
    )
    for pairs, title in (
        (proven, "level_proven"),
        (ceiling, "level_ceiling"),
        (available, "level proven on the criteria whose indicators are computed"),
    ):
        print("\n".join(_matrix(pairs, title)) + "\n")
    print("Teams whose proven level is not their true level, and the criteria that decided it:")
    print("\n".join(f"  - {line}" for line in misses) or "  none")
    print("Sources the rule set needs that the simulator does not produce yet:")
    print("\n".join(f"  - {line}" for line in missing) or "  none")


def _miss(seed: int, a, true_level: int) -> str:
    """Why a team landed off its true level: the gating criteria that did not pass at the level
    above the proven one (too low), or what let it pass its true level's ceiling (too high)."""
    level = a.level_proven + 1 if a.level_proven < true_level else a.level_proven
    deciding = [
        f"{r.criterion_id} {r.status}"
        + (f" ({r.observed_value:.1f} vs {r.threshold})" if r.observed_value is not None else "")
        for r in a.results
        if r.level == level and r.is_gating and r.status != "pass"
    ]
    return (
        f"seed {seed} {a.entity} as of {a.as_of_date}: true {true_level}, proven "
        f"{a.level_proven}; level {level}: {', '.join(deciding) or 'all passed'}"
    )


if __name__ == "__main__":
    main()
