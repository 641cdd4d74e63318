-- Purpose: customer-feedback items for BI and the feedback indicators.
-- Grain: one row per source and feedback id.
-- Inputs: staging.feedback_items.
DELETE FROM marts.fct_feedback_items;
INSERT INTO marts.fct_feedback_items BY NAME
SELECT source_name, feedback_id, received_date, team, team_as_written, jira_keys, file_path,
       row_number
FROM staging.feedback_items;
