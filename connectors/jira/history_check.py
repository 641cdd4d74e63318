"""Is an issue's change history complete? Two cheap checks, no extra requests:

- replay: the last change of each tracked field must leave it at the issue's current value
  (a truncated or filtered history usually breaks this);
- count: where Jira reports a total (Data Center's embedded changelog, per-issue pages), we
  must hold that many histories.

An issue failing either is refetched page by page from `/issue/{key}/changelog`; a count gap
that remains fails the sync naming the issue. A value that still disagrees although every
history is there (e.g. a deleted sprint vanishes from issues without a changelog item) is a
finding worth reporting, not a gap.
"""

from __future__ import annotations

from collections.abc import Iterable


def last_values(histories: Iterable[dict], field_ids: Iterable[str]) -> dict[str, dict]:
    """The last changelog item per tracked field, oldest to newest."""
    wanted = set(field_ids)
    last: dict[str, dict] = {}
    for history in sorted(histories, key=lambda h: (h.get("created", ""), int(h.get("id", 0)))):
        for item in history.get("items", []):
            field_id = item.get("fieldId") or _legacy_field_id(item)
            if field_id in wanted:
                last[field_id] = item
    return last


def _legacy_field_id(item: dict) -> str | None:
    # Older Data Center versions omit fieldId on system fields.
    return "status" if item.get("field") == "status" else None


def disagreements(
    issue: dict, histories: list[dict], *, sprint_field: str, estimate_fields: Iterable[str]
) -> list[str]:
    """Tracked fields whose replayed value differs from the issue's current value."""
    last = last_values(histories, [sprint_field, "status", *estimate_fields])
    return disagreements_with_last(issue, last, sprint_field=sprint_field)


def disagreements_with_last(issue: dict, last: dict[str, dict], *, sprint_field: str) -> list[str]:
    """The same check given each tracked field's last item (from `last_values`, or from a
    reader that found them without parsing every history in Python)."""
    fields = issue.get("fields") or {}
    found = []
    for field_id, item in last.items():
        if field_id == sprint_field:
            current = {int(s["id"]) for s in (fields.get(sprint_field) or []) if "id" in s}
            replayed = _sprint_ids(item.get("to"))
        elif field_id == "status":
            current = str((fields.get("status") or {}).get("id"))
            replayed = str(item.get("to"))
        else:
            current = _number(fields.get(field_id))
            replayed = _number(item.get("toString") if item.get("to") in (None, "") else item["to"])
        if current != replayed:
            found.append(field_id)
    return found


def _sprint_ids(text: str | None) -> set[int]:
    return {int(part) for part in (text or "").split(",") if part.strip().isdigit()}


def _number(value) -> float | None:
    if value in (None, ""):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None
