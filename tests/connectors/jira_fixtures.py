"""Helpers for connector tests: a config pointing at an emulator, and reading the warehouse."""

from __future__ import annotations

from pathlib import Path

import duckdb

EMAIL_ENV, TOKEN_ENV = "TEST_JIRA_EMAIL", "TEST_JIRA_TOKEN"


def write_config(
    folder: Path,
    sources: list[tuple[str, str]],
    teams: list[tuple[str, list[str]]],
    *,
    extra: str = "",
) -> Path:
    """sources: (name, url); teams: (name, ["source:board", ...])."""
    lines = ["[warehouse]", 'path = "warehouse.duckdb"']
    for name, url in sources:
        lines += [
            "",
            "[[sources.jira]]",
            f'name = "{name}"',
            f'url = "{url}"',
            f'email_env = "{EMAIL_ENV}"',
            f'token_env = "{TOKEN_ENV}"',
            extra,
        ]
    for team, boards in teams:
        refs = ", ".join(f'"{b}"' for b in boards)
        lines += ["", "[[teams]]", f'name = "{team}"', f"jira_boards = [{refs}]"]
    path = folder / "maturity.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def query(path: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()
