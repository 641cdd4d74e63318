-- Purpose: GitHub repositories' visits and activity, typed and de-duplicated: the latest look
--          at each repository; issues and pull requests with their labels (and a pull
--          request's merge); releases and tags still on GitHub. A full visit lists every
--          release and tag: one it did not list, with nothing landed for it since, was
--          deleted. Tags are dated by their commit.
-- Grain: github_repos: source, repository. github_issues: source, repository, number.
--        github_releases: source, repository, release id. github_tags: source, repository, tag.
-- Inputs: raw.github_repo_checks, raw.github_issues, raw.github_pulls, raw.github_releases,
--         raw.github_tags, raw.github_commits.
CREATE OR REPLACE TABLE staging.github_repos AS
SELECT
    source_name,
    repo_full_name,
    max(loaded_at) AS last_checked_at,
    arg_max(http_status, loaded_at) AS last_http_status,
    arg_max(http_status, loaded_at) IN (200, 304) AS is_available,
    max(loaded_at) FILTER (WHERE http_status IN (200, 304)) AS last_seen_at,
    max(loaded_at) FILTER (WHERE is_full_visit AND http_status = 200) AS last_full_visit_at,
    arg_max(run_id, loaded_at) FILTER (WHERE is_full_visit AND http_status = 200)
        AS last_full_visit_run_id
FROM raw.github_repo_checks
GROUP BY source_name, repo_full_name;

CREATE OR REPLACE TABLE staging.github_issues AS
WITH issues AS (
    SELECT source_name, repo_full_name, number, payload
    FROM raw.github_issues
    QUALIFY row_number() OVER (
        PARTITION BY source_name, repo_full_name, number
        ORDER BY payload ->> '$.updated_at' DESC, loaded_at DESC) = 1
),
pulls AS (
    SELECT source_name, repo_full_name, number, payload
    FROM raw.github_pulls
    QUALIFY row_number() OVER (
        PARTITION BY source_name, repo_full_name, number
        ORDER BY payload ->> '$.updated_at' DESC, loaded_at DESC) = 1
)
SELECT
    i.source_name,
    i.repo_full_name,
    i.number,
    i.payload ->> '$.title' AS title,
    i.payload ->> '$.state' AS state,
    json_exists(i.payload, '$.pull_request') AS is_pull_request,
    coalesce(list_transform(
        from_json(i.payload -> '$.labels', '[{"name": "VARCHAR"}]'), lambda l: l.name), []) AS labels,
    (i.payload ->> '$.created_at')::TIMESTAMPTZ AT TIME ZONE 'UTC' AS created_at,
    (i.payload ->> '$.updated_at')::TIMESTAMPTZ AT TIME ZONE 'UTC' AS updated_at,
    (i.payload ->> '$.closed_at')::TIMESTAMPTZ AT TIME ZONE 'UTC' AS closed_at,
    -- The pulls endpoint is read only when pull requests changed; the issue carries the merge too.
    coalesce(p.payload ->> '$.merged_at', i.payload ->> '$.pull_request.merged_at')::TIMESTAMPTZ
        AT TIME ZONE 'UTC' AS merged_at,
    i.payload ->> '$.user.login' AS author_login,
    i.payload ->> '$.html_url' AS html_url
FROM issues i
LEFT JOIN pulls p USING (source_name, repo_full_name, number);

CREATE OR REPLACE TABLE staging.github_releases AS
WITH landed AS (
    SELECT r.source_name, r.repo_full_name, r.release_id, r.payload, r.loaded_at,
           g.last_full_visit_run_id IS NULL OR r.run_id = g.last_full_visit_run_id
               OR r.loaded_at > g.last_full_visit_at AS is_listed_since_full_visit
    FROM raw.github_releases r
    LEFT JOIN staging.github_repos g USING (source_name, repo_full_name)
),
kept AS (
    SELECT source_name, repo_full_name, release_id, arg_max(payload, loaded_at) AS payload
    FROM landed
    GROUP BY source_name, repo_full_name, release_id
    HAVING bool_or(is_listed_since_full_visit)
)
SELECT
    source_name,
    repo_full_name,
    release_id,
    payload ->> '$.tag_name' AS tag_name,
    payload ->> '$.name' AS release_name,
    coalesce((payload ->> '$.draft')::BOOLEAN, false) AS is_draft,
    coalesce((payload ->> '$.prerelease')::BOOLEAN, false) AS is_prerelease,
    (payload ->> '$.created_at')::TIMESTAMPTZ AT TIME ZONE 'UTC' AS created_at,
    (payload ->> '$.published_at')::TIMESTAMPTZ AT TIME ZONE 'UTC' AS published_at
FROM kept;

CREATE OR REPLACE TABLE staging.github_tags AS
WITH landed AS (
    SELECT t.source_name, t.repo_full_name, t.tag_name, t.commit_sha, t.loaded_at,
           g.last_full_visit_run_id IS NULL OR t.run_id = g.last_full_visit_run_id
               OR t.loaded_at > g.last_full_visit_at AS is_listed_since_full_visit
    FROM raw.github_tags t
    LEFT JOIN staging.github_repos g USING (source_name, repo_full_name)
),
kept AS (
    SELECT source_name, repo_full_name, tag_name, arg_max(commit_sha, loaded_at) AS commit_sha
    FROM landed
    GROUP BY source_name, repo_full_name, tag_name
    HAVING bool_or(is_listed_since_full_visit)
),
commit_dates AS (
    SELECT source_name, repo_full_name, sha,
           max((payload ->> '$.commit.committer.date')::TIMESTAMPTZ AT TIME ZONE 'UTC')
               AS committed_at
    FROM raw.github_commits
    GROUP BY source_name, repo_full_name, sha
)
SELECT k.source_name, k.repo_full_name, k.tag_name, k.commit_sha, d.committed_at
FROM kept k
LEFT JOIN commit_dates d
    ON d.source_name = k.source_name AND d.repo_full_name = k.repo_full_name
   AND d.sha = k.commit_sha;
