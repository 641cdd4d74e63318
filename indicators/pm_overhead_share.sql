-- Purpose: pm_overhead_share: mean overhead share of the team's complete survey responses of
--          the last 90 days (as-of date included).
-- Grain: one row per team with at least one such response.
-- Inputs: marts.fct_survey_responses; $as_of.
SELECT team AS entity,
       avg(overhead_pct) AS value,
       count(*) AS n_samples,
       min(submitted_at)::DATE AS window_start,
       max(submitted_at)::DATE AS window_end,
       {'overhead_hours': avg(overhead_hours),
        'respondents': count(DISTINCT respondent_hash)} AS extras,
       list(file_path || ':' || row_number ORDER BY submitted_at, file_path, row_number) AS evidence,
       list(overhead_pct ORDER BY submitted_at, file_path, row_number) AS samples
FROM marts.fct_survey_responses
WHERE is_complete AND team IS NOT NULL AND overhead_pct IS NOT NULL
  AND submitted_at < CAST($as_of AS DATE) + INTERVAL 1 DAY
  AND submitted_at >= CAST($as_of AS DATE) - INTERVAL 89 DAY
GROUP BY team
ORDER BY team;
