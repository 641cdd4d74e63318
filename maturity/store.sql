-- Purpose: replace the assessments (with their criterion results, organisation roll-ups and
--          level stability) of the as-of dates just assessed under this rule set version;
--          other versions' assessments are kept.
-- Grain: marts.fct_maturity_assessments (scope, entity, as-of date, rule set version);
--        marts.fct_criterion_results (the same plus criterion); marts.fct_organisation_rollups
--        (organisation, as-of date, version); marts.fct_level_stability (the same as
--        assessments, plus basis and level).
-- Inputs: assessment_frame, criterion_frame, rollup_frame, stability_frame (store.py).
CREATE OR REPLACE TEMP TABLE assessed AS
SELECT DISTINCT as_of_date, ruleset_id, ruleset_version FROM assessment_frame;
DELETE FROM marts.fct_maturity_assessments a USING assessed n
WHERE a.as_of_date = n.as_of_date AND a.ruleset_id = n.ruleset_id
  AND a.ruleset_version = n.ruleset_version;
DELETE FROM marts.fct_criterion_results r USING assessed n
WHERE r.as_of_date = n.as_of_date AND r.ruleset_id = n.ruleset_id
  AND r.ruleset_version = n.ruleset_version;
DELETE FROM marts.fct_organisation_rollups r USING assessed n
WHERE r.as_of_date = n.as_of_date AND r.ruleset_id = n.ruleset_id
  AND r.ruleset_version = n.ruleset_version;
DELETE FROM marts.fct_level_stability s USING assessed n
WHERE s.as_of_date = n.as_of_date AND s.ruleset_id = n.ruleset_id
  AND s.ruleset_version = n.ruleset_version;
INSERT INTO marts.fct_maturity_assessments BY NAME SELECT * FROM assessment_frame;
INSERT INTO marts.fct_criterion_results BY NAME SELECT * FROM criterion_frame;
INSERT INTO marts.fct_organisation_rollups BY NAME SELECT * FROM rollup_frame;
INSERT INTO marts.fct_level_stability BY NAME SELECT * FROM stability_frame;
DROP TABLE assessed;
