"""One Jira source, streamed as batches of records in the order they should land.

A `Batch` maps stream names (boards, sprints, issues, changelogs, ...) to records whose key
columns sit beside the untouched `payload`; a batch lands in one transaction, together with
its `position` (the resumable cursor). Nothing here knows where batches land.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from connectors.jira.client import AGILE_BASE, JiraConnection, JiraSourceError
from connectors.jira.fields import (
    BASE_ISSUE_FIELDS,
    epic_link_field_ids,
    estimate_field_ids,
    sprint_field_id,
)
from connectors.jira.history_pages import (
    BulkHistories,
    HistoryReader,
    MalformedHistories,
    PythonHistoryReader,
    history_record,
)
from connectors.jira.issues import iter_issue_pages
from connectors.jira.jql import account_zone
from connectors.jira.pages import DATACENTER_RESULT_WINDOW, iter_board_pages, iter_sprint_pages
from connectors.jira.prefetch import Background, prefetched
from connectors.jira.scope import IssueCursor, IssueScope
from connectors.jira.search import count_issues, iter_issue_ids
from connectors.jira.sprint_reports import sprint_report_chunks

SWEEP_IDS_PER_BATCH = 1000


@dataclass
class Batch:
    """Records that land together, in one transaction: stream name -> records."""

    parts: dict[str, list[dict]]
    position: dict | None = None  # the issue cursor once this batch is committed
    # stream name -> rows already shaped by the history reader (e.g. an Arrow table), landed
    # beside that stream's records
    tables: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, stream: str, records: list[dict]) -> Batch:
        return cls({stream: records})


@dataclass
class SyncCounts:
    boards: int = 0
    sprints: int = 0
    issues: int = 0
    histories: int = 0
    changelog_items: int = 0
    sprint_reports: int = 0
    sprint_reports_unavailable: int = 0
    expected_issues: int | None = None  # Jira's estimate, for progress; None when unknown
    swept_issue_ids: int | None = None
    inconsistent_histories: list[str] = field(default_factory=list)


def iter_source(
    conn: JiraConnection,
    *,
    boards: list[int],
    estimate_field: str = "auto",
    page_size: int = 100,
    result_window: int = DATACENTER_RESULT_WINDOW,
    cursor: IssueCursor | None = None,
    known_sprint_reports: frozenset[tuple[int, int]] = frozenset(),
    counts: SyncCounts | None = None,
    sweep_ids: bool = False,
    reader: HistoryReader | None = None,
) -> Iterator[Batch]:
    """Everything the models read from one source, in landing order. With `sweep_ids`, the
    last batches ("issue_ids") list every issue id the projects hold now, page by page, and a
    batch "issue_sweep_end" says the list is whole, so the caller can mark the ones that
    disappeared as deleted. `reader` reads Cloud's bulkfetch and search pages and checks
    sprint reports (default: history_pages.PythonHistoryReader).

    Sprint reports of closed sprints download in the background from the moment the boards
    are known, and land between issue pages as they arrive: fetched after the issues, they
    were a quarter of a full sync's time with the issue pipeline idle."""
    counts = counts if counts is not None else SyncCounts()
    reader = reader or PythonHistoryReader()
    yield Batch.of("server_info", [{"payload": conn.get("serverInfo")}])
    myself = conn.get("myself")
    yield Batch.of("myself", [{"payload": _without_personal_data(myself)}])
    fields = conn.get("field")
    yield Batch.of("fields", [{"payload": f} for f in fields])
    sprint_field = sprint_field_id(fields)
    if sprint_field is None:
        raise JiraSourceError(
            f"{conn.base_url}: /field lists no Sprint field (gh-sprint): is Jira Software "
            "installed, and may this account see it?",
            url=conn.base_url,
        )
    board_rows = _selected_boards(conn, boards)
    counts.boards = len(board_rows)
    yield Batch.of("boards", [{"board_id": b["id"], "payload": b} for b in board_rows])

    estimate_fields = set(estimate_field_ids(fields))
    closed: list[tuple[int, int]] = []
    with ThreadPoolExecutor(conn.max_concurrency, thread_name_prefix="jira-boards") as pool:
        for board, config, sprints in pool.map(lambda b: _board_details(conn, b), board_rows):
            configured = ((config.get("estimation") or {}).get("field") or {}).get("fieldId")
            estimate_fields |= {configured} if configured else set()
            counts.sprints += len(sprints)
            closed += [(board["id"], s["id"]) for s in sprints if s.get("state") == "closed"]
            yield Batch(
                {
                    "board_configurations": [{"board_id": board["id"], "payload": config}],
                    "sprints": [
                        {"board_id": board["id"], "sprint_id": s["id"], "payload": s}
                        for s in sprints
                    ],
                }
            )
    if estimate_field != "auto":
        estimate_fields.add(estimate_field)

    scope = _issue_scope(
        board_rows,
        fields,
        sprint_field,
        myself,
        estimate_fields,
        page_size=page_size,
        result_window=result_window,
    )
    wanted = [pair for pair in closed if pair not in known_sprint_reports]
    reports = Background(
        _sprint_report_batches(conn, wanted, reader, counts), depth=2, name="jira-reports"
    )
    try:
        if scope is not None:
            yield from _issue_batches(
                conn, scope, reports, cursor or IssueCursor(), counts, reader, sweep_ids=sweep_ids
            )
        yield from reports  # what is left of them
    finally:
        reports.close()


