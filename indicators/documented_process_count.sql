-- Purpose: documented_process_count: how many of the seven canonical processes the playbook
--          documents with a page updated in the 180 days up to the as-of date (commits after
--          the as-of date are not seen, so a backfill sees the playbook as it was then).
-- Grain: one row (the organisation) while the playbook repository is found; none otherwise.
-- Inputs: marts.fct_playbook_processes, playbook_process_updates (playbook_updates.sql);
--         $as_of.
WITH processes AS (
    SELECT p.process_id, p.process_order, p.observed_at, u.last_at,
           coalesce(date_diff('day', u.last_at::DATE, $as_of::DATE) < 180, false) AS is_current
    FROM marts.fct_playbook_processes p
    LEFT JOIN playbook_process_updates($as_of) u USING (source_name, process_id)
)
SELECT
    'organisation' AS entity,
    sum(is_current::INTEGER) AS value,
    count(*) AS n_samples,
    ($as_of::DATE - INTERVAL 179 DAY)::DATE AS window_start,
    least($as_of::DATE, max(observed_at)::DATE) AS window_end,
    {'documented_processes': count(last_at)} AS extras,
    coalesce(list(process_id ORDER BY process_order) FILTER (WHERE is_current), []) AS evidence,
    list(is_current::INTEGER ORDER BY process_order) AS samples
FROM processes
HAVING count(*) > 0;
