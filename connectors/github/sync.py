"""One GitHub repository per visit, streamed as batches in the order they should land.

The visit starts with a conditional request for the repository's event feed (GitHub's
documented way to poll for change, with the ETag of the last visit): 304 means nothing
happened since, so nothing else is read, and a 304 costs no rate limit. Otherwise the
documents (playbook, dictionary, launch documents) and the activity (issues, pull requests,
releases, tags) are read incrementally, and the last batch records the visit with its new
ETag. A full visit (`full`, every `full_visit_days`) reads past a 304 as well: GitHub's event
feed can lag, and omits a few changes (a deleted release or tag), which it then catches.
"""

from __future__ import annotations

from collections.abc import Iterator

from github import GithubException

from connectors.github.activity import iter_activity
from connectors.github.client import GithubConnection, GithubSourceError, describe_failure
from connectors.github.documents import iter_documents
from connectors.github.records import Batch, RepoPlan, RepoState, SyncCounts


def iter_repo(
    conn: GithubConnection,
    plan: RepoPlan,
    state: RepoState,
    counts: SyncCounts,
    *,
    full: bool = False,
    reread: bool = False,
) -> Iterator[Batch]:
    """Batches of one repository's visit; the last one has `repo_done` set. A repository
    that is gone (404) yields only its check, and is listed in `counts.repos_missing`.
    Raises GithubSourceError naming the repository for anything else that fails."""
    counts.repos += 1
    try:
        status, headers, data = conn.get_json(
            f"/repos/{plan.full_name}/events",
            etag=None if reread else state.etag,
            params={"per_page": 1},
        )
        if status == 404:
            counts.repos_missing.append(plan.full_name)
            yield _done(plan, 404, full=False, etag=None, detail=data)
            return
        conn.raise_for_status(status, headers, data)
        etag = headers.get("etag")
        if status == 304 and not full:
            counts.repos_unchanged += 1
            yield _done(plan, 304, full=False, etag=etag or state.etag, detail=None)
            return
        counts.repos_visited += 1
        repo = conn.repo(plan.full_name)
        if plan.folders or plan.files:
            yield from iter_documents(conn, repo, plan, state, counts, full=reread)
        if plan.activity:
            yield from iter_activity(
                conn, repo, plan.full_name, state, counts, full=full, reread=reread
            )
    except GithubSourceError:
        raise
    except (GithubException, OSError) as err:
        raise describe_failure(err, conn, repo=plan.full_name) from None
    latest = data[0] if isinstance(data, list) and data else None
    yield _done(plan, 200, full=full or reread, etag=etag, detail={"latest_event": latest})


def _done(plan: RepoPlan, status: int, *, full: bool, etag: str | None, detail) -> Batch:
    check = {
        "repo_full_name": plan.full_name,
        "http_status": status,
        "is_full_visit": full,
        "etag": etag,
        "payload": detail,
    }
    return Batch({"repo_checks": [check]}, repo_done=plan.full_name)
