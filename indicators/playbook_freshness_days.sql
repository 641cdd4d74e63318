-- Purpose: playbook_freshness_days: days since the stalest documented canonical process was
--          last updated (newest commit on or before the as-of date of the pages documenting it).
-- Grain: one row (the organisation) while the playbook documents at least one process.
-- Inputs: marts.fct_playbook_processes, playbook_process_updates (playbook_updates.sql);
--         $as_of.
WITH documented AS (
    SELECT p.process_id, p.process_order, p.observed_at, u.last_at,
           date_diff('day', u.last_at::DATE, $as_of::DATE) AS age_days
    FROM marts.fct_playbook_processes p
    JOIN playbook_process_updates($as_of) u USING (source_name, process_id)
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
