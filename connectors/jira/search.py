"""Issue search pages: Cloud's token-paged /search/jql (restarting from the cursor when a
page token expires) and Data Center's /search, split into `created` windows of at most its
result window. Each page comes as (issues, embedded changelogs, the page as delivered)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta

from connectors.jira.client import JiraConnection, JiraSourceError
from connectors.jira.jql import issue_query, parse_jira_time
from connectors.jira.pages import cloud_search_page, datacenter_search
from connectors.jira.prefetch import prefetched
from connectors.jira.scope import IssueCursor, IssueScope

log = logging.getLogger(__name__)
MAX_TOKEN_RESTARTS = 5


def count_issues(conn: JiraConnection, scope: IssueScope, cursor: IssueCursor) -> int | None:
    """How many issues the sync will read (Cloud: Jira's approximate count), for progress."""
    query = issue_query(
        scope.projects,
        scope.zone,
        updated_since=cursor.updated_since,
        created_from=cursor.boundary_created,
        order="",
    )
    try:
        if conn.deployment == "cloud":
            return int(conn.post("search/approximate-count", {"jql": query})["count"])
        return int(datacenter_search(conn, query, ["id"], 0, 0, changelog=False)["total"])
    except (JiraSourceError, KeyError, TypeError, ValueError):
        return None  # progress without an ETA is fine


def iter_issue_ids(conn: JiraConnection, scope: IssueScope) -> Iterator[dict]:
    """Every issue the projects hold now (id and key only): the deleted-issue sweep."""
    ids_only = replace(scope, fields=["created"], page_size=1000)
    if conn.deployment == "cloud":
        pages = cloud_pages(conn, ids_only, IssueCursor())
    else:
        pages = datacenter_pages(conn, ids_only, IssueCursor(), changelog=False)
    for issues, *_ in prefetched(pages, depth=2, name="jira-sweep"):
        yield from issues


def cloud_pages(conn, scope: IssueScope, cursor: IssueCursor):
    """Every page from the cursor on, token by token. An expired page token (400) asks the
    query again from the newest issue seen so far (up to MAX_TOKEN_RESTARTS times). Callers
    read ahead with prefetch.prefetched: the next token comes only with this page."""
    restarts, token = 0, None
    query = _query_after(scope, cursor)
    while True:
        try:
            issues, next_token, text = cloud_search_page(
                conn, query, scope.fields, scope.page_size, token
            )
        except JiraSourceError as err:
            if err.status != 400 or token is None or restarts >= MAX_TOKEN_RESTARTS:
                raise
            restarts += 1
            log.info("page token refused; resuming from %s", cursor.boundary_created)
            query, token = _query_after(scope, cursor), None
            continue
        yield issues, {}, text
        if issues:
            cursor = cursor.after([i for i in issues if not cursor.holds(i)])
        if not next_token:
            return
        token = next_token


def _query_after(scope: IssueScope, cursor: IssueCursor) -> str:
    return issue_query(
        scope.projects,
        scope.zone,
        updated_since=cursor.updated_since,
        created_from=cursor.boundary_created,
    )


def datacenter_pages(conn, scope: IssueScope, cursor: IssueCursor, *, changelog: bool = True):
    for low, high in _windows(conn, scope, cursor):
        query = issue_query(
            scope.projects,
            scope.zone,
            updated_since=cursor.updated_since,
            created_from=low,
            created_before=high,
        )
        start = 0
        while True:
            page = datacenter_search(
                conn, query, scope.fields, start, scope.page_size, changelog=changelog
            )
            issues = page.get("issues", [])
            embedded = {
                str(i["id"]): (i.get("changelog") or {}).get("histories", []) for i in issues
            }
            if issues:
                yield issues, embedded, None
            start += len(issues)
            if not issues or start >= page.get("total", 0):
                break


def _windows(conn, scope: IssueScope, cursor: IssueCursor):
    """Split the query into `created` windows of at most 10,000 results (Data Center's cap)."""

    def count(low, high) -> int:
        query = issue_query(
            scope.projects,
            scope.zone,
            updated_since=cursor.updated_since,
            created_from=low,
            created_before=high,
            order="",
        )
        return datacenter_search(conn, query, ["id"], 0, 0, changelog=False).get("total", 0)

    def edge(order: str) -> datetime | None:
        query = issue_query(
            scope.projects,
            scope.zone,
            updated_since=cursor.updated_since,
            created_from=cursor.boundary_created,
            order=f"ORDER BY created {order}",
        )
        issues = datacenter_search(conn, query, ["created"], 0, 1, changelog=False).get("issues")
        return parse_jira_time(issues[0]["fields"]["created"]) if issues else None

    if count(cursor.boundary_created, None) <= scope.result_window:
        yield cursor.boundary_created, None
        return
    first, last = edge("ASC"), edge("DESC")
    pending = [(first.replace(second=0, microsecond=0), last + timedelta(minutes=1))]
    while pending:
        low, high = pending.pop(0)
        if count(low, high) <= scope.result_window:
            yield low, high
            continue
        middle = (low + (high - low) / 2).replace(second=0, microsecond=0)
        if middle <= low:
            raise JiraSourceError(
                f"{conn.base_url}: more than {scope.result_window} issues were created in "
                f"the minute after {low.isoformat()}; Data Center cannot page past that"
            )
        pending[:0] = [(low, middle), (middle, high)]
