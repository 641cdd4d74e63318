"""`maturity`: the command line. Every command takes --config; exit codes are documented.

Exit codes: 0 ok; 1 unexpected error; 2 bad configuration or rule set; 3 a source could not
be read (unreachable, refused, malformed); 4 data-quality failure; 5 warehouse busy.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from pipelines.cli_ops import add_commands, date_argument
from pipelines.exit_codes import (
    EXIT_CODES,
    EXIT_CONFIG,
    EXIT_OK,
    EXIT_SOURCE,
    exit_code_for,
    exit_code_for_sync,
)
from pipelines.present import print_levels
from pipelines.run_output import quality_line, sync_lines
from pipelines.settings import DEFAULT_CONFIG_NAME, load_settings

log = logging.getLogger("maturity")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # Third-party clients log request details at INFO/DEBUG; keep them out of our output.
    for noisy in ("urllib3", "jira", "requests", "great_expectations", "github"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        return args.handler(args)
    except BrokenPipeError:
        # `maturity run | head`: the reader left; nothing more to say, and no traceback (also
        # not when Python flushes stdout on exit, hence devnull in its place).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KNOWN_FAILURES as err:
        code = exit_code_for(err)
        return _fail(code, f"{FAILURE_PREFIX.get(code, '')}{err}")


# Every documented failure ends in one line naming what to fix; anything else is a bug and
# keeps its traceback.
KNOWN_FAILURES = tuple(kind for kind, _ in EXIT_CODES)
FAILURE_PREFIX = {EXIT_CONFIG: "configuration error: ", EXIT_SOURCE: "source error: "}


def _fail(code: int, message: str) -> int:
    print(f"maturity: {message}", file=sys.stderr)
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="maturity",
        description="Infer Product Ops maturity from the traces work leaves (Jira, ...).",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, handler: Callable, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        # -v works before or after the command; SUPPRESS keeps a leading -v from being reset.
        sub.add_argument(
            "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="debug logging"
        )
        sub.add_argument(
            "--config",
            type=Path,
            default=Path(DEFAULT_CONFIG_NAME),
            help=f"configuration file (default: ./{DEFAULT_CONFIG_NAME})",
        )
        sub.set_defaults(handler=handler)
        return sub

    run = command("run", _run, "sync every source, rebuild the marts, assess as of a date")
    run.add_argument(
        "--as-of", type=date_argument, default=None, help="YYYY-MM-DD (default: today, UTC)"
    )
    run.add_argument("--full", action="store_true", help="re-read everything, not only changes")

    assess = command("assess", _assess, "rebuild marts and assess from what is already synced")
    assess.add_argument(
        "--as-of", type=date_argument, default=None, help="YYYY-MM-DD (default: today)"
    )
    assess.add_argument(
        "--json", action="store_true", help="print every assessment as JSON instead of the table"
    )

    explain = command("explain", _explain, "a team's level, why, and the next steps to the next")
    explain.add_argument("team", help="team name as in [[teams]], or 'organisation'")
    explain.add_argument(
        "--as-of", type=date_argument, default=None, help="YYYY-MM-DD (default: latest assessed)"
    )
    explain.add_argument("--json", action="store_true", help="print it as JSON")

    rules = command("rules", _rules, "check a rule set file and list its criteria")
    rules.add_argument(
        "--file", type=Path, default=None, help="a rule set YAML (default: the configured one)"
    )

    sync = command("sync", _sync, "sync every source into the warehouse's raw layer, nothing else")
    sync.add_argument("--full", action="store_true", help="re-read everything, not only changes")

    command("doctor", _doctor, "check each configured source and say what to fix")

    init = command("init", _init, "write a starter maturity.toml from what a Jira instance shows")
    init.add_argument("--jira-url", required=True, help="e.g. https://acme.atlassian.net")
    init.add_argument("--name", default="jira", help="short name for this Jira source")
    init.add_argument(
        "--email-env",
        default="JIRA_EMAIL",
        help="variable holding the account e-mail (Cloud); '' for Data Center",
    )
    init.add_argument(
        "--token-env",
        default="JIRA_API_TOKEN",
        help="variable holding the API token or personal access token",
    )
    init.add_argument("--deployment", choices=("auto", "cloud", "datacenter"), default="auto")
    init.add_argument("--force", action="store_true", help="overwrite an existing file")

    demo = command("demo", _demo, "simulate an organisation, run the whole pipeline on it")
    demo.add_argument("--out", type=Path, default=Path("demo"), help="folder for the demo's files")
    demo.add_argument("--seed", type=int, default=7, help="seed of the simulated organisation")
    demo.add_argument("--teams", type=int, default=6, help="how many teams to simulate")
    add_commands(command)  # backfill, serve, docs, export, report (pipelines/cli_ops.py)
    return parser


def _today() -> date:
    return datetime.now(UTC).date()


def _run(args: argparse.Namespace) -> int:
    from pipelines.run import run_pipeline

    settings = load_settings(args.config)
    summary = run_pipeline(settings, as_of=args.as_of or _today(), full=args.full)
    print("\n".join(sync_lines(summary.sync_counts)))
    print(summary.reconciliation["line"])
    print_levels(settings, summary.as_of_dates[0])
    print(quality_line(summary.quality), file=sys.stderr)
    print(f"run {summary.run_id} finished in {summary.seconds:.1f} s", file=sys.stderr)
    return summary.exit_code


def _assess(args: argparse.Namespace) -> int:
    from pipelines.run import run_pipeline

    settings = load_settings(args.config)
    summary = run_pipeline(settings, as_of=args.as_of or _today(), kind="assess", do_sync=False)
    print(quality_line(summary.quality), file=sys.stderr)
    if args.json:
        from pipelines.explain import run_document, to_json
        from pipelines.steps import load_configured_ruleset

        ruleset = load_configured_ruleset(settings)
        print(to_json(run_document(settings, ruleset, summary.as_of_dates[0])))
        return EXIT_OK
    print_levels(settings, summary.as_of_dates[0])
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    from pipelines.explain import NothingToExplainError, explanation, render, to_json
    from pipelines.steps import load_configured_ruleset

    settings = load_settings(args.config)
    try:
        document = explanation(settings, load_configured_ruleset(settings), args.team, args.as_of)
    except NothingToExplainError as err:
        return _fail(EXIT_CONFIG, str(err))
    print(to_json(document) if args.json else render(document))
    return EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    from indicators.registry import indicator_ids
    from maturity.ruleset import load_ruleset

    name = args.file or load_settings(args.config).assessment.ruleset
    ruleset = load_ruleset(name, indicator_ids())
    print(f"{ruleset.id} {ruleset.version}: valid, {len(ruleset.criteria)} criteria")
    for c in sorted(ruleset.criteria, key=lambda c: (c.level, c.scope, c.id)):
        state = (
            "planned: " + ruleset.spec(c.indicator).source
            if ruleset.is_planned(c.indicator)
            else "available"
        )
        flags = "" if c.is_gating else ", experimental"
        print(
            f"  {c.level} {c.scope:<12} {c.id:<30} {c.indicator} {c.threshold_text()} "
            f"({state}{flags})"
        )
    return EXIT_OK


def _sync(args: argparse.Namespace) -> int:
    from pipelines.run import recorded_run
    from pipelines.steps import sync

    settings = load_settings(args.config)
    with recorded_run(settings, "sync", {"full": args.full}) as run:
        found = sync(run.con, settings, run.run_id, full=args.full)
        run.row_counts, run.exit_code = {"sync": found}, exit_code_for_sync(found)
    print("\n".join(sync_lines(found)))
    return run.exit_code


def _doctor(args: argparse.Namespace) -> int:
    from pipelines.doctor import check_sources

    lines, problems = check_sources(load_settings(args.config))
    print("\n".join(lines))
    print(f"\n{problems} problem(s) found" if problems else "\nall checks passed")
    return EXIT_SOURCE if problems else EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from pipelines.init_config import write_starter_config

    facts = write_starter_config(
        args.config,
        url=args.jira_url,
        name=args.name,
        email_env=args.email_env or None,
        token_env=args.token_env,
        deployment=args.deployment,
        force=args.force,
    )
    print(f"wrote {args.config}: {facts.deployment}, {len(facts.boards)} scrum boards as teams")
    print(f"next: review it, then `maturity doctor --config {args.config}`")
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    from pipelines.demo import run_demo

    if not args.verbose:
        # The demo prints its own summary of every step; the step-by-step log is for -v.
        logging.getLogger().setLevel(logging.WARNING)
    run_demo(args.out, seed=args.seed, teams=args.teams)
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
