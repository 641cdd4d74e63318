-- Purpose: launch_success_rate: share of the launches of the last 365 days, whose outcomes
--          are known, that were on time, fully GTM-ready and met their first-quarter adoption
--          target; and its change on the 365 days before, in percentage points.
-- Grain: one row per team with decided launches in either year, and one for the organisation
--        (every launch, also those of no configured team), by grouping sets.
-- Inputs: launch_facts (launch_facts.sql); $as_of.
WITH decided AS (
    SELECT team, launch_id, window_date,
           on_time AND gtm_ready AND adoption_hit AS succeeded,
           window_date > CAST($as_of AS DATE) - 365 AS is_this_year
    FROM launch_facts($as_of)
    WHERE launched AND on_time IS NOT NULL AND gtm_ready IS NOT NULL
      AND adoption_hit IS NOT NULL
      AND window_date <= CAST($as_of AS DATE) AND window_date > CAST($as_of AS DATE) - 730
)
SELECT CASE WHEN grouping(team) = 1 THEN 'organisation' ELSE 'team' END AS entity_type,
       CASE WHEN grouping(team) = 1 THEN 'organisation' ELSE team END AS entity,
       100.0 * avg(succeeded::INTEGER) FILTER (WHERE is_this_year) AS value,
       count(*) FILTER (WHERE is_this_year) AS n_samples,
       min(window_date) FILTER (WHERE is_this_year) AS window_start,
       max(window_date) FILTER (WHERE is_this_year) AS window_end,
       {'yoy_change_points': 100.0 * avg(succeeded::INTEGER) FILTER (WHERE is_this_year)
                             - 100.0 * avg(succeeded::INTEGER) FILTER (WHERE NOT is_this_year),
        'previous_year_pct': 100.0 * avg(succeeded::INTEGER) FILTER (WHERE NOT is_this_year),
        'previous_year_launches': count(*) FILTER (WHERE NOT is_this_year)} AS extras,
       coalesce(list(launch_id ORDER BY window_date, launch_id) FILTER (WHERE is_this_year), [])
           AS evidence,
       coalesce(list(CASE WHEN succeeded THEN 100.0 ELSE 0.0 END ORDER BY window_date, launch_id)
           FILTER (WHERE is_this_year), []) AS samples
FROM decided
GROUP BY GROUPING SETS ((team), ())
HAVING grouping(team) = 1 OR team IS NOT NULL
ORDER BY entity_type DESC, entity;
