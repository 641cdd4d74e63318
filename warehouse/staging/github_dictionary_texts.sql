-- Purpose: every version landed of each configured metrics dictionary, decoded from base64,
--          for the Python reader (warehouse/metrics_dictionary.py) that makes the temporary
--          table github_dictionary_summaries the marts read.
-- Grain: one row per source, repository, path and blob sha.
-- Inputs: raw.github_files, cfg_github_sources.
WITH versions AS (
    SELECT f.source_name, f.repo_full_name, f.path, f.sha,
           arg_max(f.payload, f.loaded_at) ->> '$.content' AS content
    FROM raw.github_files f
    JOIN cfg_github_sources c
        ON c.source_name = f.source_name AND c.dictionary_repo = f.repo_full_name
       AND c.dictionary_path = f.path
    GROUP BY f.source_name, f.repo_full_name, f.path, f.sha
)
SELECT source_name, repo_full_name, path, sha,
       try(decode(from_base64(replace(content, chr(10), '')))) AS text
FROM versions
ORDER BY source_name, repo_full_name, path, sha;
