-- Purpose: the issue ids an id sweep found, collected page by page (so that no id list of
--          the whole organisation is held in Python), for jira_deleted_absent.sql.
-- Grain: one row per issue id Jira holds now.
-- Inputs: none (connection-local temp table, filled from the sweep's pages).
CREATE OR REPLACE TEMP TABLE swept_issue_ids (issue_id BIGINT NOT NULL);
