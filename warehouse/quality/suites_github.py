"""Suites guarding the GitHub staging models (warehouse/staging/github_*.sql): one row per key
as each model's grain says, and dates in order. GitHub allows neither duplicate keys nor a
release published before it was created, so every check is critical."""

from __future__ import annotations

from warehouse.quality.checks import WARNING, Suite, not_before, not_null, unique

GITHUB_STAGING_SUITES: tuple[Suite, ...] = (
    Suite(
        "staging.github_repos",
        "staging.github_repos",
        (unique("source_name", "repo_full_name"),),
    ),
    Suite(
        "staging.github_issues",
        "staging.github_issues",
        (
            unique("source_name", "repo_full_name", "number"),
            not_null("created_at"),
            not_before("closed_at", "created_at", why="an issue closes after it is opened"),
            not_before("merged_at", "created_at", why="a pull request merges after it is opened"),
        ),
    ),
    Suite(
        "staging.github_releases",
        "staging.github_releases",
        (
            unique("source_name", "repo_full_name", "release_id"),
            not_before(
                "published_at",
                "created_at",
                severity=WARNING,
                why="a release published before its draft was created skews release cadence",
            ),
        ),
    ),
    Suite(
        "staging.github_tags",
        "staging.github_tags",
        (unique("source_name", "repo_full_name", "tag_name"),),
    ),
    Suite(
        "staging.github_commits",
        "staging.github_commits",
        (unique("source_name", "repo_full_name", "path", "sha"),),
    ),
    Suite(
        "staging.github_documents",
        "staging.github_documents",
        (
            unique("source_name", "repo_full_name", "path"),
            not_before("last_commit_at", "first_commit_at", why="a file's history runs forward"),
        ),
    ),
    Suite(
        "staging.github_launch_documents",
        "staging.github_launch_documents",
        (unique("source_name", "repo_full_name", "path"),),
    ),
)
