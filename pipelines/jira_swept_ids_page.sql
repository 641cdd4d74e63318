-- Purpose: one page of an id sweep's issue ids, added to swept_issue_ids.
-- Grain: one row per issue id.
-- Inputs: swept_page (issue_id), registered by pipelines/jira_deletions.py.
INSERT INTO swept_issue_ids SELECT issue_id FROM swept_page;
