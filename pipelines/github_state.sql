-- Purpose: what the warehouse already holds of each repository of one GitHub source, so the
--          sync reads only what changed: the event feed's ETag at the last completed visit,
--          when the last full visit was, the newest issue, pull request and release landed,
--          the tags landed (and those a release dates), and each tracked file's blob sha and
--          newest commit. Watermarks come from the data landed, never from the clock.
-- Grain: one row per repository of the source that has anything landed.
-- Inputs: raw.github_repo_checks, raw.github_issues, raw.github_pulls, raw.github_releases,
--         raw.github_tags, raw.github_files, raw.github_commits; $source_name.
WITH checks AS (
    SELECT repo_full_name,
           arg_max(etag, loaded_at) FILTER (WHERE http_status IN (200, 304)) AS etag,
           max(loaded_at) FILTER (WHERE is_full_visit) AS last_full_visit_at
    FROM raw.github_repo_checks WHERE source_name = $source_name
    GROUP BY repo_full_name
),
issues AS (
    SELECT repo_full_name,
           max((payload ->> '$.updated_at')::TIMESTAMPTZ) AS issues_since
    FROM raw.github_issues WHERE source_name = $source_name
    GROUP BY repo_full_name
),
pulls AS (
    SELECT repo_full_name, max((payload ->> '$.updated_at')::TIMESTAMPTZ) AS pulls_since
    FROM raw.github_pulls WHERE source_name = $source_name
    GROUP BY repo_full_name
),
releases AS (
    SELECT repo_full_name,
           max((payload ->> '$.created_at')::TIMESTAMPTZ) AS releases_since,
           list(DISTINCT payload ->> '$.tag_name') AS release_tags
    FROM raw.github_releases WHERE source_name = $source_name
    GROUP BY repo_full_name
),
tags AS (
    SELECT repo_full_name, list(DISTINCT tag_name) AS tag_names
    FROM raw.github_tags WHERE source_name = $source_name
    GROUP BY repo_full_name
),
files AS (
    SELECT repo_full_name, map_from_entries(list((path, sha))) AS file_shas
    FROM (
        SELECT repo_full_name, path, arg_max(sha, loaded_at) AS sha
        FROM raw.github_files WHERE source_name = $source_name
        GROUP BY repo_full_name, path
    )
    GROUP BY repo_full_name
),
commits AS (
    SELECT repo_full_name, map_from_entries(list((path, newest))) AS file_commits_since
    FROM (
        SELECT repo_full_name, path,
               max((payload ->> '$.commit.committer.date')::TIMESTAMPTZ) AS newest
        FROM raw.github_commits WHERE source_name = $source_name AND path <> ''
        GROUP BY repo_full_name, path
    )
    GROUP BY repo_full_name
),
repos AS (
    SELECT repo_full_name FROM checks UNION SELECT repo_full_name FROM issues
    UNION SELECT repo_full_name FROM releases UNION SELECT repo_full_name FROM tags
    UNION SELECT repo_full_name FROM files
)
SELECT r.repo_full_name, c.etag, c.last_full_visit_at, i.issues_since, p.pulls_since,
       rl.releases_since, rl.release_tags, t.tag_names, f.file_shas, cm.file_commits_since
FROM repos r
LEFT JOIN checks c USING (repo_full_name)
LEFT JOIN issues i USING (repo_full_name)
LEFT JOIN pulls p USING (repo_full_name)
LEFT JOIN releases rl USING (repo_full_name)
LEFT JOIN tags t USING (repo_full_name)
LEFT JOIN files f USING (repo_full_name)
LEFT JOIN commits cm USING (repo_full_name)
ORDER BY r.repo_full_name;
