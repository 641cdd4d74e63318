"""Issues with their complete histories, page by page, resumable from a cursor (scope.py):
search pages (search.py) grouped a thousand issues at a time, each group's histories fetched,
read (history_pages.py) and checked (history_check.py), re-read where they fall short.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from connectors.jira.client import JiraConnection, JiraSourceError
from connectors.jira.history_check import disagreements, disagreements_with_last, last_values
from connectors.jira.history_pages import (
    BulkHistories,
    HistoryReader,
    MalformedHistories,
    PythonHistoryReader,
)
from connectors.jira.pages import BULK_CHANGELOG_ISSUES, bulk_history_pages, issue_histories
from connectors.jira.prefetch import prefetched
from connectors.jira.scope import IssueCursor, IssueScope
from connectors.jira.search import cloud_pages, datacenter_pages

log = logging.getLogger(__name__)


@dataclass
class IssuePage:
    issues: list[dict]
    histories: dict[str, list[dict]]  # parsed: Data Center's embedded ones, and any re-read
    cursor: IssueCursor
    findings: list[str] = field(default_factory=list)  # keys whose history disagrees still
    bulk: BulkHistories | None = None  # Cloud: the bulkfetch pages, less any re-read issue
    issue_table: Any = None  # Cloud, from a reader that lands issues from the delivered text


SEARCH_PAGES_AHEAD = 10  # a bulkfetch group of Cloud search pages, read ahead
HISTORY_CHAINS = 2  # groups whose bulkfetch pages download at once


@dataclass
class _Group:
    """Up to 1,000 issues whose histories were fetched, not yet read or checked."""

    issues: list[dict]
    embedded: dict[str, list[dict]]  # Data Center: the changelogs the search embedded
    cursor: IssueCursor  # once these issues have landed
    # Cloud: the search pages as delivered, where each issue is in them (page, position:
    # from 0 and 1), and the bulkfetch pages of the issues' histories
    search_pages: list[str] = field(default_factory=list)
    positions: list[tuple[int, int]] = field(default_factory=list)
    bulk_pages: list[str] = field(default_factory=list)


def iter_issue_pages(
    conn: JiraConnection,
    scope: IssueScope,
    cursor: IssueCursor,
    reader: HistoryReader | None = None,
) -> Iterator[IssuePage]:
    """Pages of up to 1,000 issues with complete histories. Cloud's search pages hold 100
    issues but one bulkfetch call takes 1,000: grouping ten search pages per bulkfetch keeps
    the request count near the minimum the page sizes allow.

    Downloading, reading and checking overlap, each in its own thread: search pages run
    ahead, and the next group's histories download while this group's are read and checked
    (the caller lands the previous page meanwhile)."""
    reader = reader or PythonHistoryReader()
    groups = prefetched(_groups(conn, scope, cursor, reader), depth=1, name="jira-histories")
    for group in groups:
        yield _with_histories(conn, scope, group, reader)


def _groups(conn, scope: IssueScope, cursor: IssueCursor, reader) -> Iterator[_Group]:
    """Groups in order, each with its histories downloaded. Cloud's bulkfetch pages of a
    group follow one another by token, so each group's chain of requests waits on the last:
    the next group is gathered, and its chain started, while this one's runs (HISTORY_CHAINS
    at once), which keeps the request count at the minimum. A group is handed over as soon
    as its own chain is done, never held back for the next group's search pages."""
    if conn.deployment == "cloud":
        pages = prefetched(
            cloud_pages(conn, scope, cursor), depth=SEARCH_PAGES_AHEAD, name="jira-search"
        )
    else:
        pages = datacenter_pages(conn, scope, cursor)
    with ThreadPoolExecutor(HISTORY_CHAINS, thread_name_prefix="jira-bulkfetch") as chains:
        started = (
            (group, _fetch_histories(chains, conn, scope, group, reader))
            for group in _issue_groups(pages, cursor)
        )
        for group, histories in prefetched(started, depth=1, name="jira-groups"):
            if histories is not None:
                group.bulk_pages = histories.result()
            yield group


