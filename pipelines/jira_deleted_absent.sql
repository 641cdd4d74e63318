-- Purpose: after an id sweep, record as deleted in Jira every issue that is live in raw
--          (delivered, never recorded deleted) but absent from the ids the projects hold now.
-- Grain: one row per issue found deleted.
-- Inputs: raw.jira_issues, raw.jira_issue_deletions, swept_issue_ids (temp: the sweep's ids,
--         page by page); $1 source name, $2 run id, $3 load time.
INSERT INTO raw.jira_issue_deletions (source_name, run_id, loaded_at, issue_id, issue_key)
SELECT $1, $2, $3, issue_id, any_value(issue_key)
FROM raw.jira_issues
WHERE source_name = $1
  AND issue_id NOT IN (SELECT issue_id FROM raw.jira_issue_deletions WHERE source_name = $1)
  AND issue_id NOT IN (SELECT issue_id FROM swept_issue_ids)
GROUP BY issue_id;
