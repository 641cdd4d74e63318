-- Purpose: the organisation's level and its teams' spread over the as-of dates of a backfill,
--          for the command's output.
-- Grain: one row per as-of date. Inputs: marts.fct_maturity_assessments,
--        marts.fct_organisation_rollups; parameters: dates, ruleset_id, ruleset_version.
SELECT a.as_of_date, a.level_proven, a.level_name,
       [r.teams_proven_level_1, r.teams_proven_level_2, r.teams_proven_level_3,
        r.teams_proven_level_4, r.teams_proven_level_5] AS spread
FROM marts.fct_maturity_assessments a
JOIN marts.fct_organisation_rollups r
  ON r.entity = a.entity AND r.as_of_date = a.as_of_date AND r.ruleset_id = a.ruleset_id
 AND r.ruleset_version = a.ruleset_version
WHERE a.scope = 'organisation' AND a.ruleset_id = $ruleset_id
  AND a.ruleset_version = $ruleset_version AND list_contains($dates, a.as_of_date)
ORDER BY a.as_of_date;
