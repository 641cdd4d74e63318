"""Pagination, one plain loop per Jira endpoint, each yielding one page at a time."""

from __future__ import annotations

from collections.abc import Iterator

from connectors.jira.client import AGILE_BASE, JiraConnection, JiraSourceError

BOARD_PAGE = 50
SPRINT_PAGE = 50
BULK_CHANGELOG_PAGE = 1000
ISSUE_CHANGELOG_PAGE = 100


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


def iter_issue_pages(
    conn: JiraConnection, jql: str, fields: list[str], page_size: int
) -> Iterator[list[dict]]:
    if conn.deployment == "cloud":
        yield from _iter_cloud_issue_pages(conn, jql, fields, page_size)
    else:
        yield from _iter_datacenter_issue_pages(conn, jql, fields, page_size)


def _iter_cloud_issue_pages(
    conn: JiraConnection, jql: str, fields: list[str], page_size: int
) -> Iterator[list[dict]]:
    # Cloud's /search/jql pages by token only: no total, no startAt.
    token = None
    while True:
        body = {"jql": jql, "fields": fields, "maxResults": page_size}
        if token:
            body["nextPageToken"] = token
        page = conn.post("search/jql", body)
        issues = page.get("issues", [])
        if issues:
            yield issues
        token = page.get("nextPageToken")
        if page.get("isLast", not token) or not token:
            return


def _iter_datacenter_issue_pages(
    conn: JiraConnection, jql: str, fields: list[str], page_size: int
) -> Iterator[list[dict]]:
    start = 0
    while True:
        params = {
            "jql": jql,
            "fields": ",".join(fields),
            "startAt": start,
            "maxResults": page_size,
            "expand": "changelog",
        }
        page = conn.get("search", params)
        issues = page.get("issues", [])
        if issues:
            yield issues
        start += len(issues)
        if not issues or start >= page.get("total", 0):
            return


def iter_changelog_histories(
    conn: JiraConnection, issues: list[dict], field_ids: list[str]
) -> Iterator[dict]:
    """Complete histories of a page of issues, as raw rows (issue_id, history_id, payload)."""
    if conn.deployment == "cloud":
        yield from _bulk_histories(conn, issues, field_ids)
        return
    for issue in issues:
        embedded = issue.get("changelog") or {}
        histories = embedded.get("histories", [])
        if embedded.get("total", len(histories)) > len(histories):
            histories = list(_issue_histories(conn, issue["key"]))
        for history in histories:
            yield _history_row(issue["id"], history)


def _bulk_histories(
    conn: JiraConnection, issues: list[dict], field_ids: list[str]
) -> Iterator[dict]:
    ids = [str(i["id"]) for i in issues]
    token = None
    while True:
        body = {"issueIdsOrKeys": ids, "fieldIds": field_ids, "maxResults": BULK_CHANGELOG_PAGE}
        if token:
            body["nextPageToken"] = token
        page = conn.post("changelog/bulkfetch", body)
        for entry in page.get("issueChangeLogs", []):
            for history in entry.get("changeHistories", []):
                yield _history_row(entry["issueId"], history)
        token = page.get("nextPageToken")
        if not token:
            return


def _issue_histories(conn: JiraConnection, key: str) -> Iterator[dict]:
    start = 0
    while True:
        page = conn.get(
            f"issue/{key}/changelog", {"startAt": start, "maxResults": ISSUE_CHANGELOG_PAGE}
        )
        values = page.get("values", [])
        yield from values
        start += len(values)
        if page.get("isLast", True) or not values:
            return


def _history_row(issue_id: str | int, history: dict) -> dict:
    try:
        return {"issue_id": int(issue_id), "history_id": int(history["id"]), "payload": history}
    except (KeyError, TypeError, ValueError):
        raise JiraSourceError(
            f"changelog of issue {issue_id}: a history without a numeric id; the answer looks "
            "malformed, the sync stopped and the warehouse keeps its previous state"
        ) from None