def _issue_groups(pages, cursor: IssueCursor) -> Iterator[_Group]:
    """Search pages gathered into groups of up to 1,000 new issues, each with its cursor."""
    # by id: a page re-read after a token restart adds nothing (its issue, where it is)
    group: dict[str, tuple[dict, tuple[int, int]]] = {}
    embedded: dict[str, list[dict]] = {}
    texts: list[str] = []
    for issues, histories, text in pages:
        group.update(
            (str(i["id"]), (i, (len(texts), at)))
            for at, i in enumerate(issues, 1)
            if not cursor.holds(i)
        )
        embedded.update(histories)
        texts += [text] if text is not None else []
        if len(group) >= BULK_CHANGELOG_ISSUES:
            grouped = _grouped(cursor, group, embedded, texts)
            group, embedded, texts, cursor = {}, {}, [], grouped.cursor
            yield grouped
    if group:
        yield _grouped(cursor, group, embedded, texts)


def _grouped(cursor: IssueCursor, group, embedded, texts) -> _Group:
    issues = [issue for issue, _ in group.values()]
    grouped = _Group(issues, embedded, cursor.after(issues))
    grouped.search_pages, grouped.positions = texts, [at for _, at in group.values()]
    return grouped


def _fetch_histories(chains, conn, scope, group: _Group, reader) -> Future | None:
    if conn.deployment != "cloud":
        return None  # Data Center's search embedded them
    ids = [str(issue["id"]) for issue in group.issues]
    return chains.submit(bulk_history_pages, conn, ids, scope.tracked_fields, reader)


def _with_histories(conn, scope, group: _Group, reader) -> IssuePage:
    issues, totals = group.issues, embedded_totals(group.issues)
    if conn.deployment != "cloud":
        histories = {str(i["id"]): group.embedded.get(str(i["id"]), []) for i in issues}
        reread, findings = _complete(
            conn,
            scope,
            issues,
            held=lambda i: len(histories.get(i, [])),
            last=lambda i: last_values(histories.get(i, []), scope.checked_fields),
            totals=totals,
        )
        return IssuePage(issues, {**histories, **reread}, group.cursor, findings)
    bulk = _read_bulk(reader, group.bulk_pages, scope)
    issue_table = reader.issue_table(group.search_pages, group.positions)
    group.bulk_pages = group.search_pages = []  # read: let the text go
    reread, findings = _complete(
        conn,
        scope,
        issues,
        held=lambda i: bulk.held.get(i, 0),
        last=lambda i: bulk.last_items.get(i, {}),
        totals=totals,
    )
    if reread:
        bulk = reader.without(bulk, set(reread))
    return IssuePage(issues, reread, group.cursor, findings, bulk, issue_table)


def _read_bulk(reader: HistoryReader, pages: list[str], scope: IssueScope) -> BulkHistories:
    try:
        return reader.read(pages, scope.checked_fields)
    except MalformedHistories as err:
        if err.issue_id is None:
            raise JiraSourceError(
                "changelog/bulkfetch: an answer was not valid JSON (truncated, or not Jira?); "
                "the sync stopped and the warehouse keeps its previous good state"
            ) from None
        raise JiraSourceError(
            f"changelog of issue {err.issue_id}: a history without a numeric id; the answer "
            "looks malformed, the sync stopped and the warehouse keeps its previous state"
        ) from None


def embedded_totals(issues: list[dict]) -> dict[str, int]:
    return {
        str(i["id"]): i["changelog"]["total"]
        for i in issues
        if isinstance(i.get("changelog"), dict) and "total" in i["changelog"]
    }


def _complete(conn, scope, issues, *, held, last, totals) -> tuple[dict, list[str]]:
    """Re-read, page by page, the histories of every issue that holds fewer than Jira's total
    or does not replay to its current values: (re-read histories by issue id, keys of those
    that still disagree). `held(id)` counts an issue's histories, `last(id)` gives its tracked
    fields' last items."""
    reread: dict[str, list[dict]] = {}
    findings = []
    for issue in issues:
        issue_id = str(issue["id"])
        count = held(issue_id)
        short = totals.get(issue_id, count) > count
        disagrees = disagreements_with_last(issue, last(issue_id), sprint_field=scope.sprint_field)
        if not short and not disagrees:
            continue
        reread[issue_id] = histories = issue_histories(conn, issue["key"])
        if _disagrees(issue, histories, scope):
            findings.append(issue["key"])
    if findings:
        log.warning("histories complete but inconsistent with current values: %s", findings)
    return reread, findings


def _disagrees(issue, histories, scope) -> bool:
    return bool(
        disagreements(
            issue, histories, sprint_field=scope.sprint_field, estimate_fields=scope.estimate_fields
        )
    )
