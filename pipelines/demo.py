"""`maturity demo`: a simulated organisation served over HTTP, the whole pipeline, a table.

The only product path that imports the simulator, and only when the demo runs.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from pipelines.present import print_levels
from pipelines.settings import load_settings

DEMO_EMAIL_ENV = "MATURITY_DEMO_JIRA_EMAIL"
DEMO_TOKEN_ENV = "MATURITY_DEMO_JIRA_TOKEN"
DEMO_GITHUB_TOKEN_ENV = "MATURITY_DEMO_GITHUB_TOKEN"


def write_demo_config(
    path: Path,
    *,
    jira_url: str,
    teams: list[tuple[str, list[int]]],
    github: dict | None = None,
    files: tuple[str, dict[str, list[str]]] | None = None,
) -> Path:
    """`github`: url, playbook_repo, metrics_dictionary_path, launch_docs_path, playbook_path,
    experiment_labels and team_repos (team -> ["owner/repo", ...]) of the GitHub emulator.
    `files`: the file sources' lines and each team's extra lines (pipelines.demo_files)."""
    lines = [
        "# Written by `maturity demo`: a simulated organisation on local emulators (Jira, GitHub).",
        "[warehouse]",
        'path = "warehouse.duckdb"',
        "",
        "[[sources.jira]]",
        'name = "sim"',
        f'url = "{jira_url}"',
        'deployment = "auto"',
        f'email_env = "{DEMO_EMAIL_ENV}"',
        f'token_env = "{DEMO_TOKEN_ENV}"',
        "boards = []",
        'estimate_field = "auto"',
    ]
    if github:
        lines += ["", *github_source_lines(github)]
    for name, boards in teams:
        board_list = ", ".join(f'"sim:{b}"' for b in boards)
        lines += ["", "[[teams]]", f'name = "{name}"', f"jira_boards = [{board_list}]"]
        if github and github["team_repos"].get(name):
            lines.append(github_repos_line(github["team_repos"][name]))
        if files:
            lines += files[1].get(name, [])
    if files:
        lines.append(files[0])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_demo(out_dir: Path, *, seed: int = 7, teams: int = 6) -> None:
    from pipelines.report import write_report
    from pipelines.run import run_backfill, run_pipeline
    from pipelines.run_output import sync_lines
    from simulator.generate import generate_organisation
    from simulator.github_emulator import GithubEmulator
    from simulator.github_org import github_side
    from simulator.jira_emulator import JiraEmulator

    org = generate_organisation(seed=seed, teams=teams)
    out_dir = Path(out_dir)
    warehouse = out_dir / "warehouse.duckdb"
    for stale in (warehouse, warehouse.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)  # each demo starts from an empty warehouse
    gh = github_side(org)
    with JiraEmulator(org) as jira, GithubEmulator(gh) as github:
        config = write_demo_setup(out_dir, org, jira_url=jira.url, gh=gh, github_url=github.url)
        # The emulators' credentials reach the pipeline the way real ones do: by environment.
        os.environ[DEMO_EMAIL_ENV] = jira.email
        os.environ[DEMO_TOKEN_ENV] = jira.token
        os.environ[DEMO_GITHUB_TOKEN_ENV] = github.token
        settings = load_settings(config)
        summary = run_pipeline(settings, as_of=org.now.date(), kind="demo")
    print(f"Simulated organisation (seed {seed}): {len(org.teams)} teams, {len(org.issues)} issues")
    print(
        "True levels the simulator generated: "
        + ", ".join(f"{t.name} {t.true_level}" for t in org.teams)
    )
    print_levels(settings, summary.as_of_dates[0])
    print(f"\nWarehouse: {settings.warehouse_path} (run {summary.run_id}, {summary.seconds:.1f} s)")
    print("Sources read (the emulators on loopback, the exports in demo/exports/):")
    print("\n".join(sync_lines(summary.sync_counts)))
    print(summary.reconciliation["line"])
    # A year of month-end assessments from what is already synced (nothing is fetched again),
    # so the report shows levels over time, then the report itself.
    today = summary.as_of_dates[0]
    history = run_backfill(settings, start=today - timedelta(days=365), end=today, every="month")
    print(f"Backfill: {len(history.as_of_dates)} month ends assessed ({history.seconds:.1f} s)")
    print(f"Report: {write_report(settings, out_dir / 'report.html').resolve()}")


def github_source_lines(github: dict, *, token_env: str = DEMO_GITHUB_TOKEN_ENV) -> list[str]:
    """The [[sources.github]] table of a simulated GitHub (`github`: demo_github_settings)."""
    labels = ", ".join(f'"{label}"' for label in github["experiment_labels"])
    return [
        "[[sources.github]]",
        'name = "gh"',
        f'base_url = "{github["url"]}"',
        f'token_env = "{token_env}"',
        f'playbook_repo = "{github["playbook_repo"]}"',
        f'playbook_path = "{github["playbook_path"]}"',
        f'metrics_dictionary_path = "{github["metrics_dictionary_path"]}"',
        f'launch_docs_path = "{github["launch_docs_path"]}"',
        f"experiment_labels = [{labels}]",
        "min_seconds_between_requests = 0  # a local emulator: no need to pace requests",
    ]


def github_repos_line(repos: list[str]) -> str:
    return "github_repos = [" + ", ".join(f'"gh:{r}"' for r in repos) + "]"


def write_github_config(
    path: Path,
    github: dict,
    *,
    token_env: str,
    source_lines: tuple[str, ...] = (),
    tables: tuple[str, ...] = (),
) -> Path:
    """A config with a simulated GitHub as its only source, for that source's tests and
    benchmark: `source_lines` go into its [[sources.github]] table, `tables` before it."""
    lines = ["[warehouse]", 'path = "warehouse.duckdb"', "", *tables, ""]
    lines += [*github_source_lines(github, token_env=token_env), *source_lines]
    for team, repos in github["team_repos"].items():
        lines += ["", "[[teams]]", f'name = "{team}"', github_repos_line(repos)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_demo_setup(out_dir: Path, org, *, jira_url: str, gh, github_url: str) -> Path:
    """The demo's config for a simulated organisation served on these emulators, with its
    exported files written beside it: what the demo, the validity bench and the end-to-end
    tests run. Credentials are left to the caller (environment variables)."""
    from pipelines.demo_files import write_demo_exports

    return write_demo_config(
        Path(out_dir) / "maturity.toml",
        jira_url=jira_url,
        teams=[(t.name, t.board_ids) for t in org.teams],
        github=demo_github_settings(gh, github_url),
        files=write_demo_exports(org, Path(out_dir)),
    )


def demo_github_settings(gh, url: str) -> dict:
    """What write_demo_config needs to know of a simulated GitHub (simulator.github_model)."""
    return {
        "url": url,
        "playbook_repo": gh.playbook_repo,
        "playbook_path": gh.playbook_path,
        "metrics_dictionary_path": gh.metrics_dictionary_path,
        "launch_docs_path": gh.launch_docs_path,
        "experiment_labels": list(gh.experiment_labels),
        "team_repos": dict(gh.team_repos),
    }
