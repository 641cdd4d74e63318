-- Purpose: every team's and the organisation's level at every as-of date up to the report's,
--          under the report's rule set version (backfills fill it in): the level-over-time charts.
-- Grain: one row per scope, entity and as-of date.
-- Inputs: marts.fct_maturity_assessments; $ruleset_id, $ruleset_version, $as_of.
SELECT scope, entity, as_of_date, level_proven, level_ceiling, is_unclear
FROM marts.fct_maturity_assessments
WHERE ruleset_id = $ruleset_id AND ruleset_version = $ruleset_version
  AND as_of_date <= $as_of
ORDER BY scope = 'organisation', entity, as_of_date;
