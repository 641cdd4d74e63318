-- Purpose: the documents GitHub repositories keep for the organisation, as they are now:
--          every file the latest visit of a repository listed, with its role (playbook page,
--          metrics dictionary, launch document: by the configured repositories and paths),
--          its text (decoded from base64), its headings (levels 1-3) and its commit history;
--          and the launch documents on their own, for the launch-checklist reader.
-- Grain: github_commits: source, repository, path, commit (path '' holds tags' commits).
--        github_documents: source, repository, path (current files with a role).
--        github_launch_documents: source, repository, path (role 'launch').
-- Inputs: raw.github_listings, raw.github_files, raw.github_commits, cfg_github_sources.
CREATE OR REPLACE TABLE staging.github_commits AS
SELECT
    source_name,
    repo_full_name,
    path,
    sha,
    any_value((payload ->> '$.commit.committer.date')::TIMESTAMPTZ AT TIME ZONE 'UTC')
        AS committed_at,
    any_value(payload ->> '$.commit.message') AS message,
    any_value(payload ->> '$.author.login') AS author_login
FROM raw.github_commits
GROUP BY source_name, repo_full_name, path, sha;

CREATE OR REPLACE TABLE staging.github_documents AS
WITH latest_listings AS (
    -- A visit lands all its listings together: the newest ones say which files exist now.
    SELECT * FROM raw.github_listings
    QUALIFY loaded_at = max(loaded_at) OVER (PARTITION BY source_name, repo_full_name)
),
listed AS (
    SELECT l.source_name, l.repo_full_name, e.path, e.sha, l.loaded_at AS listed_at
    FROM latest_listings l,
         unnest(from_json(l.payload, '[{"type": "VARCHAR", "path": "VARCHAR", "sha": "VARCHAR"}]'))
             AS t(e)
    WHERE l.http_status = 200 AND e.type = 'file'
),
roled AS (
    SELECT l.*,
           lower(l.path) SIMILAR TO '.*\.(md|markdown)' AS is_markdown,
           CASE
               WHEN l.repo_full_name = c.dictionary_repo AND l.path = c.dictionary_path
                   THEN 'dictionary'
               WHEN l.repo_full_name = c.launch_repo
                    AND (c.launch_path = '' OR starts_with(l.path, c.launch_path || '/'))
                   THEN 'launch'
               WHEN l.repo_full_name = c.playbook_repo
                    AND (c.playbook_path = '' OR starts_with(l.path, c.playbook_path || '/'))
                   THEN 'playbook'
           END AS role
    FROM listed l
    JOIN cfg_github_sources c USING (source_name)
),
versions AS (
    SELECT source_name, repo_full_name, path, sha,
           arg_max(payload, loaded_at) ->> '$.content' AS content
    FROM raw.github_files
    GROUP BY source_name, repo_full_name, path, sha
),
texts AS (
    -- try(): a file that is not UTF-8 text has no text, not a failed run.
    SELECT source_name, repo_full_name, path, sha,
           try(decode(from_base64(replace(content, chr(10), '')))) AS text
    FROM versions
),
history AS (
    SELECT source_name, repo_full_name, path, min(committed_at) AS first_commit_at,
           max(committed_at) AS last_commit_at, count(*) AS commits
    FROM staging.github_commits
    WHERE path <> ''
    GROUP BY source_name, repo_full_name, path
)
SELECT
    r.source_name,
    r.repo_full_name,
    r.path,
    r.role,
    r.sha,
    t.text,
    coalesce(regexp_extract_all(t.text, '(?m)^#{1,3}[ \t]+(.+?)[ \t#]*$', 1), [])
        AS headings,
    h.first_commit_at,
    h.last_commit_at,
    coalesce(h.commits, 0) AS commits,
    r.listed_at
FROM roled r
LEFT JOIN texts t USING (source_name, repo_full_name, path, sha)
LEFT JOIN history h USING (source_name, repo_full_name, path)
WHERE r.role = 'dictionary' OR (r.role IS NOT NULL AND r.is_markdown);

CREATE OR REPLACE TABLE staging.github_launch_documents AS
SELECT source_name, repo_full_name, path, sha, text AS markdown, first_commit_at,
       last_commit_at, listed_at
FROM staging.github_documents
WHERE role = 'launch';
