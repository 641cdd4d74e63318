-- Purpose: launch_readiness_rate: share of the team's launches of the last 365 days that were
--          fully GTM-ready when they launched.
-- Grain: one row per team with launches launched in the window.
-- Inputs: launch_facts (launch_facts.sql); $as_of.
SELECT team AS entity,
       100.0 * avg(gtm_ready::INTEGER) AS value,
       count(*) AS n_samples,
       min(window_date) AS window_start,
       max(window_date) AS window_end,
       {'launches_ready': count(*) FILTER (WHERE gtm_ready)} AS extras,
       list(launch_id ORDER BY window_date, launch_id) AS evidence,
       list(CASE WHEN gtm_ready THEN 100.0 ELSE 0.0 END ORDER BY window_date, launch_id) AS samples
FROM launch_facts($as_of)
WHERE team IS NOT NULL AND launched AND gtm_ready IS NOT NULL
  AND window_date <= CAST($as_of AS DATE) AND window_date > CAST($as_of AS DATE) - 365
GROUP BY team
ORDER BY team;
