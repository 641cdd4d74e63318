"""Cloud's bulkfetch and search pages, read by a `HistoryReader` that the caller chooses.

A bulkfetch page holds about a thousand histories (some 400 kB of JSON). Parsing every page
into Python objects, only to encode each history back to JSON text for raw, was most of a
sync's time. So the connector keeps the pages as delivered text and hands them to a reader,
which returns what lands (the history rows) and what the completeness check needs (the last
item of each tracked field per issue). Search pages, which the connector parses anyway to
page and check, may land from their text too (`issue_table`), and so do sprint reports, which
the reader only checks (`is_json`). `PythonHistoryReader` is the
plain reference; the pipeline passes a faster one (the warehouse explodes pages inside
DuckDB) that must give the same answers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from connectors.jira.history_check import last_values


class MalformedHistories(ValueError):
    """A page that is not JSON, or a history without numeric ids (`issue_id` names it)."""

    def __init__(self, message: str, *, issue_id: str | None = None):
        super().__init__(message)
        self.issue_id = issue_id


@dataclass
class BulkHistories:
    """The histories of some bulkfetch pages, ready to land and to check.

    Rows land in raw.jira_changelogs (issue_id, history_id, payload) either as `records`
    (dicts whose payload is a parsed history) or as `table`, an object the reader's landing
    side knows (e.g. an Arrow table with the payload as JSON text): the connector passes it on
    untouched.
    """

    records: list[dict] = field(default_factory=list)
    table: Any = None
    # issue id -> tracked field id -> the newest changelog item of that field
    last_items: dict[str, dict[str, dict]] = field(default_factory=dict)
    held: dict[str, int] = field(default_factory=dict)  # issue id -> histories in the pages
    histories: int = 0
    items: int = 0


class HistoryReader(Protocol):
    def next_token(self, page: str) -> str | None:
        """The page's nextPageToken (None on the last page); raises MalformedHistories."""

    def read(self, pages: list[str], tracked_fields: list[str]) -> BulkHistories:
        """Every history of the pages; raises MalformedHistories."""

    def without(self, bulk: BulkHistories, issue_ids: set[str]) -> BulkHistories:
        """`bulk` less the histories of these issues (re-read one by one instead)."""

    def is_json(self, text: str) -> bool:
        """Whether an answer kept as delivered text (a sprint report) is whole JSON."""

    def issue_table(self, pages: list[str], positions: list[tuple[int, int]]) -> Any:
        """raw.jira_issues rows of the issues at `positions` (page index from 0, place in the
        page from 1) of search pages, in that order, as a table the landing side knows; or
        None: the connector then lands the issues it parsed as records."""


class PythonHistoryReader:
    """The reference reader: Python's json, records as parsed dicts."""

    def next_token(self, page: str) -> str | None:
        return _parse(page).get("nextPageToken") or None

    def read(self, pages: list[str], tracked_fields: list[str]) -> BulkHistories:
        by_issue: dict[str, list[dict]] = {}
        for page in pages:
            for entry in _parse(page).get("issueChangeLogs", []):
                histories = entry.get("changeHistories", [])
                by_issue.setdefault(str(entry["issueId"]), []).extend(histories)
        records = [history_record(i, h) for i, hs in by_issue.items() for h in hs]
        return BulkHistories(
            records=records,
            last_items={i: last_values(hs, tracked_fields) for i, hs in by_issue.items()},
            held={i: len(hs) for i, hs in by_issue.items()},
            histories=len(records),
            items=sum(len(r["payload"].get("items", [])) for r in records),
        )

    def issue_table(self, pages: list[str], positions: list[tuple[int, int]]) -> None:
        return None  # the connector's parsed issues are the records

    def is_json(self, text: str) -> bool:
        try:
            json.loads(text)
        except ValueError:
            return False
        return True

    def without(self, bulk: BulkHistories, issue_ids: set[str]) -> BulkHistories:
        kept = [r for r in bulk.records if str(r["issue_id"]) not in issue_ids]
        return replace(
            bulk,
            records=kept,
            histories=len(kept),
            items=sum(len(r["payload"].get("items", [])) for r in kept),
        )


def history_record(issue_id: str | int, history: dict) -> dict:
    """A raw.jira_changelogs record of one parsed history."""
    try:
        return {"issue_id": int(issue_id), "history_id": int(history["id"]), "payload": history}
    except (KeyError, TypeError, ValueError):
        raise MalformedHistories("a history without a numeric id", issue_id=str(issue_id)) from None


def _parse(page: str) -> dict:
    try:
        return json.loads(page)
    except ValueError:
        raise MalformedHistories("not valid JSON") from None
