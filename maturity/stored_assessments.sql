-- Purpose: the stored assessments of one as-of date under one rule set id, as the most recent
--          run that assessed that date left them (whatever rule set version it used),
--          optionally for one scope and entity.
-- Grain: one row per scope and entity. Teams first (by name), then the organisation.
-- Inputs: marts.fct_maturity_assessments, meta.runs; $as_of, $ruleset_id, $scope, $entity.
SELECT a.*
FROM marts.fct_maturity_assessments a
LEFT JOIN meta.runs r ON r.run_id = a.run_id
WHERE a.as_of_date = $as_of AND a.ruleset_id = $ruleset_id
  AND ($scope IS NULL OR a.scope = $scope)
  AND ($entity IS NULL OR a.entity = $entity)
QUALIFY row_number() OVER (
    PARTITION BY a.scope, a.entity
    ORDER BY r.started_at DESC NULLS LAST, a.run_id DESC, a.ruleset_version DESC) = 1
ORDER BY a.scope = 'organisation', a.entity;
