"""Jira's own sprint report of each closed sprint (greenhopper's sprintreport, undocumented),
fetched in batches by a few threads. Best effort: a 403 or 404 is recorded as unavailable,
never an error. A report lands as delivered text, only checked to be JSON."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from connectors.jira.client import GREENHOPPER_BASE, JiraConnection, JiraSourceError, not_json
from connectors.jira.history_pages import HistoryReader

if TYPE_CHECKING:
    from connectors.jira.sync import SyncCounts

SPRINT_REPORTS_PER_BATCH = 20


def sprint_report_chunks(
    conn: JiraConnection, wanted: list[tuple[int, int]], reader: HistoryReader, counts: SyncCounts
) -> Iterator[list[dict]]:
    """raw.jira_sprint_reports records of the (board, sprint) pairs wanted, a chunk at a time."""
    # Half the connection's requests in flight: the issue pages need the other half.
    fetchers = max(1, conn.max_concurrency // 2)
    with ThreadPoolExecutor(fetchers, thread_name_prefix="jira-reports") as pool:
        for start in range(0, len(wanted), SPRINT_REPORTS_PER_BATCH):
            chunk = wanted[start : start + SPRINT_REPORTS_PER_BATCH]
            reports = list(pool.map(lambda pair: sprint_report(conn, reader, *pair), chunk))
            counts.sprint_reports += len(reports)
            counts.sprint_reports_unavailable += sum(r["http_status"] != 200 for r in reports)
            yield reports


def sprint_report(
    conn: JiraConnection, reader: HistoryReader, board_id: int, sprint_id: int
) -> dict:
    # The report lands as delivered (payload_text): decoding it into Python objects only to
    # encode it back for raw cost a sync more than fetching it.
    params = {"rapidViewId": board_id, "sprintId": sprint_id}
    try:
        text = conn.get_text("rapid/charts/sprintreport", params, base=GREENHOPPER_BASE)
        status = 200
    except JiraSourceError as err:
        if err.status not in (403, 404):
            raise
        text, status = None, err.status
    if text is not None and not reader.is_json(text):
        url = GREENHOPPER_BASE.format(server=conn.base_url, path="rapid/charts/sprintreport")
        raise not_json(f"{url}?rapidViewId={board_id}&sprintId={sprint_id}")
    return {
        "board_id": board_id,
        "sprint_id": sprint_id,
        "http_status": status,
        "payload_text": text,
    }
