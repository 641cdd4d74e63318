-- Purpose: retro_actions_completed_30d: share of a team's retro action items, created in the
--          180 days that end 30 days before the as-of date, resolved within 30 days.
-- Grain: one row per team with retro action items in the window.
-- Inputs: marts.fct_work_items; $as_of.
WITH items AS (
    SELECT team, issue_key, created_at, resolved_at,
           coalesce(resolved_at <= created_at + INTERVAL 30 DAY, false) AS in_time
    FROM marts.fct_work_items
    WHERE is_retro_action
      AND created_at < CAST($as_of AS DATE) + INTERVAL 1 DAY - INTERVAL 30 DAY
      AND created_at >= CAST($as_of AS DATE) + INTERVAL 1 DAY - INTERVAL 210 DAY
)
SELECT
    team AS entity,
    100.0 * avg(in_time::INTEGER) AS value,
    count(*) AS n_samples,
    min(created_at)::DATE AS window_start,
    max(created_at)::DATE AS window_end,
    {'completed_in_30_days': count(*) FILTER (WHERE in_time),
     'still_open': count(*) FILTER (WHERE resolved_at IS NULL)} AS extras,
    coalesce(list(issue_key ORDER BY created_at, issue_key) FILTER (WHERE NOT in_time), [])
        AS evidence,
    list(CASE WHEN in_time THEN 100.0 ELSE 0.0 END ORDER BY created_at, issue_key) AS samples
FROM items
GROUP BY team
ORDER BY team;
