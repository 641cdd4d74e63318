-- Purpose: launch_on_time_rate: share of the team's launches of the last 365 days that were on
--          time (overdue unlaunched ones count as late), with the GTM-ready share of the
--          launched ones.
-- Grain: one row per team with launches due in the window.
-- Inputs: launch_facts (launch_facts.sql); $as_of.
SELECT team AS entity,
       100.0 * avg(on_time::INTEGER) AS value,
       count(*) AS n_samples,
       min(window_date) AS window_start,
       max(window_date) AS window_end,
       {'gtm_ready_pct': 100.0 * avg(gtm_ready::INTEGER),
        'launches_on_time': count(*) FILTER (WHERE on_time)} AS extras,
       list(launch_id ORDER BY window_date, launch_id) AS evidence,
       list(CASE WHEN on_time THEN 100.0 ELSE 0.0 END ORDER BY window_date, launch_id) AS samples
FROM launch_facts($as_of)
WHERE team IS NOT NULL AND on_time IS NOT NULL
  AND window_date <= CAST($as_of AS DATE) AND window_date > CAST($as_of AS DATE) - 365
GROUP BY team
ORDER BY team;
