"""Issues with their complete histories, page by page, resumable from a cursor.

Pages come in `created, key` order, so a cursor (the newest `created` landed and the ids
landed at that instant) says exactly where a killed sync stopped: a resumed sync asks for
`created >= that minute` and skips what it already holds. The same mechanism recovers from
an expired Cloud page token mid-sync.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from connectors.jira.client import JiraConnection, JiraSourceError
from connectors.jira.history_check import disagreements
from connectors.jira.jql import issue_query, parse_jira_time
from connectors.jira.pages import (
    BULK_CHANGELOG_ISSUES,
    DATACENTER_RESULT_WINDOW,
    bulk_histories,
    cloud_search_page,
    datacenter_search,
    issue_histories,
)

log = logging.getLogger(__name__)
MAX_TOKEN_RESTARTS = 5


@dataclass(frozen=True)
class IssueCursor:
    """How far an issue sync got: what it asked for, and the newest issue it landed."""

    updated_since: datetime | None = None
    boundary_created: datetime | None = None
    boundary_ids: tuple[str, ...] = ()
    pages: int = 0

    def holds(self, issue: dict) -> bool:
        if self.boundary_created is None:
            return False
        created = parse_jira_time(issue["fields"]["created"])
        return created < self.boundary_created or (
            created == self.boundary_created and str(issue["id"]) in self.boundary_ids
        )

    def after(self, issues: list[dict]) -> IssueCursor:
        cursor = replace(self, pages=self.pages + 1)
        for issue in issues:
            created = parse_jira_time(issue["fields"]["created"])
            if cursor.boundary_created is None or created > cursor.boundary_created:
                cursor = replace(cursor, boundary_created=created, boundary_ids=(str(issue["id"]),))
            elif created == cursor.boundary_created:
                cursor = replace(cursor, boundary_ids=(*cursor.boundary_ids, str(issue["id"])))
        return cursor

    def to_json(self) -> dict:
        return {
            "updated_since": self.updated_since.isoformat() if self.updated_since else None,
            "boundary_created": self.boundary_created.isoformat()
            if self.boundary_created
            else None,
            "boundary_ids": list(self.boundary_ids),
            "pages": self.pages,
        }

    @classmethod
    def from_json(cls, data: dict) -> IssueCursor:
        def when(key: str) -> datetime | None:
            return datetime.fromisoformat(data[key]) if data.get(key) else None

        return cls(
            when("updated_since"),
            when("boundary_created"),
            tuple(data.get("boundary_ids", ())),
            int(data.get("pages", 0)),
        )


@dataclass(frozen=True)
class IssueScope:
    """What to read: which projects, which fields, which of them are tracked over time."""

    projects: list[str]
    zone: ZoneInfo
    fields: list[str]
    sprint_field: str
    estimate_fields: list[str]
    page_size: int = 100
    result_window: int = DATACENTER_RESULT_WINDOW  # Data Center pages no further than this

    @property
    def tracked_fields(self) -> list[str]:
        return [self.sprint_field, "status", *self.estimate_fields][:10]


@dataclass
class IssuePage:
    issues: list[dict]
    histories: dict[str, list[dict]]
    cursor: IssueCursor
    findings: list[str] = field(default_factory=list)  # keys whose history disagrees still


def iter_issue_pages(
    conn: JiraConnection, scope: IssueScope, cursor: IssueCursor
) -> Iterator[IssuePage]:
    """Pages of up to 1,000 issues with complete histories. Cloud's search pages hold 100
    issues but one bulkfetch call takes 1,000: grouping ten search pages per bulkfetch keeps
    the request count near the minimum the page sizes allow."""
    pages = (_cloud_pages if conn.deployment == "cloud" else _datacenter_pages)(conn, scope, cursor)
    group: dict[str, dict] = {}  # by id: a page re-read after a token restart adds nothing
    embedded: dict[str, list[dict]] = {}
    for issues, histories in pages:
        group.update((str(i["id"]), i) for i in issues if not cursor.holds(i))
        embedded.update(histories)
        if len(group) >= BULK_CHANGELOG_ISSUES:
            page = _with_histories(conn, scope, cursor, list(group.values()), embedded)
            group, embedded, cursor = {}, {}, page.cursor
            yield page
    if group:
        yield _with_histories(conn, scope, cursor, list(group.values()), embedded)


def _with_histories(conn, scope, cursor, issues, embedded) -> IssuePage:
    if conn.deployment == "cloud":
        histories = bulk_histories(conn, [str(i["id"]) for i in issues], scope.tracked_fields)
    else:
        histories = {str(i["id"]): embedded.get(str(i["id"]), []) for i in issues}
    findings = _complete(conn, scope, issues, histories, embedded_totals(issues))
    return IssuePage(issues, histories, cursor.after(issues), findings)


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
        pages = _cloud_pages(conn, ids_only, IssueCursor())
    else:
        pages = _datacenter_pages(conn, ids_only, IssueCursor(), changelog=False)
    for issues, _ in pages:
        yield from issues


def embedded_totals(issues: list[dict]) -> dict[str, int]:
    return {
        str(i["id"]): i["changelog"]["total"]
        for i in issues
        if isinstance(i.get("changelog"), dict) and "total" in i["changelog"]
    }


def _complete(conn, scope, issues, histories, totals) -> list[str]:
    findings = []
    for issue in issues:
        issue_id = str(issue["id"])
        held = histories.get(issue_id, [])
        short = totals.get(issue_id, len(held)) > len(held)
        if not short and not _disagrees(issue, held, scope):
            continue
        histories[issue_id] = held = issue_histories(conn, issue["key"])
        if _disagrees(issue, held, scope):
            findings.append(issue["key"])
    if findings:
        log.warning("histories complete but inconsistent with current values: %s", findings)
    return findings


def _disagrees(issue, histories, scope) -> bool:
    return bool(
        disagreements(
            issue, histories, sprint_field=scope.sprint_field, estimate_fields=scope.estimate_fields
        )
    )


def _cloud_pages(conn, scope: IssueScope, cursor: IssueCursor):
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
                issues, token = future.result()
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
            yield issues, {}
            if issues:
                cursor = cursor.after([i for i in issues if not cursor.holds(i)])


def _datacenter_pages(conn, scope: IssueScope, cursor: IssueCursor, *, changelog: bool = True):
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
                yield issues, embedded
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
