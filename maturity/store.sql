-- Purpose: replace the assessments (and their criterion results) of the as-of dates just
--          assessed under this rule set version; other versions' assessments are kept.
-- Grain: marts.fct_maturity_assessments (scope, entity, as-of date, rule set version);
--        marts.fct_criterion_results (the same plus criterion).
-- Inputs: assessment_frame, criterion_frame (registered by store.py).
DELETE FROM marts.fct_maturity_assessments a
USING (SELECT DISTINCT as_of_date, ruleset_id, ruleset_version FROM assessment_frame) n
WHERE a.as_of_date = n.as_of_date AND a.ruleset_id = n.ruleset_id
  AND a.ruleset_version = n.ruleset_version;
DELETE FROM marts.fct_criterion_results r
USING (SELECT DISTINCT as_of_date, ruleset_id, ruleset_version FROM assessment_frame) n
WHERE r.as_of_date = n.as_of_date AND r.ruleset_id = n.ruleset_id
  AND r.ruleset_version = n.ruleset_version;
INSERT INTO marts.fct_maturity_assessments BY NAME SELECT * FROM assessment_frame;
INSERT INTO marts.fct_criterion_results BY NAME SELECT * FROM criterion_frame;
