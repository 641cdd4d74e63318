"""Issue search pages: Cloud's token-paged /search/jql (restarting from the cursor when a
page token expires) and Data Center's /search, split into `created` windows of at most its
result window. Each page comes as (issues, embedded changelogs, the page as delivered)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime, timedelta

from connectors.jira.client import JiraConnection, JiraSourceError
from connectors.jira.jql import issue_query, parse_jira_time
from connectors.jira.pages import cloud_search_page, datacenter_search
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
    for issues, *_ in pages:
        yield from issues


def cloud_pages(conn, scope: IssueScope, cursor: IssueCursor):
    restarts = 0
    query = issue_query(
        scope.projects,
        scope.zone,
        updated_since=cursor.updated_since,
        created_from=cursor.boundary_created,
    )
    token = None
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="jira-prefetch") as prefetch:
        # The next page downloads while this one's histories are fetched and landed.
        future = prefetch.submit(
            cloud_search_page, conn, query, scope.fields, scope.page_size, None
        )
        while future is not None:
            try:
                issues, token, text = future.result()
            except JiraSourceError as err:
                if err.status != 400 or token is None or restarts >= MAX_TOKEN_RESTARTS:
                    raise
                # An expired page token: ask again from the newest issue landed so far.
                restarts += 1
                log.info("page token refused; resuming from %s", cursor.boundary_created)
                query = issue_query(
                    scope.projects,
                    scope.zone,
                    updated_since=cursor.updated_since,
                    created_from=cursor.boundary_created,
                )
                token = None
                future = prefetch.submit(
                    cloud_search_page, conn, query, scope.fields, scope.page_size, None
                )
                continue
            future = (
                prefetch.submit(
                    cloud_search_page, conn, query, scope.fields, scope.page_size, token
                )
                if token
                else None
            )
            yield issues, {}, text
            if issues:
                cursor = cursor.after([i for i in issues if not cursor.holds(i)])


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
