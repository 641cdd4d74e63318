"""Launch checklists kept in Jira (`[[sources.launches]]` with format = "jira").

Launch issues are few (one per launch, tens a year per team), so every sync reads the source
whole and lands it as one snapshot in one transaction: raw.jira_launch_issues (every launch
issue and sub-task as delivered) and its raw.jira_launch_loads row. Staging reads the newest
snapshot (warehouse/staging/jira_launches.sql), so a launch deleted in Jira or moved out of the
query drops out, and a changed field mapping needs `maturity assess`, never a re-download.
A launch whose values cannot be read is named here, with its URL and what to fix, and left
out of the launch figures (whole) until it is fixed.
"""

from __future__ import annotations

import logging
import re
import time
from datetime import date

import duckdb

from connectors.jira.client import JiraConnection, JiraSourceError
from connectors.jira.launches import LaunchQuery, iter_launch_records, launch_jql
from pipelines.file_settings import LaunchSourceSettings
from pipelines.jira_sync import open_connection
from pipelines.settings import ConfigError, Settings
from warehouse.raw import land
from warehouse.runs import utc_now

log = logging.getLogger("maturity.launches")
DATE_FIELDS = ("planned_date", "actual_date")
NUMBER_FIELDS = ("adoption_target", "adoption_actual")
TEAM_KEYS = ("value", "name", "displayName", "title", "key")  # as staging reads a team value


def sync_jira_launch_source(
    con: duckdb.DuckDBPyConnection, settings: Settings, source: LaunchSourceSettings, run_id: str
) -> dict:
    started = time.monotonic()
    jira = settings.jira_source(source.jira_source)
    conn = open_connection(jira)
    check_fields(conn, source)
    query = LaunchQuery(
        issue_type=source.issue_type,
        projects=tuple(source.projects),
        jql=source.jql,
        fields=tuple(f for f in source.fields.model_dump().values() if f),
        page_size=jira.page_size,
        result_window=jira.max_result_window,
    )
    try:
        records = list(iter_launch_records(conn, query))
    except JiraSourceError as err:
        if err.status != 400:
            raise
        raise JiraSourceError(
            f"{err}. The launch query of sources.launches '{source.name}' was "
            f"`{launch_jql(query)}`: check that issue_type = '{source.issue_type}' exists on "
            f"{jira.name}, and the projects and jql",
            url=err.url,
            status=err.status,
        ) from None
    launches = [r for r in records if r["parent_key"] is None]
    problems = launch_problems(launches, source, jira.url)
    loaded_at = utc_now()
    snapshot = {
        "jira_source": jira.name,
        "base_url": jira.url,
        "jql": launch_jql(query),
        "launches": len(launches),
        "subtasks": len(records) - len(launches),
    }
    con.execute("BEGIN TRANSACTION")
    try:
        common = {"source_name": source.name, "run_id": run_id, "loaded_at": loaded_at}
        land(con, "jira_launch_issues", records, **common)
        land(con, "jira_launch_loads", [snapshot], **common)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    for problem in problems:
        log.warning("launches %s: %s", source.name, problem)
    return {
        "status": "loaded",
        "origin": "jira",
        "jira_source": jira.name,
        "launches": len(launches),
        "subtasks": snapshot["subtasks"],
        "left_out": len(problems),
        "requests": conn.stats.requests,
        "rows_quarantined": 0,
        "items_quarantined": 0,
        "messages": problems,
        "seconds": round(time.monotonic() - started, 2),
    }


def check_fields(conn: JiraConnection, source: LaunchSourceSettings) -> None:
    """Every field the mapping names exists on the instance: a misspelt id would otherwise read
    as empty on every launch, silently."""
    known = {f.get("id") for f in conn.get("field")}
    for key, field_id in source.fields.model_dump().items():
        if field_id and field_id not in known and field_id not in ("project", "subtasks"):
            raise ConfigError(
                f"sources.launches '{source.name}': fields.{key} = '{field_id}' is not a field "
                f"of Jira source '{source.jira_source}' ({conn.base_url}/rest/api/"
                f"{conn.api_version}/field lists every field id); `maturity doctor` checks it"
            )


def launch_problems(launches: list[dict], source: LaunchSourceSettings, url: str) -> list[str]:
    """Why a launch issue will be left out, one line each, naming the issue, its URL, the field
    and what to do (the same rules as staging.jira_launches.problem)."""
    mapping = source.fields.model_dump()
    found = []
    for record in launches:
        fields = record["payload"].get("fields") or {}
        where = f"{record['issue_key']} ({url}/browse/{record['issue_key']})"
        for key in (*DATE_FIELDS, *NUMBER_FIELDS):
            field_id = mapping[key]
            text = _text(fields.get(field_id)) if field_id else None
            if text is None or _readable(text, key in DATE_FIELDS):
                continue
            kind = "a date" if key in DATE_FIELDS else "a non-negative number"
            found.append(
                f"{where}: {field_id} ({key}) holds '{text}', not {kind}: correct it in Jira; "
                "the launch is left out of the launch figures until then"
            )
            break
        else:
            if not _has_team(fields.get(mapping["team"])):
                found.append(
                    f"{where}: names no team ({mapping['team']} is empty): set it in Jira, or "
                    f"map another field with fields.team; the launch is left out until then"
                )
    return found


def _text(value: object) -> str | None:
    if isinstance(value, dict):
        value = value.get("value")
    return None if value is None else str(value).strip()


def _readable(text: str, is_date: bool) -> bool:
    if is_date:
        try:
            date.fromisoformat(text[:10])
        except ValueError:
            return False
        return True
    try:
        return float(text) >= 0
    except ValueError:
        return False


def _has_team(value: object) -> bool:
    values = value if isinstance(value, list) else [value]
    for v in values:
        if isinstance(v, dict):
            v = next((v[k] for k in TEAM_KEYS if v.get(k)), None)
        if isinstance(v, str) and re.sub(r"\s+", "", v):
            return True
    return False
