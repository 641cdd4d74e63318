-- marts.fct_work_items loses its PRIMARY KEY, as the two largest marts did in 0060. Every
-- rebuild replaces all its rows (one per team and issue: 188,000 at 200,000 issues), and the
-- ART index behind the key made the COMMIT of a nightly rebuild take 0.5 s instead of 0.1 s,
-- a tenth of the 5 s the whole rebuild may take (issue 4). The key (team, source_name,
-- issue_id) is still checked before every commit: warehouse/quality/suites_marts.py KEYS.
-- DuckDB cannot drop a constraint in place: the table is copied without it, then renamed.

CREATE TABLE marts.fct_work_items_unkeyed (
    team            VARCHAR NOT NULL,
    source_name     VARCHAR NOT NULL,
    issue_id        BIGINT NOT NULL,
    issue_key       VARCHAR NOT NULL,
    attributed_by   VARCHAR NOT NULL,
    project_key     VARCHAR,
    issue_type      VARCHAR,
    labels          VARCHAR[],
    epic_key        VARCHAR,
    is_discovery    BOOLEAN NOT NULL,
    is_retro_action BOOLEAN NOT NULL,
    is_epic         BOOLEAN NOT NULL,
    status_category VARCHAR,
    created_at      TIMESTAMP,
    resolved_at     TIMESTAMP
);
INSERT INTO marts.fct_work_items_unkeyed BY NAME SELECT * FROM marts.fct_work_items;
DROP TABLE marts.fct_work_items;
ALTER TABLE marts.fct_work_items_unkeyed RENAME TO fct_work_items;
COMMENT ON TABLE marts.fct_work_items IS 'One row per team and Jira issue it owns (sub-tasks and issues deleted in Jira left out), marked as discovery, retro action or epic per [evidence] in maturity.toml.';
COMMENT ON COLUMN marts.fct_work_items.team IS 'Team as configured in [[teams]].';
COMMENT ON COLUMN marts.fct_work_items.source_name IS 'Name of the Jira instance.';
COMMENT ON COLUMN marts.fct_work_items.issue_id IS 'Jira issue id; joins marts.dim_issues.';
COMMENT ON COLUMN marts.fct_work_items.issue_key IS 'Issue key as it is now, e.g. PAY-12.';
COMMENT ON COLUMN marts.fct_work_items.attributed_by IS 'sprint: the issue is in a sprint of one of the team''s boards; project: in no such sprint, but in the project of a board of this team and of no other team.';
COMMENT ON COLUMN marts.fct_work_items.project_key IS 'Project key, e.g. PAY.';
COMMENT ON COLUMN marts.fct_work_items.issue_type IS 'Issue type name as Jira shows it (Story, Bug, Epic, ...).';
COMMENT ON COLUMN marts.fct_work_items.labels IS 'The issue''s labels as they are now.';
COMMENT ON COLUMN marts.fct_work_items.epic_key IS 'Key of the epic the issue belongs to: its parent (Cloud) or its Epic Link (Data Center); null when none.';
COMMENT ON COLUMN marts.fct_work_items.is_discovery IS 'Its type is one of [evidence] discovery_issue_types or it carries one of discovery_labels (case-insensitive).';
COMMENT ON COLUMN marts.fct_work_items.is_retro_action IS 'Its type is one of [evidence] retro_action_issue_types or it carries one of retro_action_labels.';
COMMENT ON COLUMN marts.fct_work_items.is_epic IS 'Its type is one of [evidence] epic_issue_types.';
COMMENT ON COLUMN marts.fct_work_items.status_category IS 'Jira status category now: new, indeterminate or done.';
COMMENT ON COLUMN marts.fct_work_items.created_at IS 'When the issue was created, UTC.';
COMMENT ON COLUMN marts.fct_work_items.resolved_at IS 'When it was last resolved (Jira resolutiondate), UTC; null while unresolved.';
