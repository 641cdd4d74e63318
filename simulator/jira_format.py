"""How Jira writes values on the wire: timestamps, numbers and the ids of fixed vocabularies.

Shared by the sprint report and the REST emulator so that both speak exactly the same
dialect. The constants mirror a default Jira Cloud site (ids seen in real responses).
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

# Jira's statusCategory objects, keyed by the category key a Status carries.
STATUS_CATEGORIES = {
    "new": {"id": 2, "key": "new", "colorName": "blue-gray", "name": "To Do"},
    "indeterminate": {
        "id": 4,
        "key": "indeterminate",
        "colorName": "yellow",
        "name": "In Progress",
    },
    "done": {"id": 3, "key": "done", "colorName": "green", "name": "Done"},
}

# Issue type name -> (id, hierarchy level). Sub-tasks sit one level below standard issues.
ISSUE_TYPES = {
    "Epic": ("10000", 1),
    "Story": ("10001", 0),
    "Task": ("10002", 0),
    "Sub-task": ("10003", -1),
    "Bug": ("10004", 0),
    "Launch": ("10010", 0),
}


def utc_millis(moment: datetime) -> str:
    """Agile API style: UTC with milliseconds and a Z, e.g. "2020-06-12T00:38:51.882Z"."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")[:-6] + "Z"


def offset_millis(moment: datetime, time_zone: str) -> str:
    """Platform API style: the account's local time with milliseconds and a +hhmm offset.

    The offset is the zone's offset at that instant, so it changes across daylight saving
    time: consumers that skip normalising to UTC get visibly wrong answers. (isoformat and
    a slice: three times faster than strftime, and the emulator renders millions of these.)
    """
    text = moment.astimezone(ZoneInfo(time_zone)).isoformat(timespec="milliseconds")
    return text[:-3] + text[-2:]  # "+02:00" -> "+0200"


def offset_seconds(moment: datetime, time_zone: str) -> str:
    """Greenhopper style: local time to the second with a +hhmm offset (isoStartDate...)."""
    return moment.astimezone(ZoneInfo(time_zone)).strftime("%Y-%m-%dT%H:%M:%S%z")


def human_date(moment: datetime, time_zone: str) -> str:
    """Greenhopper's display dates, e.g. "28/Jul/22 7:49 AM"."""
    local = moment.astimezone(ZoneInfo(time_zone))
    hour = local.hour % 12 or 12
    return local.strftime("%d/%b/%y ") + f"{hour}:{local.minute:02d} " + local.strftime("%p")


def number_text(value: float | None) -> str | None:
    """Estimates as changelog strings: "5" for whole numbers, "2.5" otherwise, None for none."""
    if value is None:
        return None
    return str(int(value)) if float(value).is_integer() else repr(float(value))
