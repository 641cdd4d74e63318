"""Launch checklists kept in Jira: issues of one type (e.g. "Launch") whose sub-tasks are the
checklist items.

Two searches, both paged by `pages.iter_search_pages` (Cloud's /search/jql with page tokens,
Data Center's /search with startAt) through the connection's retrying client:
1. the launch issues: `issuetype = "<type>"`, narrowed by projects and the analyst's own JQL,
   with the fields the mapping reads (due date, resolution date, components, custom fields);
2. their sub-tasks, `parent in (...)` a few dozen launches at a time, for each item's
   resolution date (a parent's `subtasks` field carries status but no dates).
Records are yielded as delivered, with the keys they are looked up by; nothing here knows
where they land or what a field means to the maturity model.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from connectors.jira.client import JiraConnection, JiraSourceError
from connectors.jira.pages import DATACENTER_RESULT_WINDOW, iter_search_pages

LAUNCH_FIELDS = (
    "summary",
    "issuetype",
    "status",
    "project",
    "components",
    "labels",
    "created",
    "updated",
    "duedate",
    "resolutiondate",
    "subtasks",
)
SUBTASK_FIELDS = (
    "summary",
    "issuetype",
    "status",
    "parent",
    "created",
    "updated",
    "resolutiondate",
)
PARENTS_PER_QUERY = 50  # keeps the JQL short on Data Center, where it travels in the URL
ORDER = "ORDER BY created ASC, key ASC"


@dataclass(frozen=True)
class LaunchQuery:
    issue_type: str = "Launch"
    projects: tuple[str, ...] = ()
    jql: str | None = None  # the analyst's own restriction, ANDed in parentheses
    fields: tuple[str, ...] = ()  # fields the mapping reads besides LAUNCH_FIELDS
    page_size: int = 100
    result_window: int = DATACENTER_RESULT_WINDOW


def launch_jql(query: LaunchQuery) -> str:
    conditions = [f"issuetype = {_quoted(query.issue_type)}"]
    if query.projects:
        conditions.append(f"project in ({', '.join(_quoted(p) for p in query.projects)})")
    if query.jql:
        conditions.append(f"({query.jql})")
    return " AND ".join(conditions) + f" {ORDER}"


def iter_launch_records(conn: JiraConnection, query: LaunchQuery) -> Iterator[dict]:
    """{"issue_id", "issue_key", "parent_key" (None for a launch), "payload"}: every launch
    issue first, then every sub-task of them."""
    fields = list(dict.fromkeys((*LAUNCH_FIELDS, *query.fields)))
    parents: list[str] = []
    for page in iter_search_pages(
        conn, launch_jql(query), fields, query.page_size, result_window=query.result_window
    ):
        for issue in page:
            yield _record(issue, None, conn.base_url)
            if (issue.get("fields") or {}).get("subtasks"):
                parents.append(issue["key"])
    for start in range(0, len(parents), PARENTS_PER_QUERY):
        chunk = parents[start : start + PARENTS_PER_QUERY]
        jql = f"parent in ({', '.join(chunk)}) {ORDER}"
        for page in iter_search_pages(
            conn, jql, list(SUBTASK_FIELDS), query.page_size, result_window=query.result_window
        ):
            for issue in page:
                parent = ((issue.get("fields") or {}).get("parent") or {}).get("key")
                yield _record(issue, parent, conn.base_url)


def _record(issue: dict, parent_key: str | None, base_url: str) -> dict:
    try:
        return {
            "issue_id": int(issue["id"]),
            "issue_key": str(issue["key"]),
            "parent_key": parent_key,
            "payload": issue,
        }
    except (KeyError, TypeError, ValueError):
        raise JiraSourceError(
            f"{base_url}: a search result without a numeric id and a key; the answer looks "
            "malformed, nothing of the launch source landed",
            url=base_url,
        ) from None


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
