-- Purpose: launch_checklist_coverage: share of the team's launches of the last 180 days that
--          had a readiness checklist.
-- Grain: one row per team with launches in the window.
-- Inputs: launch_facts (launch_facts.sql); $as_of.
SELECT team AS entity,
       100.0 * avg(has_checklist::INTEGER) AS value,
       count(*) AS n_samples,
       min(window_date) AS window_start,
       max(window_date) AS window_end,
       {'launches_with_checklist': count(*) FILTER (WHERE has_checklist)} AS extras,
       list(launch_id ORDER BY window_date, launch_id) AS evidence,
       list(CASE WHEN has_checklist THEN 100.0 ELSE 0.0 END ORDER BY window_date, launch_id)
           AS samples
FROM launch_facts($as_of)
WHERE team IS NOT NULL
  AND window_date <= CAST($as_of AS DATE) AND window_date > CAST($as_of AS DATE) - 180
GROUP BY team
ORDER BY team;
