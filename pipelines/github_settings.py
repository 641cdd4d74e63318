"""`[[sources.github]]` in maturity.toml: one GitHub (github.com or GitHub Enterprise).

Declared here, read by `pipelines.settings`; every key has a description. The token is
named by its environment variable, never written in the file.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# The seven recurring processes of a Level 3 playbook (MODEL.md, seed 001), in order.
CANONICAL_PROCESSES: dict[str, str] = {
    "sprint_planning": "Sprint planning",
    "roadmap_review": "Roadmap review",
    "discovery_sessions": "Discovery sessions",
    "gtm_launch": "GTM launch",
    "retrospective": "Retrospective",
    "qbr_prep": "QBR prep",
    "metrics_review": "Metrics review",
}
ProcessId = Literal[
    "sprint_planning",
    "roadmap_review",
    "discovery_sessions",
    "gtm_launch",
    "retrospective",
    "qbr_prep",
    "metrics_review",
]
# (file-name pattern, heading pattern) per process: searched, case-insensitively, in a
# Markdown file's name without its extension and in its headings (levels 1-3).
DEFAULT_PROCESS_PATTERNS: dict[str, tuple[str, str]] = {
    "sprint_planning": (r"sprint[-_ ]?planning", r"sprint planning"),
    "roadmap_review": (r"roadmap", r"roadmap"),
    "discovery_sessions": (r"discovery", r"discovery"),
    "gtm_launch": (r"gtm|go[-_ ]?to[-_ ]?market|launch", r"gtm|go[- ]to[- ]market|launch"),
    "retrospective": (r"retro(spective)?s?\b", r"retro(spective)?s?\b"),
    "qbr_prep": (r"qbr|quarterly[-_ ]?business[-_ ]?review", r"qbr|quarterly business review"),
    "metrics_review": (r"metrics?[-_ ]?review", r"metrics? review"),
}
REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
# DuckDB matches with RE2, which has neither lookaround nor backreferences.
NOT_RE2 = re.compile(r"\(\?<?[=!]|\\[1-9]")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _repo_name(value: str | None) -> str | None:
    if value is not None and not REPO.match(value):
        raise ValueError(f"{value!r} must look like 'owner/repository', e.g. 'acme/playbook'")
    return value


def _folder(value: str | None) -> str | None:
    return None if value is None else value.strip().strip("/")


class ProcessPatternSettings(_Strict):
    """Overrides how one canonical process is recognised in the playbook."""

    file: str | None = Field(
        default=None,
        description="Regular expression searched (case-insensitively) in the name of a "
        "Markdown file of the playbook, without its extension; '' never matches by name; "
        "unset keeps the default.",
    )
    heading: str | None = Field(
        default=None,
        description="Regular expression searched (case-insensitively) in the playbook's "
        "headings of levels 1 to 3; '' never matches by heading; unset keeps the default.",
    )

    @field_validator("file", "heading")
    @classmethod
    def _re2(cls, value: str | None) -> str | None:
        if value:
            if NOT_RE2.search(value):
                raise ValueError(f"{value!r}: lookaround and backreferences are not supported")
            try:
                re.compile(value)
            except re.error as err:
                raise ValueError(f"{value!r} is not a regular expression: {err}") from None
        return value


class GithubSourceSettings(_Strict):
    name: Annotated[str, Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")] = Field(
        description="Short name of this GitHub; teams name repositories as 'name:owner/repo'."
    )
    base_url: str = Field(
        default="https://api.github.com",
        description="API root: https://api.github.com, or https://HOST/api/v3 for GitHub "
        "Enterprise Server.",
    )
    token_env: str = Field(
        default="GITHUB_TOKEN",
        description="Environment variable holding the token (secret): read access to "
        "contents, issues, pull requests and metadata of every repository named here.",
    )
    playbook_repo: str | None = Field(
        default=None, description="The organisation's playbook repository, 'owner/repo'."
    )
    playbook_path: str = Field(
        default="",
        description="Folder of the playbook in playbook_repo (its Markdown files, "
        "recursively); '' for the whole repository.",
    )
    metrics_dictionary_path: str | None = Field(
        default=None,
        description="Path of the metrics dictionary (YAML or Markdown), in playbook_repo "
        "unless metrics_repo is set.",
    )
    metrics_repo: str | None = Field(
        default=None, description="Repository of the metrics dictionary, if not playbook_repo."
    )
    launch_docs_path: str | None = Field(
        default=None,
        description="Folder of launch documents (Markdown), in playbook_repo unless "
        "launch_docs_repo is set; landed for the launch-checklist reader.",
    )
    launch_docs_repo: str | None = Field(
        default=None, description="Repository of the launch documents, if not playbook_repo."
    )
    experiment_labels: list[Annotated[str, Field(min_length=1)]] = Field(
        default_factory=lambda: ["experiment", "a/b-test"],
        min_length=1,
        description="Labels that mark an issue or pull request as an experiment (any of them).",
    )
    process_patterns: dict[ProcessId, ProcessPatternSettings] = Field(
        default_factory=dict,
        description="Per canonical process, overrides of the file-name and heading patterns "
        "that recognise it in the playbook.",
    )
    per_page: int = Field(default=100, ge=1, le=100, description="Items per list page.")
    timeout_seconds: int = Field(default=30, ge=1, description="Timeout of every request.")
    min_seconds_between_requests: float = Field(
        default=0.25,
        ge=0,
        description="Pause between requests (PyGithub's default), to stay clear of GitHub's "
        "secondary rate limits.",
    )
    max_rate_limit_wait_seconds: float = Field(
        default=900.0,
        ge=0,
        description="Longest wait for a rate limit to reset; beyond it the sync stops and the "
        "next run resumes.",
    )
    secondary_rate_wait_seconds: float = Field(
        default=60.0,
        ge=0,
        description="Wait after a secondary rate limit that gives no Retry-After.",
    )
    full_visit_days: int = Field(
        default=7,
        ge=0,
        description="How often (days) each repository is read past an unchanged event feed "
        "(catches what the feed misses, e.g. deleted releases); 0: every sync.",
    )

    @field_validator("playbook_repo", "metrics_repo", "launch_docs_repo")
    @classmethod
    def _owner_and_name(cls, value: str | None) -> str | None:
        return _repo_name(value)

    @field_validator("playbook_path", "launch_docs_path", "metrics_dictionary_path")
    @classmethod
    def _no_outer_slashes(cls, value: str | None) -> str | None:
        return _folder(value)

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    @model_validator(mode="after")
    def _documents_have_a_repo(self) -> GithubSourceSettings:
        if self.metrics_dictionary_path is not None and not self.dictionary_repo:
            raise ValueError("metrics_dictionary_path needs playbook_repo or metrics_repo")
        if self.metrics_dictionary_path == "":
            raise ValueError("metrics_dictionary_path names a file, e.g. metrics/dictionary.yaml")
        if self.launch_docs_path is not None and not self.launch_repo:
            raise ValueError("launch_docs_path needs playbook_repo or launch_docs_repo")
        return self

    @property
    def dictionary_repo(self) -> str | None:
        return self.metrics_repo or self.playbook_repo

    @property
    def launch_repo(self) -> str | None:
        return self.launch_docs_repo or self.playbook_repo

    def patterns(self) -> list[tuple[str, str, str | None, str | None]]:
        """(process id, title, file pattern, heading pattern) of the seven processes, with
        this source's overrides; '' (never matches) becomes None."""
        found = []
        for pid, title in CANONICAL_PROCESSES.items():
            file, heading = DEFAULT_PROCESS_PATTERNS[pid]
            override = self.process_patterns.get(pid)
            if override is not None:
                file = file if override.file is None else override.file
                heading = heading if override.heading is None else override.heading
            found.append((pid, title, file or None, heading or None))
        return found


def repo_ref(value: str) -> tuple[str, str]:
    """'source:owner/repo' -> (source, 'owner/repo'); ValueError explains the form."""
    source, sep, repo = value.partition(":")
    if not sep or not source or not REPO.match(repo):
        raise ValueError(f"{value!r} must look like 'source:owner/repo', e.g. 'gh:acme/api'")
    return source, repo


def check_github_references(sources: list[GithubSourceSettings], teams) -> None:
    """Unique names, teams naming configured sources, one playbook and one dictionary."""
    names = [s.name for s in sources]
    if len(names) != len(set(names)):
        raise ValueError(f"sources.github: names must be unique, got {names}")
    for key in ("playbook_repo", "metrics_dictionary_path"):
        holders = [s.name for s in sources if getattr(s, key)]
        if len(holders) > 1:
            raise ValueError(
                f"sources.github: only one source may set {key} (the organisation has one), "
                f"got {holders}"
            )
    for team in teams:
        for source, _ in team.repo_refs():
            if source not in names:
                raise ValueError(
                    f"teams '{team.name}': github_repos names source '{source}', "
                    f"but sources.github has {names or 'no entries'}"
                )
