"""What a GitHub sync plans, remembers and yields: plain data, no I/O.

A `Batch` maps stream names (the raw tables without their `github_` prefix) to records whose
key columns sit beside the untouched `payload`; a batch lands in one transaction. The last
batch of a repository carries its `checks` record and `repo_done`, so the ETag that lets the
next sync skip an unchanged repository is stored only once all of it has landed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class RepoPlan:
    """What to read from one repository. `activity`: issues, pull requests, releases and tags
    (a team's repository); `folders`: folders whose Markdown files are read, with their
    history (the playbook, the launch documents); `files`: single files (the dictionary)."""

    full_name: str
    activity: bool = False
    folders: tuple[str, ...] = ()
    files: tuple[str, ...] = ()


@dataclass
class RepoState:
    """What the warehouse already holds of a repository, so a sync reads only what changed."""

    etag: str | None = None  # of the event feed at the last completed visit
    issues_since: datetime | None = None  # newest updated_at landed (issues and pulls)
    pulls_since: datetime | None = None
    releases_since: datetime | None = None  # newest created_at landed
    tag_names: frozenset[str] = frozenset()  # tags landed
    release_tags: frozenset[str] = frozenset()  # tags of releases landed (dated already)
    file_shas: dict[str, str] = field(default_factory=dict)  # path -> blob sha landed
    file_commits_since: dict[str, datetime] = field(default_factory=dict)  # path -> newest


@dataclass
class Batch:
    parts: dict[str, list[dict]]
    repo_done: str | None = None  # the repository whose visit this batch completes

    @classmethod
    def of(cls, stream: str, records: list[dict]) -> Batch:
        return cls({stream: records})


@dataclass
class SyncCounts:
    repos: int = 0
    repos_unchanged: int = 0  # the event feed answered 304: nothing read
    repos_visited: int = 0
    repos_missing: list[str] = field(default_factory=list)  # 404: gone, renamed, or hidden
    files: int = 0
    commits: int = 0
    issues: int = 0
    pulls: int = 0
    releases: int = 0
    tags: int = 0
    folders_missing: list[str] = field(default_factory=list)  # "repo:path" answered 404
