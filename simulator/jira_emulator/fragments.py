"""Issues and changelog histories as JSON bytes, rendered once and reused by every page.

Rendering an issue (dates in the account's zone, nested status and sprint objects) costs
far more than copying bytes, and a sync asks for each issue in one shape: the fields it
reads, the fields whose histories it tracks. So each issue is rendered once per shape and
its bytes kept; a page is a join. Field values shared by many issues (a status, a type, a
sprint list) are rendered once per value. `warm()` renders every field and history ahead,
as fragments (each field, each history's head and items), so that a first sync in any
shape is only joins. The bytes equal `json_bytes` of `render.issue_json` and
`changelog.history_list`, which stay the readable definitions of the shapes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from simulator.jira_emulator.changelog import history_list
from simulator.jira_emulator.render import (
    FIELD_RENDERERS,
    LAUNCH_FIELDS,
    SHARED_FIELD_KEYS,
    issue_envelope,
)
from simulator.jira_emulator.request import json_bytes
from simulator.model import Issue

if TYPE_CHECKING:
    from simulator.jira_emulator.site import Site

EMBEDDED_HISTORIES = 100  # Cloud embeds only the newest 100 histories


class _History:
    """One history: its bytes whole, and its head and items apart for filtering by field."""

    __slots__ = ("field_ids", "head", "items", "whole")

    def __init__(self, history: dict) -> None:
        head = {name: value for name, value in history.items() if name != "items"}
        self.head = json_bytes(head)[:-1] + b',"items":['  # "items" is the last key
        self.items = tuple((item.get("fieldId"), json_bytes(item)) for item in history["items"])
        self.whole = self.head + b",".join(data for _, data in self.items) + b"]}"
        self.field_ids = frozenset(field_id for field_id, _ in self.items)

    def filtered(self, field_ids: frozenset[str]) -> bytes | None:
        if self.field_ids <= field_ids:  # the common case: a sync asks for every field here
            return self.whole if self.items else None
        kept = [data for field_id, data in self.items if field_id in field_ids]
        return self.head + b",".join(kept) + b"]}" if kept else None


class RenderCache:
    def __init__(self, site: Site) -> None:
        self.site = site
        # Request threads fill these dicts without a lock: two threads rendering the same
        # fragment at once store equal bytes, and dict assignment is atomic.
        self._names = {name: json_bytes(name) + b":" for name in FIELD_RENDERERS}
        self._shared: dict[str, dict[object, bytes]] = {name: {} for name in SHARED_FIELD_KEYS}
        # Fragments by issue id, filled by `warm` only.
        self._envelopes: dict[int, bytes] = {}
        self._fields: dict[str, dict[int, bytes]] = {name: {} for name in FIELD_RENDERERS}
        self._warmed: dict[int, list[_History]] = {}
        # Whole issues per (fields, with changelog) and histories per field filter: a page
        # of a sync that asks the same shape again and again is one lookup per issue.
        self._issues: dict[tuple[tuple[str, ...], bool], dict[int, bytes]] = {}
        self._filtered: dict[frozenset[str] | None, dict[int, list[bytes]]] = {}

    def issues(self, issues: Iterable[Issue], fields: Iterable[str], *, changelog: bool) -> bytes:
        """The issues, comma-joined, with the requested fields (unknown names are ignored,
        as Jira does) and, if asked, the embedded changelog."""
        names = tuple(name for name in dict.fromkeys(fields) if name in FIELD_RENDERERS)
        cached = self._issues.setdefault((names, changelog), {})
        parts = []
        for issue in issues:
            data = cached.get(issue.id)
            if data is None:
                data = cached[issue.id] = self._compose(issue, names, changelog)
            parts.append(data)
        return b",".join(parts)

    def histories(self, issue: Issue, field_ids: frozenset[str] | None = None) -> list[bytes]:
        """The issue's histories oldest first; with `field_ids`, only those fields' items
        (histories left empty dropped), as `changelog.history_list` defines."""
        cached = self._filtered.setdefault(field_ids, {})
        histories = cached.get(issue.id)
        if histories is None:
            rendered = self._warmed.get(issue.id)
            if rendered is None:  # not warmed: one encoding per history is cheapest
                wanted = None if field_ids is None else set(field_ids)
                histories = [json_bytes(h) for h in history_list(self.site, issue, wanted)]
            elif field_ids is None:
                histories = [history.whole for history in rendered]
            else:
                histories = [data for h in rendered if (data := h.filtered(field_ids))]
            cached[issue.id] = histories
        return histories

    def warm(self, issues: Iterable[Issue]) -> None:
        """Render every field and history of `issues` now rather than on first request."""
        for issue in issues:
            self._envelopes[issue.id] = self._envelope(issue)
            for name, cached in self._fields.items():
                if name not in LAUNCH_FIELDS:
                    cached[issue.id] = self._field(issue, name)
            self._warmed[issue.id] = [_History(h) for h in history_list(self.site, issue)]

    def _compose(self, issue: Issue, names: tuple[str, ...], changelog: bool) -> bytes:
        fields = b",".join(self._field(issue, name) for name in names)
        body = self._envelope(issue) + fields + b"}"
        if changelog:
            body += b',"changelog":' + self._embedded(issue)
        return body + b"}"

    def _envelope(self, issue: Issue) -> bytes:
        """The issue up to its fields' opening brace."""
        data = self._envelopes.get(issue.id)
        if data is None:
            data = json_bytes(issue_envelope(self.site, issue))[:-2]  # ends '"fields":{}}'
        return data

    def _field(self, issue: Issue, name: str) -> bytes:
        data = self._fields[name].get(issue.id)
        if data is not None:
            return data
        key_of = SHARED_FIELD_KEYS.get(name)
        shared = self._shared[name] if key_of else {}
        key = key_of(issue) if key_of else None
        data = shared.get(key)
        if data is None:
            data = self._names[name] + json_bytes(FIELD_RENDERERS[name](self.site, issue))
            if key_of:
                shared[key] = data
        return data

    def _embedded(self, issue: Issue) -> bytes:
        """Cloud embeds the newest 100 histories, newest first; Data Center embeds them all."""
        histories = self.histories(issue)
        total = len(histories)
        if self.site.is_cloud:
            histories = histories[::-1][:EMBEDDED_HISTORIES]
        head = {"startAt": 0, "maxResults": len(histories), "total": total}
        return json_bytes(head)[:-1] + b',"histories":[' + b",".join(histories) + b"]}"
