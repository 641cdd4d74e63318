-- Issues as BI and the report name them (issue 8): fct_sprint_issues carries keys only.
CREATE TABLE marts.dim_issues (
    source_name     VARCHAR NOT NULL,
    issue_id        BIGINT NOT NULL,
    issue_key       VARCHAR NOT NULL,
    project_key     VARCHAR,
    issue_type      VARCHAR,
    is_subtask      BOOLEAN NOT NULL,
    parent_key      VARCHAR,
    summary         VARCHAR,
    status_category VARCHAR,
    created_at      TIMESTAMP,
    resolved_at     TIMESTAMP,
    PRIMARY KEY (source_name, issue_id)
);
COMMENT ON TABLE marts.dim_issues IS 'One row per Jira issue as it is now: key, type and summary, to name the issues of fct_sprint_issues. Summaries are text typed by people: escape them when rendering HTML.';
COMMENT ON COLUMN marts.dim_issues.source_name IS 'Name of the Jira instance.';
COMMENT ON COLUMN marts.dim_issues.issue_id IS 'Jira issue id (stable across key changes); joins fct_sprint_issues.issue_id.';
COMMENT ON COLUMN marts.dim_issues.issue_key IS 'Issue key as it is now, e.g. PAY-12.';
COMMENT ON COLUMN marts.dim_issues.project_key IS 'Project key, e.g. PAY.';
COMMENT ON COLUMN marts.dim_issues.issue_type IS 'Issue type name as Jira shows it (Story, Bug, Task, Sub-task, ...).';
COMMENT ON COLUMN marts.dim_issues.is_subtask IS 'True for sub-tasks (listed in sprints, never counted).';
COMMENT ON COLUMN marts.dim_issues.parent_key IS 'Key of the parent issue of a sub-task; null otherwise.';
COMMENT ON COLUMN marts.dim_issues.summary IS 'The issue summary as typed in Jira (untrusted text).';
COMMENT ON COLUMN marts.dim_issues.status_category IS 'Jira status category now: new, indeterminate or done.';
COMMENT ON COLUMN marts.dim_issues.created_at IS 'When the issue was created, UTC.';
COMMENT ON COLUMN marts.dim_issues.resolved_at IS 'When it was last resolved, UTC; null when unresolved.';
