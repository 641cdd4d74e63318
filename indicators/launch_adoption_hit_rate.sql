-- Purpose: launch_adoption_hit_rate: share of the team's launches of the last 365 days, whose
--          adoption outcome is known, that met their first-quarter adoption target.
-- Grain: one row per team with such launches.
-- Inputs: launch_facts (launch_facts.sql); $as_of.
SELECT team AS entity,
       100.0 * avg(adoption_hit::INTEGER) AS value,
       count(*) AS n_samples,
       min(window_date) AS window_start,
       max(window_date) AS window_end,
       {'launches_hit': count(*) FILTER (WHERE adoption_hit)} AS extras,
       list(launch_id ORDER BY window_date, launch_id) AS evidence,
       list(CASE WHEN adoption_hit THEN 100.0 ELSE 0.0 END ORDER BY window_date, launch_id)
           AS samples
FROM launch_facts($as_of)
WHERE team IS NOT NULL AND launched AND adoption_hit IS NOT NULL
  AND window_date <= CAST($as_of AS DATE) AND window_date > CAST($as_of AS DATE) - 365
GROUP BY team
ORDER BY team;
