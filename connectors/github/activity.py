"""A team repository's activity: issues and pull requests with their labels, releases, tags.

Incremental, reading only what changed since the newest record landed:
- issues (GitHub lists pull requests among them, with their labels) by `since`, oldest
  change first, so a sync stopped mid-way resumes from what it landed;
- pull requests only when the issues showed some changed, newest change first
  (`sort=updated`), stopping at the newest one landed;
- releases newest first, stopping at the newest one landed;
- tags: the list, and the commit date of each new tag that no release dates already.
A full visit (`full`) reads releases and tags whole, so those deleted on GitHub drop out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from github import GithubException

from connectors.github.client import GithubConnection, payload
from connectors.github.records import Batch, RepoState, SyncCounts


def iter_activity(
    conn: GithubConnection,
    repo,
    full_name: str,
    state: RepoState,
    counts: SyncCounts,
    *,
    full: bool = False,
    reread: bool = False,
) -> Iterator[Batch]:
    """`reread`: ignore every watermark (maturity sync --full)."""
    per_page = conn.requester.per_page
    since = None if reread else state.issues_since
    listing = repo.get_issues(state="all", sort="updated", direction="asc", **_since(since))
    pulls_changed = False
    try:
        for page in _pages((payload(i) for i in listing), per_page):
            pulls_changed |= any("pull_request" in p for p in page)
            counts.issues += len(page)
            rows = [_row(full_name, number=p["number"], payload=p) for p in page]
            yield Batch.of("issues", rows)
    except GithubException as err:
        if err.status != 410:
            raise
        # 410: issues are turned off in this repository; its pull requests are still read.
        pulls_changed = True

    if pulls_changed:
        stop = None if reread else state.pulls_since
        newest_first = (
            payload(p) for p in repo.get_pulls(state="all", sort="updated", direction="desc")
        )
        for page in _pages(_until_older(newest_first, "updated_at", stop), per_page):
            counts.pulls += len(page)
            yield Batch.of("pulls", [_row(full_name, number=p["number"], payload=p) for p in page])

    stop = None if (full or reread) else state.releases_since
    release_tags = set() if reread else set(state.release_tags)
    known_tags = frozenset() if reread else state.tag_names
    newest_first = (payload(r) for r in repo.get_releases())
    for page in _pages(_until_older(newest_first, "created_at", stop), per_page):
        release_tags |= {r["tag_name"] for r in page}
        counts.releases += len(page)
        yield Batch.of("releases", [_row(full_name, release_id=r["id"], payload=r) for r in page])

    tags = [payload(t) for t in repo.get_tags()]
    new = [t for t in tags if full or t["name"] not in known_tags]
    rows, commits = [], []
    for tag in new:
        rows.append(
            _row(full_name, tag_name=tag["name"], commit_sha=tag["commit"]["sha"], payload=tag)
        )
        dated = tag["name"] in release_tags or tag["name"] in known_tags
        if not dated:  # a tag's date is its commit's: one request per new tag
            commit = payload(repo.get_commit(tag["commit"]["sha"]).complete())
            commits.append(_row(full_name, path="", sha=commit["sha"], payload=commit))
    counts.tags += len(rows)
    counts.commits += len(commits)
    if rows:
        yield Batch({"tags": rows, "commits": commits})


def _since(since: datetime | None) -> dict:
    return {"since": since} if since else {}


def _row(full_name: str, **columns) -> dict:
    return {"repo_full_name": full_name, **columns}


def _until_older(items: Iterable[dict], key: str, stop: datetime | None) -> Iterator[dict]:
    """Items (newest first) down to the first one no newer than `stop` (the newest landed);
    its page is the last fetched, since PyGithub fetches a page only when iteration reaches it.
    (One changed within the same second as `stop` waits for the next full visit.)"""
    for item in items:
        if stop is not None and item.get(key) and _parse(item[key]) <= stop:
            return
        yield item


def _pages(items: Iterable[dict], size: int) -> Iterator[list[dict]]:
    page: list[dict] = []
    for item in items:
        page.append(item)
        if len(page) == size:
            yield page
            page = []
    if page:
        yield page


def _parse(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))
