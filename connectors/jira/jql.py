"""JQL for issue syncs: written in the account's time zone, at minute precision, ordered so
pages never shift while we read them (created, then key)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

ORDER = "ORDER BY created ASC, key ASC"


def local_minute(moment: datetime, zone: ZoneInfo) -> str:
    """JQL reads datetimes in the account's zone, to the minute."""
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def issue_query(
    projects: list[str],
    zone: ZoneInfo,
    *,
    updated_since: datetime | None = None,
    created_from: datetime | None = None,
    created_before: datetime | None = None,
    order: str = ORDER,
) -> str:
    keys = ", ".join(f'"{p}"' for p in projects)
    conditions = [f"project in ({keys})"]
    if updated_since is not None:
        conditions.append(f'updated >= "{local_minute(updated_since, zone)}"')
    if created_from is not None:
        conditions.append(f'created >= "{local_minute(created_from, zone)}"')
    if created_before is not None:
        conditions.append(f'created < "{local_minute(created_before, zone)}"')
    return " AND ".join(conditions) + (f" {order}" if order else "")


def account_zone(myself: dict) -> ZoneInfo:
    try:
        return ZoneInfo(myself.get("timeZone") or "UTC")
    except (KeyError, ValueError):
        return ZoneInfo("UTC")


def parse_jira_time(text: str) -> datetime:
    """Jira's '2020-06-12T08:38:51.882+0800' (or ISO with 'Z') as an aware datetime."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
