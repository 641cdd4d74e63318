-- Purpose: outcome metrics for BI and the outcome trend indicator.
-- Grain: one row per source, metric, date and team (null team: organisation-wide).
-- Inputs: staging.outcome_metrics.
DELETE FROM marts.fct_outcome_metrics;
INSERT INTO marts.fct_outcome_metrics BY NAME
SELECT source_name, metric, metric_date, team, team_as_written, value, file_path, row_number
FROM staging.outcome_metrics;
