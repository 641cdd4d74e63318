"""The GitHub side of a simulated organisation as plain data: the truth the emulator serves.

Repositories hold commits (each changing some files), issues and pull requests with their
labels, releases, tags and the repository's event feed. Changes go through the methods
below, which keep the event feed in step, so the emulator's event ETag moves exactly when
something a client reads has changed. Times are timezone-aware UTC datetimes. Nothing in
the product imports this module.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime


def blob_sha(content: str) -> str:
    """Git's blob id for `content`, as the contents API reports it."""
    data = content.encode()
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


@dataclass(frozen=True)
class GhCommit:
    sha: str
    message: str
    at: datetime
    changes: dict[str, str | None]  # path -> new content (None: the file was deleted)
    author: str = "octo-pm"


@dataclass
class GhIssue:
    number: int
    title: str
    created_at: datetime
    updated_at: datetime
    labels: tuple[str, ...] = ()
    is_pull: bool = False
    closed_at: datetime | None = None
    merged_at: datetime | None = None
    author: str = "octo-dev"

    @property
    def state(self) -> str:
        return "closed" if self.closed_at else "open"


@dataclass
class GhRelease:
    id: int
    tag_name: str
    created_at: datetime
    published_at: datetime | None  # None: a draft
    prerelease: bool = False
    name: str = ""


@dataclass(frozen=True)
class GhTag:
    name: str
    commit_sha: str


@dataclass(frozen=True)
class GhEvent:
    id: int
    type: str  # PushEvent, IssuesEvent, PullRequestEvent, ReleaseEvent, CreateEvent
    at: datetime
    payload: dict


@dataclass
class GhRepo:
    owner: str
    name: str
    id: int
    created_at: datetime
    commits: list[GhCommit] = field(default_factory=list)  # oldest first
    issues: dict[int, GhIssue] = field(default_factory=dict)  # issues and pull requests
    releases: list[GhRelease] = field(default_factory=list)
    tags: list[GhTag] = field(default_factory=list)
    events: list[GhEvent] = field(default_factory=list)  # oldest first
    is_deleted: bool = False
    default_branch: str = "main"
    _next_event: int = 1

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    # -- reading -------------------------------------------------------------------------

    def files(self) -> dict[str, str]:
        """The default branch's tree now: path -> content."""
        tree: dict[str, str] = {}
        for commit in self.commits:
            for path, content in commit.changes.items():
                if content is None:
                    tree.pop(path, None)
                else:
                    tree[path] = content
        return tree

    def commits_touching(self, path: str) -> list[GhCommit]:
        """Commits that changed `path` (a file, or every file under a folder), newest first."""
        prefix = path.rstrip("/") + "/"
        return [
            c
            for c in reversed(self.commits)
            if not path or any(p == path or p.startswith(prefix) for p in c.changes)
        ]

    def commit(self, sha: str) -> GhCommit | None:
        return next((c for c in self.commits if c.sha == sha), None)

    @property
    def pushed_at(self) -> datetime:
        return self.commits[-1].at if self.commits else self.created_at

    # -- changing (each change also lands in the event feed) -----------------------------

    def push(self, at: datetime, changes: dict[str, str | None], message: str) -> GhCommit:
        seed = f"{self.full_name}/{len(self.commits)}/{at.isoformat()}/{message}"
        sha = hashlib.sha1(seed.encode(), usedforsecurity=False).hexdigest()
        commit = GhCommit(sha=sha, message=message, at=at, changes=dict(changes))
        self.commits.append(commit)
        self._event("PushEvent", at, {"head": sha, "size": 1})
        return commit

    def open_issue(
        self,
        at: datetime,
        title: str,
        *,
        labels: tuple[str, ...] = (),
        is_pull: bool = False,
        closed_at: datetime | None = None,
        merged: bool = False,
    ) -> GhIssue:
        number = max(self.issues, default=0) + 1
        issue = GhIssue(
            number=number,
            title=title,
            created_at=at,
            updated_at=closed_at or at,
            labels=tuple(labels),
            is_pull=is_pull,
            closed_at=closed_at,
            merged_at=closed_at if (is_pull and merged) else None,
        )
        self.issues[number] = issue
        kind = "PullRequestEvent" if is_pull else "IssuesEvent"
        self._event(kind, issue.updated_at, {"action": "opened", "number": number})
        return issue

    def relabel(self, number: int, at: datetime, labels: tuple[str, ...]) -> None:
        issue = self.issues[number]
        issue.labels, issue.updated_at = tuple(labels), at
        kind = "PullRequestEvent" if issue.is_pull else "IssuesEvent"
        self._event(kind, at, {"action": "labeled", "number": number})

    def release(
        self, at: datetime, tag_name: str, *, prerelease: bool = False, draft: bool = False
    ) -> GhRelease:
        target = self.commits[-1].sha if self.commits else "0" * 40
        self.tags.append(GhTag(tag_name, target))
        release = GhRelease(
            id=self.id * 10_000 + len(self.releases) + 1,
            tag_name=tag_name,
            created_at=at,
            published_at=None if draft else at,
            prerelease=prerelease,
            name=tag_name,
        )
        self.releases.append(release)
        self._event("CreateEvent", at, {"ref": tag_name, "ref_type": "tag"})
        if not draft:
            self._event("ReleaseEvent", at, {"action": "published", "release_id": release.id})
        return release

    def tag(self, at: datetime, name: str) -> GhTag:
        tag = GhTag(name, self.commits[-1].sha if self.commits else "0" * 40)
        self.tags.append(tag)
        self._event("CreateEvent", at, {"ref": name, "ref_type": "tag"})
        return tag

    def _event(self, kind: str, at: datetime, payload: dict) -> None:
        self.events.append(GhEvent(self.id * 1_000_000 + self._next_event, kind, at, payload))
        self._next_event += 1


@dataclass
class GithubOrg:
    """The repositories one GitHub (or GitHub Enterprise) instance serves, and the truth of
    how the organisation keeps its playbook, metrics dictionary, releases and experiments."""

    owner: str
    now: datetime
    repos: dict[str, GhRepo]  # full name -> repository
    team_repos: dict[str, list[str]]  # team name -> full names of its repositories
    playbook_repo: str
    playbook_path: str = "playbook"
    metrics_dictionary_path: str = "metrics/dictionary.yaml"
    launch_docs_path: str = "launches"
    experiment_labels: tuple[str, ...] = ("experiment", "a/b-test")
    level: int = 1  # the organisation's level the playbook and dictionary were written for
    documented_processes: tuple[str, ...] = ()  # canonical processes the playbook documents

    def repo(self, full_name: str) -> GhRepo:
        return self.repos[full_name]

    def add_repo(self, name: str, created_at: datetime) -> GhRepo:
        repo = GhRepo(self.owner, name, id=1000 + len(self.repos), created_at=created_at)
        self.repos[repo.full_name] = repo
        return repo
