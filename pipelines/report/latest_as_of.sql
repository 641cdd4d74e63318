-- Purpose: the most recent as-of date the organisation was assessed under a rule set: the date
--          the report speaks for unless one is asked for.
-- Grain: one row. Inputs: marts.fct_maturity_assessments; $ruleset_id.
SELECT max(as_of_date) FROM marts.fct_maturity_assessments
WHERE scope = 'organisation' AND ruleset_id = $ruleset_id;
