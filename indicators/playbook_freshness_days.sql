-- Purpose: playbook_freshness_days: days since the stalest documented canonical process was
--          last updated (newest commit on or before the as-of date of the pages documenting it).
-- Grain: one row (the organisation) while the playbook documents at least one process.
-- Inputs: marts.fct_playbook_processes, marts.fct_document_commits; $as_of.
WITH pages AS (
    SELECT source_name, repo_full_name, process_id, unnest(document_paths) AS path
    FROM marts.fct_playbook_processes
),
updates AS (
    SELECT g.source_name, g.process_id, max(c.committed_at) AS last_at
    FROM pages g
    JOIN marts.fct_document_commits c
        ON c.source_name = g.source_name AND c.repo_full_name = g.repo_full_name
       AND c.path = g.path
    WHERE c.committed_at < $as_of::DATE + INTERVAL 1 DAY
    GROUP BY g.source_name, g.process_id
),
documented AS (
    SELECT p.process_id, p.process_order, p.observed_at, u.last_at,
           date_diff('day', u.last_at::DATE, $as_of::DATE) AS age_days
    FROM marts.fct_playbook_processes p
    JOIN updates u USING (source_name, process_id)
)
SELECT
    'organisation' AS entity,
    max(age_days) AS value,
    count(*) AS n_samples,
    min(last_at)::DATE AS window_start,
    least($as_of::DATE, max(observed_at)::DATE) AS window_end,
    {'newest_days': min(age_days), 'median_days': median(age_days)} AS extras,
    list(process_id ORDER BY age_days DESC, process_order) AS evidence,
    list(age_days ORDER BY process_order) AS samples
FROM documented
HAVING count(*) > 0;
