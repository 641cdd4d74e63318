-- Issues found deleted in Jira by the periodic id sweep. Append-only like all of raw:
-- nothing is removed from raw.jira_issues; staging marks these issues deleted.
CREATE TABLE raw.jira_issue_deletions (
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    issue_id BIGINT NOT NULL, issue_key VARCHAR NOT NULL
);
