-- Purpose: every Jira issue as it is now, with the words people gave it (summary), so BI and
--          the report can name the issues behind a sprint figure.
-- Grain: one row per source and issue.
-- Inputs: staging.jira_issues.
DELETE FROM marts.dim_issues;
INSERT INTO marts.dim_issues BY NAME
SELECT source_name, issue_id, issue_key, project_key, issue_type, is_subtask, parent_key,
       summary, status_category, created_at, resolved_at
FROM staging.jira_issues;