def _issue_scope(
    board_rows, fields, sprint_field, myself, estimate_fields, *, page_size, result_window
) -> IssueScope | None:
    """What the issue search asks for: the boards' projects (None when they have none)."""
    projects = sorted({(b.get("location") or {}).get("projectKey") for b in board_rows} - {None})
    if not projects:
        return None
    # Every estimate-like field is fetched, so switching estimate_field needs no re-download.
    estimates = sorted(estimate_fields)
    return IssueScope(
        projects=projects,
        zone=account_zone(myself),
        fields=[*BASE_ISSUE_FIELDS, sprint_field, *estimates, *epic_link_field_ids(fields)],
        sprint_field=sprint_field,
        estimate_fields=estimates,
        page_size=page_size,
        result_window=result_window,
    )


def _issue_batches(
    conn: JiraConnection,
    scope: IssueScope,
    reports: Background[Batch],
    cursor: IssueCursor,
    counts: SyncCounts,
    reader: HistoryReader,
    *,
    sweep_ids: bool,
) -> Iterator[Batch]:
    """Issue pages with their histories (then, with `sweep_ids`, the id sweep), with the
    sprint reports that are ready landed in between."""
    counts.expected_issues = count_issues(conn, scope, cursor)
    for page in prefetched(iter_issue_pages(conn, scope, cursor, reader), depth=1):
        # Histories parsed here (Data Center's embedded ones, re-read ones) and those the
        # reader holds (Cloud's bulkfetch pages), which it has counted.
        rows = [_history_row(issue_id, h) for issue_id, hs in page.histories.items() for h in hs]
        bulk = page.bulk or BulkHistories()
        counts.issues += len(page.issues)
        counts.histories += len(rows) + bulk.histories
        counts.changelog_items += bulk.items + sum(len(r["payload"].get("items", [])) for r in rows)
        rows += bulk.records
        tables = {} if bulk.table is None else {"changelogs": bulk.table}
        counts.inconsistent_histories += page.findings
        issue_rows = []
        if page.issue_table is not None:
            tables["issues"] = page.issue_table
        else:
            issue_rows = [
                {"issue_id": int(i["id"]), "issue_key": i["key"], "payload": _strip_embedded(i)}
                for i in page.issues
            ]
        # A page of issues lands with its complete histories and its cursor, or not at all.
        yield Batch(
            {"issues": issue_rows, "changelogs": rows},
            position=page.cursor.to_json(),
            tables=tables,
        )
        yield from reports.ready()

    if sweep_ids:
        # Page by page: the organisation's ids are never held all at once.
        counts.swept_issue_ids = 0
        for chunk in _chunked(iter_issue_ids(conn, scope), SWEEP_IDS_PER_BATCH):
            counts.swept_issue_ids += len(chunk)
            yield Batch.of("issue_ids", [{"issue_id": int(i["id"])} for i in chunk])
            yield from reports.ready()
        yield Batch.of("issue_sweep_end", [])


def _sprint_report_batches(conn, wanted, reader, counts) -> Iterator[Batch]:
    for reports in sprint_report_chunks(conn, wanted, reader, counts):
        yield Batch.of("sprint_reports", reports)


def _chunked(items: Iterator[dict], size: int) -> Iterator[list[dict]]:
    chunk: list[dict] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _selected_boards(conn: JiraConnection, boards: list[int]) -> list[dict]:
    wanted = set(boards)
    rows = [b for page in iter_board_pages(conn) for b in page if not wanted or b["id"] in wanted]
    missing = wanted - {b["id"] for b in rows}
    if missing:
        raise JiraSourceError(
            f"{conn.base_url}: board(s) {sorted(missing)} are not visible as scrum boards to "
            "this account; check the ids in maturity.toml (`maturity doctor` lists the "
            "visible boards)",
            url=conn.base_url,
        )
    return rows


def _board_details(conn: JiraConnection, board: dict) -> tuple[dict, dict, list[dict]]:
    config = conn.get(f"board/{board['id']}/configuration", base=AGILE_BASE)
    sprints = [s for page in iter_sprint_pages(conn, board["id"]) for s in page]
    return board, config, sprints


def _history_row(issue_id: str | int, history: dict) -> dict:
    try:
        return history_record(issue_id, history)
    except MalformedHistories:
        raise JiraSourceError(
            f"changelog of issue {issue_id}: a history without a numeric id; the answer looks "
            "malformed, the sync stopped and the warehouse keeps its previous state"
        ) from None


def _strip_embedded(issue: dict) -> dict:
    # Embedded changelogs may be truncated; histories land in their own table.
    return {k: v for k, v in issue.items() if k != "changelog"}


def _without_personal_data(myself: dict) -> dict:
    return {k: myself[k] for k in ("accountId", "timeZone", "locale") if k in myself}
