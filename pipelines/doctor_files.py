"""`maturity doctor` for file sources (surveys, launch checklists, outcome metrics): each glob
matches files, the respondent salt is set for surveys; and for launches kept in Jira
(format = "jira"): the mapped fields exist and the launch query finds launch issues."""

from __future__ import annotations

import os

from connectors.jira.client import JiraSourceError
from connectors.jira.launches import LaunchQuery, launch_jql
from connectors.jira.pages import cloud_search_page, datacenter_search
from pipelines.file_sync import KINDS, discover
from pipelines.jira_launches import check_fields
from pipelines.jira_sync import open_connection
from pipelines.settings import ConfigError, Settings

OK, PROBLEM = "ok ", "XX "


def check_files(settings: Settings) -> tuple[list[str], int]:
    lines: list[str] = []
    problems = 0
    base = settings.config_path.parent
    for kind in KINDS:
        for source in getattr(settings.sources, kind):
            if kind == "launches" and source.format == "jira":
                found, count = check_jira_launches(source, settings)
                lines += found
                problems += count
                continue
            lines.append(f"{kind.capitalize()} source '{source.name}' (files)")
            files = discover(base, source.paths)
            if files:
                lines.append(f"  {OK}{len(files)} file(s) match {source.paths}")
            else:
                lines.append(
                    f"  {PROBLEM}no file matches {source.paths} (relative to {base}): check the "
                    "globs, or drop the exports there"
                )
                problems += 1
            if kind == "surveys":
                if os.environ.get(source.salt_env):
                    lines.append(f"  {OK}respondent salt set ({source.salt_env})")
                else:
                    lines.append(
                        f"  {PROBLEM}{source.salt_env} is not set: respondents are pseudonymised "
                        f"with it; set it to a long random value, the same on every run"
                    )
                    problems += 1
    return lines, problems


def check_jira_launches(source, settings: Settings) -> tuple[list[str], int]:
    lines = [f"Launches source '{source.name}' (Jira source '{source.jira_source}')"]
    try:
        conn = open_connection(settings.jira_source(source.jira_source))
        check_fields(conn, source)
        jql = launch_jql(
            LaunchQuery(
                issue_type=source.issue_type, projects=tuple(source.projects), jql=source.jql
            )
        )
        if conn.deployment == "cloud":
            first, _, _ = cloud_search_page(conn, jql, ["summary"], 1, None)
        else:
            first = datacenter_search(conn, jql, ["summary"], 0, 1, changelog=False)["issues"]
    except (ConfigError, JiraSourceError) as err:
        return [*lines, f"  {PROBLEM}{err}"], 1
    lines.append(f"  {OK}mapped fields exist: {source.fields.model_dump(exclude_none=True)}")
    if not first:
        lines.append(
            f"  {PROBLEM}no issue matches `{jql}`: check issue_type = '{source.issue_type}', "
            "projects and jql"
        )
        return lines, 1
    lines.append(f"  {OK}launch issues found, e.g. {first[0]['key']}")
    return lines, 0
