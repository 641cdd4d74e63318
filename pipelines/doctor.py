"""`maturity doctor`: check every configured source and say what to fix."""

from __future__ import annotations

from connectors.jira.client import JiraSourceError
from connectors.jira.discovery import describe_instance
from pipelines.doctor_files import check_files
from pipelines.doctor_github import check_github
from pipelines.jira_sync import open_connection
from pipelines.settings import ConfigError, Settings

OK, PROBLEM = "ok ", "XX "


def check_sources(settings: Settings) -> tuple[list[str], int]:
    """Lines to print, and how many problems were found: Jira, GitHub, then file sources."""
    lines, problems = _check_jira(settings)
    for check in (check_github, check_files):
        found, count = check(settings)
        lines += found
        problems += count
    if not any(getattr(settings.sources, kind) for kind in type(settings.sources).model_fields):
        lines.append(f"{PROBLEM}no source configured: add one (see README, 'Configure')")
        problems += 1
    return lines, problems


def _check_jira(settings: Settings) -> tuple[list[str], int]:
    lines: list[str] = []
    problems = 0
    for source in settings.sources.jira:
        lines.append(f"Jira source '{source.name}' ({source.url})")
        try:
            conn = open_connection(source)
            facts = describe_instance(conn)
        except (ConfigError, JiraSourceError) as err:
            lines.append(f"  {PROBLEM}{err}")
            problems += 1
            continue
        lines.append(f"  {OK}reachable and authenticated: {facts.server_title} {facts.version}")
        lines.append(f"  {OK}deployment: {facts.deployment} (configured: {source.deployment})")
        lines.append(f"  {OK}account time zone: {facts.account_time_zone or 'not shown (UTC)'}")
        if facts.sprint_field:
            lines.append(f"  {OK}sprint field: {facts.sprint_field}")
        else:
            lines.append(f"  {PROBLEM}no Sprint field: is Jira Software installed and visible?")
            problems += 1
        named = [f"{f} ({facts.field_names.get(f, f)})" for f in facts.estimate_fields]
        lines.append(f"  {OK}estimate fields found: {', '.join(named) or 'none'}")
        if source.estimate_field not in ("auto", *facts.field_names):
            lines.append(
                f"  {PROBLEM}estimate_field = '{source.estimate_field}' does not exist here; "
                f"use 'auto' or one of {facts.estimate_fields}"
            )
            problems += 1
        visible = {b.id: b for b in facts.boards}
        lines.append(f"  {OK}{len(visible)} scrum boards visible")
        wanted = set(source.boards) | {
            b for team in settings.teams for s, b in team.board_refs() if s == source.name
        }
        for board_id in sorted(wanted):
            board = visible.get(board_id)
            if board is None:
                lines.append(
                    f"  {PROBLEM}board {board_id} is not visible as a scrum board: check the id "
                    f"or the account's board permissions (visible: {sorted(visible)[:20]})"
                )
                problems += 1
            else:
                estimate = board.estimate_field or "issue count"
                lines.append(
                    f"  {OK}board {board_id} '{board.name}' ({board.project_key}), "
                    f"estimates by {estimate}"
                )
        for board_id, error in facts.board_errors.items():
            if board_id in wanted:
                lines.append(f"  {PROBLEM}board {board_id} configuration unreadable: {error}")
                problems += 1
    teams_without_boards = [t.name for t in settings.teams if not t.jira_boards]
    if teams_without_boards and settings.sources.jira:
        lines.append(f"{PROBLEM}teams with no jira_boards: {teams_without_boards}")
        problems += 1
    return lines, problems
