"""`maturity demo`: a simulated organisation served over HTTP, the whole pipeline, a table.

The only product path that imports the simulator, and only when the demo runs.
"""

from __future__ import annotations

import os
from pathlib import Path

from pipelines.present import print_levels
from pipelines.settings import load_settings

DEMO_EMAIL_ENV = "MATURITY_DEMO_JIRA_EMAIL"
DEMO_TOKEN_ENV = "MATURITY_DEMO_JIRA_TOKEN"


def write_demo_config(path: Path, *, jira_url: str, teams: list[tuple[str, list[int]]]) -> Path:
    lines = [
        "# Written by `maturity demo`: a simulated organisation on a local Jira emulator.",
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
    for name, boards in teams:
        board_list = ", ".join(f'"sim:{b}"' for b in boards)
        lines += ["", "[[teams]]", f'name = "{name}"', f"jira_boards = [{board_list}]"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_demo(out_dir: Path, *, seed: int = 7, teams: int = 6) -> None:
    from pipelines.run import run_pipeline
    from simulator.generate import generate_organisation
    from simulator.jira_emulator import JiraEmulator

    org = generate_organisation(seed=seed, teams=teams)
    out_dir = Path(out_dir)
    warehouse = out_dir / "warehouse.duckdb"
    for stale in (warehouse, warehouse.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)  # each demo starts from an empty warehouse
    with JiraEmulator(org) as jira:
        config = write_demo_config(
            out_dir / "maturity.toml",
            jira_url=jira.url,
            teams=[(t.name, t.board_ids) for t in org.teams],
        )
        # The emulator's credentials reach the pipeline the way real ones do: by environment.
        os.environ[DEMO_EMAIL_ENV] = jira.email
        os.environ[DEMO_TOKEN_ENV] = jira.token
        settings = load_settings(config)
        summary = run_pipeline(settings, as_of=org.now.date(), kind="demo")
    print(f"Simulated organisation (seed {seed}): {len(org.teams)} teams, {len(org.issues)} issues")
    print(
        "True levels the simulator generated: "
        + ", ".join(f"{t.name} {t.true_level}" for t in org.teams)
    )
    print_levels(settings, summary.as_of_dates[0])
    print(f"\nWarehouse: {settings.warehouse_path} (run {summary.run_id}, {summary.seconds:.1f} s)")
