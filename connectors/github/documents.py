"""Documents kept in a repository: the playbook, the metrics dictionary, launch documents.

Each visit lists the tracked folders (recursively) and single files through the contents
API; only a file whose blob sha differs from the one landed is read again, with the commits
that touched it since the newest one landed. A listing lands as one record per folder or
file (a 404 too: a missing folder is an empty playbook, not an error).
"""

from __future__ import annotations

from collections.abc import Iterator

from github import GithubException
from github.ContentFile import ContentFile

from connectors.github.client import GithubConnection, payload
from connectors.github.records import MARKDOWN_SUFFIXES, Batch, RepoPlan, RepoState, SyncCounts

MAX_DEPTH = 4  # folders below a tracked folder are listed this deep


def iter_documents(
    conn: GithubConnection,
    repo,
    plan: RepoPlan,
    state: RepoState,
    counts: SyncCounts,
    *,
    full: bool = False,
) -> Iterator[Batch]:
    """Changed files with their history, then (last) the listings of this visit."""
    listings: list[dict] = []
    listed: dict[str, str] = {}  # every file the folder listings show: path -> sha
    folders = _outermost(plan.folders)
    for folder in folders:
        for path, status, entries in _walk(repo, folder):
            listings.append(_listing(path, status, entries))
            if status == 404:
                counts.folders_missing.append(f"{plan.full_name}:{path or '/'}")
            listed |= {e["path"]: e["sha"] for e in entries if e.get("type") == "file"}
    tracked = {p: sha for p, sha in listed.items() if p.lower().endswith(MARKDOWN_SUFFIXES)}
    contents: dict[str, dict] = {}
    for path in plan.files:
        if path in listed:  # already listed: its sha says whether to read it
            tracked[path] = listed[path]
            continue
        # Inside a folder listed above but not in its listing: the file does not exist.
        found = None if any(_inside(path, f) for f in folders) else _get(repo, path)
        if found is None or isinstance(found, list):
            listings.append(_listing(path, 404, []))
            counts.folders_missing.append(f"{plan.full_name}:{path}")
            continue
        body = payload(found)
        listings.append(_listing(path, 200, [_entry(body)]))
        tracked[path], contents[path] = body["sha"], body
    for path, sha in sorted(tracked.items()):
        if not full and state.file_shas.get(path) == sha:
            continue
        body = contents.get(path) or payload(repo.get_contents(path))
        since = None if full else state.file_commits_since.get(path)
        history = repo.get_commits(path=path, since=since) if since else repo.get_commits(path=path)
        commits = [
            {"repo_full_name": plan.full_name, "path": path, "sha": c["sha"], "payload": c}
            for c in (payload(commit) for commit in history)
        ]
        counts.files += 1
        counts.commits += len(commits)
        file_row = {"repo_full_name": plan.full_name, "path": path, "sha": body["sha"]}
        yield Batch({"files": [{**file_row, "payload": body}], "commits": commits})
    yield Batch.of("listings", [{"repo_full_name": plan.full_name, **row} for row in listings])


def _outermost(folders: tuple[str, ...]) -> list[str]:
    """The folders to list: one inside another is covered by the outer one's recursion."""
    cleaned = sorted({f.strip("/") for f in folders})
    return [f for f in cleaned if not any(_inside(f, other) for other in cleaned if other != f)]


def _inside(path: str, folder: str) -> bool:
    return folder == "" or path.startswith(folder + "/")


def _walk(repo, folder: str, depth: int = 0) -> Iterator[tuple[str, int, list[dict]]]:
    found = _get(repo, folder)
    if found is None:
        yield folder, 404, []
        return
    if isinstance(found, ContentFile):  # a file where a folder was expected
        yield folder, 200, [_entry(payload(found))]
        return
    entries = [_entry(payload(item)) for item in found]
    yield folder, 200, entries
    if depth < MAX_DEPTH:
        for entry in entries:
            if entry.get("type") == "dir":
                yield from _walk(repo, entry["path"], depth + 1)


def _get(repo, path: str):
    try:
        return repo.get_contents(path)
    except GithubException as err:
        if err.status == 404:
            return None
        raise


def _entry(body: dict) -> dict:
    # A listing keeps what says which files exist and which version: never the content.
    keys = ("type", "name", "path", "sha", "size", "html_url")
    return {k: body.get(k) for k in keys}


def _listing(path: str, status: int, entries: list[dict]) -> dict:
    return {"path": path, "http_status": status, "payload": entries if status == 200 else None}
