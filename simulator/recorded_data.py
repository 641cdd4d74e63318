"""Real Jira Cloud responses (Apache DevLake's end-to-end fixtures), kept byte for byte.

The folder is `realdata/devlake-jira/raw_tables/` (see its SOURCE.md): one CSV per
endpoint, one API record a row, the record's JSON in the `data` column. Records are kept
as the exact text Jira sent: `raw_members`/`raw_items` cut a JSON text into the raw text
of its members without re-encoding them, so what `RecordedJira` serves is the recording.

What is real: the 33 issues of boards 8 (project EE) and 93 (project K5) with their
fields and inline changelogs, the 30 sprints board 8 listed, the per-issue changelog
pages of three further issues (13383, 13491, 13954: not among the 33), two rows of field
metadata. Board 93's single sprint (175, originating on board 92) is the agile sprint
object recorded in its issues' `sprint` field.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"\s*")


def raw_members(text: str, start: int = 0) -> Iterator[tuple[str, str]]:
    """(name, raw JSON text of the value) for each member of the object at `start`."""
    position = _skip(text, start)
    if text[position] != "{":
        raise ValueError(f"expected a JSON object at {position}")
    position = _skip(text, position + 1)
    while text[position] != "}":
        name, position = _DECODER.raw_decode(text, position)
        position = _skip(text, position)
        if text[position] != ":":
            raise ValueError(f"expected ':' at {position}")
        value_start = _skip(text, position + 1)
        _, value_end = _DECODER.raw_decode(text, value_start)
        yield name, text[value_start:value_end]
        position = _skip(text, value_end)
        if text[position] == ",":
            position = _skip(text, position + 1)


def raw_items(text: str) -> list[str]:
    """The raw JSON text of each item of a JSON array."""
    items, position = [], _skip(text, 0)
    if text[position] != "[":
        raise ValueError("expected a JSON array")
    position = _skip(text, position + 1)
    while text[position] != "]":
        _, end = _DECODER.raw_decode(text, position)
        items.append(text[position:end])
        position = _skip(text, end)
        if text[position] == ",":
            position = _skip(text, position + 1)
    return items


def _skip(text: str, position: int) -> int:
    return _SPACE.match(text, position).end()


@dataclass(frozen=True)
class RecordedHistory:
    """One changelog history: its recorded text, and its members apart for filtering."""

    raw: str
    id: int
    created: datetime
    members: tuple[tuple[str, str], ...]  # (name, raw value) in recorded order
    items: tuple[tuple[str | None, str], ...]  # (fieldId, raw item)

    @classmethod
    def of(cls, raw: str) -> RecordedHistory:
        members = tuple(raw_members(raw))
        values = dict(members)
        items = tuple(
            (json.loads(item).get("fieldId"), item) for item in raw_items(values["items"])
        )
        created = datetime.fromisoformat(json.loads(values["created"]))
        return cls(raw, int(json.loads(values["id"])), created, members, items)

    def only(self, field_ids: frozenset[str] | None) -> str | None:
        """The history as recorded, or with only the items of `field_ids` (None if none is
        left); the other members keep their recorded text."""
        if field_ids is None:
            return self.raw
        kept = [item for field_id, item in self.items if field_id in field_ids]
        if not kept:
            return None
        parts = []
        for name, value in self.members:
            text = "[" + ",".join(kept) + "]" if name == "items" else value
            parts.append(json.dumps(name) + ":" + text)
        return "{" + ",".join(parts) + "}"


@dataclass(frozen=True)
class RecordedIssue:
    """What JQL needs (the attributes of `simulator.model.Issue` it reads) and the raw text."""

    id: int
    key: str
    project_key: str
    board_id: int
    created_at: datetime
    updated_at: datetime
    head: dict[str, str]  # raw "expand", "id", "self", "key"
    fields: dict[str, str]  # field id -> raw value, as recorded
    changelog: str  # the inline changelog, raw (histories newest first, as recorded)
    histories: tuple[RecordedHistory, ...]  # oldest first


@dataclass(frozen=True)
class Recording:
    issues: tuple[RecordedIssue, ...]
    sprints: dict[int, tuple[str, ...]]  # board id -> raw agile sprint records, listed order
    histories: dict[str, tuple[RecordedHistory, ...]]  # issue id -> histories, oldest first
    statuses: dict[str, dict]  # status id -> status record
    field_rows: tuple[str, ...]  # raw field metadata rows


def load_recording(folder: Path) -> Recording:
    issues = tuple(_issue(row) for row in _rows(folder / "_raw_jira_api_issues.csv"))
    histories = {str(issue.id): issue.histories for issue in issues}
    histories.update(_issue_changelog_pages(folder / "_raw_jira_api_issue_changelogs.csv"))
    sprints: dict[int, list[str]] = {}
    for row in _rows(folder / "_raw_jira_api_sprints.csv"):
        sprints.setdefault(_board_id(row), []).append(row["data"])
    listed_boards = set(sprints)
    for issue in issues:  # a board whose sprint list was not recorded: its issues' sprints
        if issue.board_id in listed_boards:
            continue
        listed = sprints.setdefault(issue.board_id, [])
        sprint = issue.fields.get("sprint", "null")
        if sprint != "null" and sprint not in listed:
            listed.append(sprint)
    statuses = {}
    for row in _rows(folder / "_raw_jira_api_status.csv"):
        status = json.loads(row["data"])
        statuses[status["id"]] = status
    field_rows = tuple(row["data"] for row in _rows(folder / "_raw_jira_api_issue_fields.csv"))
    return Recording(
        issues, {b: tuple(s) for b, s in sprints.items()}, histories, statuses, field_rows
    )


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} is missing: RecordedJira needs the raw_tables folder of "
            "realdata/devlake-jira (see its SOURCE.md)"
        )
    csv.field_size_limit(1 << 30)
    text = path.read_text(encoding="utf-8").lstrip("\r\n")  # one file opens with a blank line
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _board_id(row: dict[str, str]) -> int:
    return int(json.loads(row["params"])["BoardId"])


def _issue(row: dict[str, str]) -> RecordedIssue:
    members = dict(raw_members(row["data"]))
    fields = dict(raw_members(members["fields"]))
    changelog = dict(raw_members(members["changelog"]))
    histories = sorted(map(RecordedHistory.of, raw_items(changelog["histories"])), key=_order)
    project = json.loads(fields["project"])
    return RecordedIssue(
        id=int(json.loads(members["id"])),
        key=json.loads(members["key"]),
        project_key=project["key"],
        board_id=_board_id(row),
        created_at=datetime.fromisoformat(json.loads(fields["created"])),
        updated_at=datetime.fromisoformat(json.loads(fields["updated"])),
        head={name: members[name] for name in ("expand", "id", "self", "key")},
        fields=fields,
        changelog=members["changelog"],
        histories=tuple(histories),
    )


def _issue_changelog_pages(path: Path) -> dict[str, tuple[RecordedHistory, ...]]:
    """Histories from /issue/{id}/changelog pages, by issue id, oldest first."""
    by_issue: dict[str, dict[int, RecordedHistory]] = {}
    for row in _rows(path):
        issue_id = str(json.loads(row["input"])["issue_id"])
        history = RecordedHistory.of(row["data"])
        by_issue.setdefault(issue_id, {})[history.id] = history
    return {
        issue_id: tuple(sorted(histories.values(), key=_order))
        for issue_id, histories in by_issue.items()
    }


def _order(history: RecordedHistory) -> tuple[datetime, int]:
    """Oldest first, as /issue/{key}/changelog pages them (inline changelogs are newest first)."""
    return history.created, history.id
