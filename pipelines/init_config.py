"""`maturity init --jira-url URL`: a commented starter maturity.toml from what Jira shows."""

from __future__ import annotations

import re
from pathlib import Path

from connectors.jira.client import connect
from connectors.jira.discovery import InstanceFacts, describe_instance
from pipelines.settings import ConfigError, secret


def starter_config(
    facts: InstanceFacts, *, url: str, name: str, email_env: str | None, token_env: str
) -> str:
    estimate = facts.estimate_fields[0] if facts.estimate_fields else None
    lines = [
        "# maturity.toml, written by `maturity init` from what the Jira instance shows.",
        "# Edit freely: rename teams, merge boards into one team, drop boards you don't want.",
        "# Secrets are not here: export the variables named by email_env and token_env.",
        "",
        "[warehouse]",
        'path = "warehouse.duckdb"         # the DuckDB file, relative to this file',
        "",
        "[[sources.jira]]",
        f'name = "{name}"',
        f'url = "{url}"',
        f'deployment = "auto"              # detected: {facts.deployment}',
    ]
    if email_env:
        lines.append(f'email_env = "{email_env}"       # Cloud: the account e-mail')
    lines += [
        f'token_env = "{token_env}"   # Cloud API token or Data Center personal access token',
        "boards = []                      # empty: every scrum board the account can see",
        'estimate_field = "auto"          # each board\'s own estimation field'
        + (f"; found: {', '.join(facts.estimate_fields)}" if estimate else ""),
        "",
        "# One team per scrum board found. A team may own several boards.",
    ]
    for board in facts.boards:
        team = _team_name(board.name)
        lines += [
            "",
            "[[teams]]",
            f'name = "{team}"',
            f'jira_boards = ["{name}:{board.id}"]     # {board.name}'
            + (f" ({board.project_key})" if board.project_key else ""),
        ]
    if not facts.boards:
        lines += ["", "# No scrum boards are visible to this account: check its permissions."]
    return "\n".join(lines) + "\n"


def _team_name(board_name: str) -> str:
    cleaned = re.sub(r"\s*(scrum\s*)?board$", "", board_name, flags=re.IGNORECASE).strip()
    return (cleaned or board_name).replace('"', "'")


def write_starter_config(
    path: Path,
    *,
    url: str,
    name: str,
    email_env: str | None,
    token_env: str,
    deployment: str,
    force: bool,
) -> InstanceFacts:
    if path.exists() and not force:
        raise ConfigError(f"{path} exists already: pass --force to overwrite it, or --config NEW")
    email = secret(email_env, purpose="the Jira account e-mail") if email_env else None
    conn = connect(
        url,
        email=email,
        token=secret(token_env, purpose="the Jira API token"),
        deployment=deployment,
        credential_hint=f"the credentials in {email_env or ''} {token_env}".strip(),
    )
    facts = describe_instance(conn)
    text = starter_config(
        facts, url=url.rstrip("/"), name=name, email_env=email_env, token_env=token_env
    )
    path.write_text(text, encoding="utf-8")
    return facts
