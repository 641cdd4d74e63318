-- Purpose: record this run's data-quality outcomes; a re-validation in the same run (a derive
--          rebuilt after an indicator failed) replaces its earlier rows, never duplicates them.
-- Grain: meta.expectation_results, one row per run, suite and expectation.
-- Inputs: outcome_frame (registered by store.py).
DELETE FROM meta.expectation_results e USING outcome_frame o
WHERE e.run_id = o.run_id AND e.suite = o.suite AND e.expectation_id = o.expectation_id;
INSERT INTO meta.expectation_results BY NAME
SELECT run_id, checked_at, layer, suite, table_name, expectation_id, expectation_type,
       columns::VARCHAR[] AS columns, arguments::JSON AS arguments, severity, is_success,
       element_count, unexpected_count, unexpected_pct, unexpected_sample::JSON AS unexpected_sample,
       error, description
FROM outcome_frame;
