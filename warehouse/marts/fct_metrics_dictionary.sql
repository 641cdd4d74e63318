-- Purpose: the organisation's metrics dictionary: whether the configured file exists, the
--          north star and drivers it names (read by warehouse/metrics_dictionary.py into
--          github_dictionary_summaries), and when it last changed.
-- Grain: one row per GitHub source with a metrics_dictionary_path whose repository was found.
-- Inputs: cfg_github_sources, staging.github_repos, staging.github_documents,
--         github_dictionary_summaries.
DELETE FROM marts.fct_metrics_dictionary;
INSERT INTO marts.fct_metrics_dictionary
    (source_name, repo_full_name, path, is_present, format, north_star, drivers, drivers_count,
     has_north_star, first_committed_at, last_changed_at, parse_error, observed_at)
WITH configured AS (
    SELECT c.source_name, c.dictionary_repo AS repo_full_name, c.dictionary_path AS path,
           r.last_seen_at
    FROM cfg_github_sources c
    JOIN staging.github_repos r
        ON r.source_name = c.source_name AND r.repo_full_name = c.dictionary_repo
    WHERE c.dictionary_path IS NOT NULL AND r.is_available
)
SELECT
    c.source_name,
    c.repo_full_name,
    c.path,
    d.path IS NOT NULL AS is_present,
    s.format,
    s.north_star,
    coalesce(s.drivers, []) AS drivers,
    len(coalesce(s.drivers, [])) AS drivers_count,
    s.north_star IS NOT NULL AS has_north_star,
    d.first_commit_at,
    d.last_commit_at,
    CASE WHEN d.path IS NOT NULL THEN coalesce(s.parse_error, CASE WHEN s.sha IS NULL
        THEN 'this version of the file has not been read yet' END) END AS parse_error,
    c.last_seen_at
FROM configured c
LEFT JOIN staging.github_documents d
    ON d.source_name = c.source_name AND d.repo_full_name = c.repo_full_name
   AND d.path = c.path AND d.role = 'dictionary'
LEFT JOIN github_dictionary_summaries s
    ON s.source_name = d.source_name AND s.repo_full_name = d.repo_full_name
   AND s.path = d.path AND s.sha = d.sha;
