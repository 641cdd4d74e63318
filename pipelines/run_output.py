"""What a run says when it finishes: one line per synced source, the sprint-report agreement,
the data-quality outcome. Shared by `maturity run`, `sync`, `backfill` and the demo so each
prints the same sentences for the same facts."""

from __future__ import annotations

from pipelines.file_summary import summary_lines as file_summary_lines


def sync_lines(sync_counts: dict) -> list[str]:
    """One line per Jira and GitHub source, then each file source with its messages."""
    lines = [jira_line(name, s) for name, s in sync_counts.get("jira", {}).items()]
    lines += [github_line(name, s) for name, s in sync_counts.get("github", {}).items()]
    return lines + file_summary_lines(sync_counts.get("files", {}))


def jira_line(source: str, s: dict) -> str:
    return (
        f"{source}: {s['issues']:,} issues, {s['changelog_items']:,} changelog items, "
        f"{s['sprints']:,} sprints, {s['requests']:,} requests, {s['retries']:,} retries, "
        f"{s['seconds']:.1f} s"
    )


def github_line(source_name: str, s: dict) -> str:
    return (
        f"{source_name} (GitHub): {s['repos']} repositories ({s['repos_unchanged']} unchanged, "
        f"{s['repos_visited']} read, {len(s['repos_missing'])} missing), {s['issues']:,} issues"
        f" and pull requests, {s['releases']:,} releases, {s['files']:,} documents, "
        f"{s['requests']:,} requests ({s['not_modified']:,} not modified), {s['retries']:,} "
        f"retries, {s['seconds']:.1f} s"
    )


def quality_line(quality: dict) -> str:
    """The run summary's data-quality sentence."""
    if not quality:
        return "data quality: not checked"
    text = (
        f"data quality: {quality['expectations']} expectations, "
        f"{quality['failed_critical']} critical and {quality['failed_warning']} warning "
        f"failures ({quality['seconds']:.1f} s)"
    )
    return "\n".join([text, *(f"  - {f}" for f in quality.get("failures", []))])
