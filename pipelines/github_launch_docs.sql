-- Purpose: the launch documents of one GitHub source as they are now: the Markdown files the
--          latest visit of its launch repository listed under launch_docs_path, each with the
--          content (base64, as GitHub sent it) of the version listed, for the launch-checklist
--          reader (pipelines/github_launches.py).
-- Grain: one row per file path (its current version).
-- Inputs: raw.github_listings, raw.github_files; parameters source_name, repo, folder.
WITH latest AS (
    -- A visit lands all its listings together: the newest ones say which files exist now.
    SELECT * FROM raw.github_listings
    WHERE source_name = $source_name AND repo_full_name = $repo
    QUALIFY loaded_at = max(loaded_at) OVER ()
),
listed AS (
    SELECT e.path, e.sha
    FROM latest l,
         unnest(from_json(l.payload, '[{"type": "VARCHAR", "path": "VARCHAR", "sha": "VARCHAR"}]'))
             AS t(e)
    WHERE l.http_status = 200 AND e.type = 'file'
      AND ($folder = '' OR starts_with(e.path, $folder || '/'))
      AND lower(e.path) SIMILAR TO '.*\.(md|markdown)'
)
SELECT l.path, l.sha, arg_max(f.payload, f.loaded_at) ->> '$.content' AS content
FROM listed l
JOIN raw.github_files f
  ON f.source_name = $source_name AND f.repo_full_name = $repo
 AND f.path = l.path AND f.sha = l.sha
GROUP BY l.path, l.sha
ORDER BY l.path;
