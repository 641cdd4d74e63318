-- Purpose: when each canonical process's playbook pages last changed, as seen on the as-of
--          date (commits after it are not seen, so a backfill sees the playbook as it was).
-- Grain: one row per playbook source and process with at least one commit to its pages.
-- Inputs: marts.fct_playbook_processes, marts.fct_document_commits.
CREATE OR REPLACE TEMP MACRO playbook_process_updates(as_of) AS TABLE
WITH pages AS (
    SELECT source_name, repo_full_name, process_id, unnest(document_paths) AS path
    FROM marts.fct_playbook_processes
)
SELECT g.source_name, g.process_id, max(c.committed_at) AS last_at
FROM pages g
JOIN marts.fct_document_commits c
    ON c.source_name = g.source_name AND c.repo_full_name = g.repo_full_name
   AND c.path = g.path
WHERE c.committed_at < CAST(as_of AS DATE) + INTERVAL 1 DAY
GROUP BY g.source_name, g.process_id;
