-- Purpose: the per-team table the CLI prints after a run: level, evidence, sprints seen.
-- Grain: one row per team (and the organisation) for one as-of date and rule set version.
-- Inputs: marts.fct_maturity_assessments, marts.fct_indicator_values, marts.fct_sprints.
WITH indicator AS (
    SELECT entity, indicator_id, value, n_samples,
           (details -> '$.extras.iqr')::DOUBLE AS iqr
    FROM marts.fct_indicator_values
    WHERE as_of_date = $as_of AND entity_type = 'team'
),
sprints AS (
    SELECT team, count(*) FILTER (WHERE state = 'closed') AS closed_sprints,
           count(*) AS sprints_seen
    FROM marts.fct_sprints WHERE team IS NOT NULL GROUP BY team
)
SELECT
    a.scope, a.entity, a.level_proven, a.level_ceiling, a.level_name, a.confidence,
    a.is_unclear,
    p.value AS predictability_pct,
    sp.value AS strict_predictability_pct,
    sp.iqr AS strict_predictability_iqr,
    cv.value AS sprint_length_cv,
    ls.value AS late_start_pct,
    coalesce(s.sprints_seen, 0) AS sprints_seen
FROM marts.fct_maturity_assessments a
LEFT JOIN indicator p ON p.entity = a.entity AND p.indicator_id = 'sprint_predictability'
LEFT JOIN indicator sp ON sp.entity = a.entity AND sp.indicator_id = 'strict_sprint_predictability'
LEFT JOIN indicator cv ON cv.entity = a.entity AND cv.indicator_id = 'sprint_length_cv'
LEFT JOIN indicator ls ON ls.entity = a.entity AND ls.indicator_id = 'late_start_rate'
LEFT JOIN sprints s ON s.team = a.entity
WHERE a.as_of_date = $as_of AND a.ruleset_id = $ruleset_id AND a.ruleset_version = $ruleset_version
ORDER BY a.scope = 'organisation', a.entity;
