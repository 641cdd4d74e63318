-- Purpose: after a sync that read everything, record as deleted in Jira every issue that is
--          live in raw (delivered, never recorded deleted) but was not delivered since that
--          sync started. Runs in the warehouse, so no issue id is held in Python.
-- Grain: one row per issue found deleted.
-- Inputs: raw.jira_issues, raw.jira_issue_deletions; $1 source name, $2 run id,
--         $3 load time, $4 when the sync started (UTC).
INSERT INTO raw.jira_issue_deletions (source_name, run_id, loaded_at, issue_id, issue_key)
SELECT $1, $2, $3, issue_id, any_value(issue_key)
FROM raw.jira_issues
WHERE source_name = $1
  AND issue_id NOT IN (SELECT issue_id FROM raw.jira_issue_deletions WHERE source_name = $1)
GROUP BY issue_id
HAVING max(loaded_at) < $4;
