"""What a file-source load says in the run's output: one line per source, its messages, and
where the quarantined rows are."""

from __future__ import annotations


def summary_line(kind: str, name: str, s: dict) -> str:
    """One line per source for the run's output (messages follow on their own lines)."""
    head = f"{kind} {name}: {s['status']}"
    if s.get("origin") == "jira":
        return (
            f"{head}; {s['launches']:,} launch issues with {s['subtasks']:,} checklist sub-tasks "
            f"from Jira source {s['jira_source']}"
            + (f", {s['left_out']:,} left out (below)" if s["left_out"] else "")
            + f"; {s['seconds']:.1f} s"
        )
    if s["status"] in ("skipped", "unsupported", "no files"):
        return head
    files = f"{s['files']} files ({s['new']} new, {s['unchanged']} unchanged"
    files += f", {s['replaced']} replacing an earlier version" if s["replaced"] else ""
    files += f", {s['ignored']} ignored" if s["ignored"] else ""
    files += ")"
    if s["status"] != "loaded":
        return f"{head}; {files}"
    rows = (
        f"{s['rows_read']:,} rows read = {s['rows_loaded']:,} loaded + "
        f"{s['rows_quarantined']:,} quarantined"
    )
    if kind == "surveys":
        rows += f" ({s['rows_incomplete']:,} incomplete responses loaded, left out of indicators)"
    if kind == "launches":
        rows += (
            f"; {s['items_read']:,} checklist items = {s['items_loaded']:,} loaded + "
            f"{s['items_quarantined']:,} quarantined"
        )
    return f"{head}; {files}; {rows}; {s['seconds']:.1f} s"


def summary_lines(file_counts: dict[str, dict[str, dict]]) -> list[str]:
    lines = []
    for kind, sources in file_counts.items():
        for name, s in sources.items():
            lines.append(summary_line(kind, name, s))
            lines += [f"  - {m}" for m in s["messages"]]
            if s["rows_quarantined"] or s["items_quarantined"]:
                lines.append(
                    "  quarantined rows, with file, row, column and reason: meta.quarantine"
                )
    return lines
