-- GitHub as delivered (issue 7): each payload kept whole, with its source, run and load time,
-- beside the key columns the sync and staging look records up by. Append-only: a record
-- read again is a new row; staging keeps the latest. Payloads are JSON text (see 0002).

-- One row per visit of a repository: the event feed's answer (200 read, 304 unchanged since
-- the last visit, 404 gone), its ETag, and whether the visit read everything (full visit).
-- Landed last in a visit, so a visit without its check row did not complete.
CREATE TABLE raw.github_repo_checks (
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    repo_full_name VARCHAR NOT NULL, http_status INTEGER NOT NULL, is_full_visit BOOLEAN NOT NULL,
    etag VARCHAR, payload VARCHAR
);
-- One row per folder (or single file) listed in a visit: the contents API's entries, without
-- file content; payload is null when the path answered 404 (e.g. an empty playbook).
CREATE TABLE raw.github_listings (
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    repo_full_name VARCHAR NOT NULL, path VARCHAR NOT NULL, http_status INTEGER NOT NULL,
    payload VARCHAR
);
-- One row per version of a tracked file read (contents API: base64 content, blob sha).
CREATE TABLE raw.github_files (
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    repo_full_name VARCHAR NOT NULL, path VARCHAR NOT NULL, sha VARCHAR NOT NULL,
    payload VARCHAR NOT NULL
);
-- Commits as listed for a tracked file's path, and ('' as path) the commits of new tags.
CREATE TABLE raw.github_commits (
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    repo_full_name VARCHAR NOT NULL, path VARCHAR NOT NULL, sha VARCHAR NOT NULL,
    payload VARCHAR NOT NULL
);
-- The issues endpoint's records: issues and pull requests (with `pull_request`), labels included.
CREATE TABLE raw.github_issues (
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    repo_full_name VARCHAR NOT NULL, number BIGINT NOT NULL, payload VARCHAR NOT NULL
);
CREATE TABLE raw.github_pulls (
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    repo_full_name VARCHAR NOT NULL, number BIGINT NOT NULL, payload VARCHAR NOT NULL
);
CREATE TABLE raw.github_releases (
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    repo_full_name VARCHAR NOT NULL, release_id BIGINT NOT NULL, payload VARCHAR NOT NULL
);
CREATE TABLE raw.github_tags (
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    repo_full_name VARCHAR NOT NULL, tag_name VARCHAR NOT NULL, commit_sha VARCHAR NOT NULL,
    payload VARCHAR NOT NULL
);
