-- Purpose: which evidence the assessment lacked because no source is configured, and how many
--          criteria wait on each, for the footer under the levels table.
-- Grain: one row per missing source. Inputs: marts.fct_criterion_results.
SELECT regexp_extract(message, '\(needs (.*)\)$', 1) AS needs, count(DISTINCT criterion_id) AS criteria
FROM marts.fct_criterion_results
WHERE as_of_date = $as_of AND ruleset_id = $ruleset_id AND ruleset_version = $ruleset_version
  AND status = 'unknown' AND message LIKE 'unknown: no source configured%'
GROUP BY needs
ORDER BY criteria DESC, needs;
