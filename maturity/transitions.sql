-- Purpose: rebuild marts.fct_level_transitions from every stored assessment: per rule set
--          id and entity, consecutive as-of dates (the most recent run's assessment of each
--          date), kept where level_proven or level_ceiling changed, with the criteria whose
--          status changed and the cause (rule set, indicator, override or evidence).
-- Grain: one row per scope, entity, rule set id and as-of date whose level changed.
-- Inputs: marts.fct_maturity_assessments, marts.fct_criterion_results, meta.runs.
DELETE FROM marts.fct_level_transitions;
INSERT INTO marts.fct_level_transitions BY NAME
WITH latest AS (
    SELECT a.*
    FROM marts.fct_maturity_assessments a
    LEFT JOIN meta.runs r ON r.run_id = a.run_id
    QUALIFY row_number() OVER (
        PARTITION BY a.ruleset_id, a.scope, a.entity, a.as_of_date
        ORDER BY r.started_at DESC NULLS LAST, a.run_id DESC, a.ruleset_version DESC) = 1
),
paired AS (
    SELECT ruleset_id, scope, entity, as_of_date, ruleset_version, ruleset_hash,
           level_proven, level_ceiling, level_proven_raw, level_ceiling_raw,
           lag(as_of_date) OVER w AS previous_as_of_date,
           lag(ruleset_version) OVER w AS previous_ruleset_version,
           lag(ruleset_hash) OVER w AS previous_ruleset_hash,
           lag(level_proven) OVER w AS level_proven_before,
           lag(level_ceiling) OVER w AS level_ceiling_before,
           lag(level_proven_raw) OVER w AS level_proven_raw_before,
           lag(level_ceiling_raw) OVER w AS level_ceiling_raw_before
    FROM latest
    WINDOW w AS (PARTITION BY ruleset_id, scope, entity ORDER BY as_of_date)
),
changed AS (
    SELECT *
    FROM paired
    WHERE previous_as_of_date IS NOT NULL
      AND (level_proven <> level_proven_before OR level_ceiling <> level_ceiling_before)
),
after_rows AS (
    SELECT c.ruleset_id, c.scope, c.entity, c.as_of_date, r.criterion_id, r.status,
           r.raw_status, r.status_reason
    FROM changed c
    JOIN marts.fct_criterion_results r
      ON r.scope = c.scope AND r.entity = c.entity AND r.as_of_date = c.as_of_date
     AND r.ruleset_id = c.ruleset_id AND r.ruleset_version = c.ruleset_version
),
before_rows AS (
    SELECT c.ruleset_id, c.scope, c.entity, c.as_of_date, r.criterion_id, r.status,
           r.raw_status, r.status_reason
    FROM changed c
    JOIN marts.fct_criterion_results r
      ON r.scope = c.scope AND r.entity = c.entity AND r.as_of_date = c.previous_as_of_date
     AND r.ruleset_id = c.ruleset_id AND r.ruleset_version = c.previous_ruleset_version
),
diff AS (
    SELECT coalesce(a.ruleset_id, b.ruleset_id) AS ruleset_id,
           coalesce(a.scope, b.scope) AS scope,
           coalesce(a.entity, b.entity) AS entity,
           coalesce(a.as_of_date, b.as_of_date) AS as_of_date,
           coalesce(a.criterion_id, b.criterion_id) AS criterion_id,
           coalesce(b.status, 'absent') AS status_before,
           coalesce(a.status, 'absent') AS status_after,
           coalesce(a.status_reason, '') IN ('no_source', 'indicator_failed')
               OR coalesce(b.status_reason, '') IN ('no_source', 'indicator_failed')
               AS is_indicator_change
    FROM after_rows a
    FULL JOIN before_rows b
      ON a.ruleset_id = b.ruleset_id AND a.scope = b.scope AND a.entity = b.entity AND a.as_of_date = b.as_of_date
     AND a.criterion_id = b.criterion_id
),
summary AS (
    SELECT ruleset_id, scope, entity, as_of_date,
           string_agg(criterion_id || ': ' || status_before || ' -> ' || status_after, '; '
                      ORDER BY criterion_id) AS changed_criteria,
           list(criterion_id ORDER BY criterion_id) AS changed_criterion_ids,
           bool_or(is_indicator_change) AS has_indicator_change
    FROM diff
    WHERE status_before <> status_after
    GROUP BY ruleset_id, scope, entity, as_of_date
)
SELECT
    c.scope, c.entity, c.ruleset_id, c.previous_as_of_date, c.as_of_date,
    c.previous_ruleset_version, c.ruleset_version,
    c.level_proven_before, c.level_proven AS level_proven_after,
    c.level_ceiling_before, c.level_ceiling AS level_ceiling_after,
    CASE
        WHEN sign(c.level_proven - c.level_proven_before)
             * sign(c.level_ceiling - c.level_ceiling_before) < 0 THEN 'mixed'
        WHEN c.level_proven > c.level_proven_before
             OR (c.level_proven = c.level_proven_before
                 AND c.level_ceiling > c.level_ceiling_before) THEN 'up'
        ELSE 'down'
    END AS direction,
    CASE
        WHEN c.ruleset_hash <> c.previous_ruleset_hash THEN 'rule set'
        WHEN coalesce(s.has_indicator_change, false) THEN 'indicator'
        WHEN c.level_proven_raw = c.level_proven_raw_before
             AND c.level_ceiling_raw = c.level_ceiling_raw_before THEN 'override'
        ELSE 'evidence'
    END AS cause,
    coalesce(
        s.changed_criteria,
        CASE WHEN c.scope = 'organisation' THEN 'levels of its teams changed' ELSE '' END
    ) AS changed_criteria,
    coalesce(s.changed_criterion_ids, []::VARCHAR[]) AS changed_criterion_ids
FROM changed c
LEFT JOIN summary s USING (ruleset_id, scope, entity, as_of_date);
