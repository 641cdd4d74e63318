"""Pagination, one plain loop per Jira endpoint, each yielding one page at a time."""

from __future__ import annotations

from collections.abc import Iterator

from connectors.jira.client import AGILE_BASE, JiraConnection, JiraSourceError, not_json
from connectors.jira.history_pages import HistoryReader, MalformedHistories

BOARD_PAGE = 50
SPRINT_PAGE = 50
BULK_CHANGELOG_ISSUES = 1000  # bulkfetch takes at most 1000 issues a call
BULK_CHANGELOG_PAGE = 1000
ISSUE_CHANGELOG_PAGE = 100
DATACENTER_RESULT_WINDOW = 10_000  # Data Center refuses startAt + maxResults beyond this


def _iter_agile_pages(conn: JiraConnection, path: str, params: dict, size: int) -> Iterator[list]:
    start = 0
    while True:
        body = conn.get(path, {**params, "startAt": start, "maxResults": size}, base=AGILE_BASE)
        values = body.get("values", [])
        if values:
            yield values
        start += len(values)
        if body.get("isLast", True) or not values:
            return


def iter_board_pages(conn: JiraConnection) -> Iterator[list[dict]]:
    yield from _iter_agile_pages(conn, "board", {"type": "scrum"}, BOARD_PAGE)


def iter_sprint_pages(conn: JiraConnection, board_id: int) -> Iterator[list[dict]]:
    yield from _iter_agile_pages(
        conn, f"board/{board_id}/sprint", {"state": "active,closed,future"}, SPRINT_PAGE
    )


def cloud_search_page(
    conn: JiraConnection, jql: str, fields: list[str], page_size: int, token: str | None
) -> tuple[list[dict], str | None, str]:
    """One page of Cloud's /search/jql (token paging only: no total, no startAt): its issues,
    the next page's token, and the page as delivered (its issues land from that text)."""
    body: dict = {"jql": jql, "fields": fields, "maxResults": page_size}
    if token:
        body["nextPageToken"] = token
    page, text = conn.post_page("search/jql", body)
    token = page.get("nextPageToken")
    return page.get("issues", []), (None if page.get("isLast", not token) else token), text


def datacenter_search(
    conn: JiraConnection, jql: str, fields: list[str], start: int, size: int, *, changelog: bool
) -> dict:
    params = {"jql": jql, "fields": ",".join(fields), "startAt": start, "maxResults": size}
    if changelog:
        params["expand"] = "changelog"
    return conn.get("search", params)


def iter_search_pages(
    conn: JiraConnection, jql: str, fields: list[str], page_size: int, *, result_window: int
) -> Iterator[list[dict]]:
    """Every page of a small search (Cloud: token paging; Data Center: startAt/total). For
    queries that stay under Data Center's result window; a larger one stops with a message
    saying to narrow it, rather than failing halfway with Jira's opaque 500."""
    if conn.deployment == "cloud":
        token = None
        while True:
            issues, token, _ = cloud_search_page(conn, jql, fields, page_size, token)
            if issues:
                yield issues
            if not token:
                return
    start = 0
    while True:
        size = min(page_size, result_window - start)
        page = datacenter_search(conn, jql, fields, start, size, changelog=False)
        issues = page.get("issues", [])
        if issues:
            yield issues
        start += len(issues)
        total = page.get("total", 0)
        if not issues or start >= total:
            return
        if start >= result_window:
            raise JiraSourceError(
                f"{conn.base_url}: the query `{jql}` matches {total:,} issues, more than Data "
                f"Center returns ({result_window:,}); narrow it (projects or jql in "
                "maturity.toml)",
                url=conn.base_url,
            )


def bulk_history_pages(
    conn: JiraConnection, issue_ids: list[str], field_ids: list[str], reader: HistoryReader
) -> list[str]:
    """Cloud: every bulkfetch page of the given issues' histories (filtered to `field_ids`),
    as delivered text; the reader finds each page's nextPageToken."""
    pages: list[str] = []
    for start in range(0, len(issue_ids), BULK_CHANGELOG_ISSUES):
        chunk = issue_ids[start : start + BULK_CHANGELOG_ISSUES]
        token = None
        while True:
            body = {
                "issueIdsOrKeys": chunk,
                "fieldIds": field_ids,
                "maxResults": BULK_CHANGELOG_PAGE,
            }
            if token:
                body["nextPageToken"] = token
            page = conn.post_text("changelog/bulkfetch", body)
            try:
                token = reader.next_token(page)
            except MalformedHistories:
                raise not_json(f"{conn.base_url}/rest/api/3/changelog/bulkfetch") from None
            pages.append(page)
            if not token:
                break
    return pages


def issue_histories(conn: JiraConnection, key: str) -> list[dict]:
    """Every history of one issue, oldest first, checked against the total Jira reports."""
    histories: list[dict] = []
    total = None
    while True:
        page = conn.get(
            f"issue/{key}/changelog",
            {"startAt": len(histories), "maxResults": ISSUE_CHANGELOG_PAGE},
        )
        values = page.get("values", [])
        histories += values
        total = page.get("total", total)
        if page.get("isLast", True) or not values:
            break
    if total is not None and len(histories) != total:
        raise JiraSourceError(
            f"{conn.base_url}: the change history of {key} is incomplete: Jira reports {total} "
            f"histories but returned {len(histories)}; the sync stopped so no figure rests on "
            "a partial history. Run it again; if it persists, check the issue in Jira."
        )
    return histories
