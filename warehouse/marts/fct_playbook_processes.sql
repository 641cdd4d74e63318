-- Purpose: which of the seven canonical processes the organisation's playbook documents: a
--          Markdown page of the playbook documents a process when its file name (without the
--          extension) or one of its headings (levels 1-3) matches the process's pattern
--          (case-insensitive regular expressions, configurable per process), and when the
--          process was last updated (the newest commit of the pages that document it).
-- Grain: one row per GitHub source with a playbook and canonical process; none while the
--        playbook repository has not been found (never read, or 404).
-- Inputs: cfg_github_sources, cfg_github_process_patterns, staging.github_documents,
--         staging.github_repos.
DELETE FROM marts.fct_playbook_processes;
INSERT INTO marts.fct_playbook_processes
    (source_name, repo_full_name, process_id, process_name, process_order, is_documented,
     matched_by, document_paths, matched_headings, first_documented_at, last_updated_at,
     observed_at)
WITH playbooks AS (
    SELECT c.source_name, c.playbook_repo AS repo_full_name, r.last_seen_at
    FROM cfg_github_sources c
    JOIN staging.github_repos r
        ON r.source_name = c.source_name AND r.repo_full_name = c.playbook_repo
    WHERE r.is_available
),
pages AS (
    SELECT d.*, parse_filename(d.path, true) AS file_stem
    FROM staging.github_documents d
    JOIN playbooks p USING (source_name, repo_full_name)
    WHERE d.role = 'playbook'
),
by_name AS (
    SELECT p.source_name, p.process_id, g.path, NULL::VARCHAR AS heading
    FROM cfg_github_process_patterns p
    JOIN pages g ON g.source_name = p.source_name
    WHERE p.file_pattern IS NOT NULL AND regexp_matches(g.file_stem, p.file_pattern, 'i')
),
by_heading AS (
    SELECT p.source_name, p.process_id, g.path, h.heading
    FROM cfg_github_process_patterns p
    JOIN pages g ON g.source_name = p.source_name
    CROSS JOIN unnest(g.headings) AS h(heading)
    WHERE p.heading_pattern IS NOT NULL AND regexp_matches(h.heading, p.heading_pattern, 'i')
),
matches AS (
    SELECT m.*, g.first_commit_at, g.last_commit_at
    FROM (SELECT *, 'file_name' AS how FROM by_name
          UNION ALL SELECT *, 'heading' AS how FROM by_heading) m
    JOIN pages g USING (source_name, path)
)
SELECT
    p.source_name,
    b.repo_full_name,
    p.process_id,
    p.process_name,
    p.process_order,
    count(m.path) > 0 AS is_documented,
    nullif(array_to_string(list_sort(list(DISTINCT m.how)), '+'), '') AS matched_by,
    coalesce(list_sort(list(DISTINCT m.path) FILTER (WHERE m.path IS NOT NULL)), [])
        AS document_paths,
    coalesce(list_sort(list(DISTINCT m.heading) FILTER (WHERE m.heading IS NOT NULL)), [])
        AS matched_headings,
    min(m.first_commit_at) AS first_documented_at,
    max(m.last_commit_at) AS last_updated_at,
    b.last_seen_at AS observed_at
FROM cfg_github_process_patterns p
JOIN playbooks b USING (source_name)
LEFT JOIN matches m USING (source_name, process_id)
GROUP BY p.source_name, b.repo_full_name, p.process_id, p.process_name, p.process_order,
         b.last_seen_at;
