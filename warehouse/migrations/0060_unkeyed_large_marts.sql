-- The two largest marts lose their PRIMARY KEY (issue 4). Every rebuild replaces all their
-- rows (DELETE, then INSERT); with an ART index behind the key, committing that took 1-2 s
-- at 200,000 issues (the index drops every old key and checks every new one), ten times the
-- insert itself. Uniqueness is still enforced, before every commit: the data-quality gate
-- checks the key (warehouse/quality/suites_marts.py KEYS) and refuses to commit a duplicate.
-- DuckDB cannot drop a constraint in place: each table is copied without it, then renamed.

CREATE TABLE marts.fct_sprint_issues_unkeyed (
    source_name VARCHAR NOT NULL,
    board_id BIGINT NOT NULL,
    sprint_id BIGINT NOT NULL,
    issue_key VARCHAR NOT NULL,
    issue_id BIGINT NOT NULL,
    outcome VARCHAR NOT NULL,
    points_at_start DOUBLE,
    points_at_end DOUBLE,
    entered_at TIMESTAMP NOT NULL,
    left_at TIMESTAMP,
    is_subtask BOOLEAN NOT NULL
);
INSERT INTO marts.fct_sprint_issues_unkeyed BY NAME SELECT * FROM marts.fct_sprint_issues;
DROP TABLE marts.fct_sprint_issues;
ALTER TABLE marts.fct_sprint_issues_unkeyed RENAME TO fct_sprint_issues;
COMMENT ON TABLE marts.fct_sprint_issues IS 'One row per board, sprint and issue that was in the sprint between its start and completion, with its sprint-report outcome.';
COMMENT ON COLUMN marts.fct_sprint_issues.source_name IS 'Name of the Jira instance.';
COMMENT ON COLUMN marts.fct_sprint_issues.board_id IS 'Board whose sprint report this is.';
COMMENT ON COLUMN marts.fct_sprint_issues.sprint_id IS 'Jira sprint id.';
COMMENT ON COLUMN marts.fct_sprint_issues.issue_key IS 'Issue key as it is now (e.g. PAY-12).';
COMMENT ON COLUMN marts.fct_sprint_issues.issue_id IS 'Jira issue id (stable across key changes).';
COMMENT ON COLUMN marts.fct_sprint_issues.outcome IS 'committed_completed, committed_not_completed, committed_removed, added_completed, added_not_completed, added_removed or completed_in_another_sprint.';
COMMENT ON COLUMN marts.fct_sprint_issues.points_at_start IS 'Estimate at the sprint start (committed) or when added.';
COMMENT ON COLUMN marts.fct_sprint_issues.points_at_end IS 'Estimate at completion, or when the issue left the sprint.';
COMMENT ON COLUMN marts.fct_sprint_issues.entered_at IS 'Sprint start for committed issues, else when the issue was added, UTC.';
COMMENT ON COLUMN marts.fct_sprint_issues.left_at IS 'When a removed issue last left the sprint, UTC; null otherwise.';
COMMENT ON COLUMN marts.fct_sprint_issues.is_subtask IS 'Sub-tasks are listed but never counted in sprint figures.';

CREATE TABLE marts.dim_issues_unkeyed (
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
    resolved_at     TIMESTAMP
);
INSERT INTO marts.dim_issues_unkeyed BY NAME SELECT * FROM marts.dim_issues;
DROP TABLE marts.dim_issues;
ALTER TABLE marts.dim_issues_unkeyed RENAME TO dim_issues;
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
