-- Sprint figures reconciled with Jira's own sprint report (issue 4).

ALTER TABLE marts.fct_sprints ADD COLUMN sprint_goal VARCHAR;
ALTER TABLE marts.fct_sprints ADD COLUMN differing_issues INTEGER;
COMMENT ON COLUMN marts.fct_sprints.sprint_goal IS 'Sprint goal as Jira shows it now; null or empty when the team set none.';
COMMENT ON COLUMN marts.fct_sprints.differing_issues IS 'Issues whose outcome or estimates differ between Jira''s sprint report and the reconstruction (see fct_sprint_reconciliation); null where Jira gave no report.';
COMMENT ON TABLE marts.fct_sprints IS 'One row per board and started sprint. Figures come from Jira''s own sprint report where Jira gave one (figures_source), else from the reconstruction of the issue history; is_reconciled says whether the two agree issue by issue.';
COMMENT ON COLUMN marts.fct_sprints.figures_source IS 'jira_sprint_report: the figures are Jira''s own sprint report; reconstructed: rebuilt from the issue history because Jira gave no report (403, 404, active sprint, not fetched).';
COMMENT ON COLUMN marts.fct_sprints.is_reconciled IS 'True when the reconstruction agrees with Jira''s sprint report on every issue (outcome and estimates), false when some differ (see fct_sprint_reconciliation), null where Jira gave no report.';

CREATE TABLE marts.fct_sprint_reconciliation (
    source_name VARCHAR NOT NULL,
    board_id BIGINT NOT NULL,
    sprint_id BIGINT NOT NULL,
    issue_id BIGINT NOT NULL,
    issue_key VARCHAR,
    jira_outcome VARCHAR,
    reconstructed_outcome VARCHAR,
    jira_points_at_start DOUBLE,
    reconstructed_points_at_start DOUBLE,
    jira_points_at_end DOUBLE,
    reconstructed_points_at_end DOUBLE,
    differs_in VARCHAR NOT NULL,
    reason_class VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    PRIMARY KEY (source_name, board_id, sprint_id, issue_id)
);
COMMENT ON TABLE marts.fct_sprint_reconciliation IS 'One row per board, sprint and issue on which Jira''s sprint report and the reconstruction from the issue history disagree, with both values and the likely reason. Sprints without a report from Jira have no rows.';
COMMENT ON COLUMN marts.fct_sprint_reconciliation.source_name IS 'Name of the Jira instance.';
COMMENT ON COLUMN marts.fct_sprint_reconciliation.board_id IS 'Board whose sprint report this is.';
COMMENT ON COLUMN marts.fct_sprint_reconciliation.sprint_id IS 'Jira sprint id.';
COMMENT ON COLUMN marts.fct_sprint_reconciliation.issue_id IS 'Jira issue id.';
COMMENT ON COLUMN marts.fct_sprint_reconciliation.issue_key IS 'Issue key (from the warehouse, else as Jira''s report lists it).';
COMMENT ON COLUMN marts.fct_sprint_reconciliation.jira_outcome IS 'Outcome in Jira''s sprint report (same values as fct_sprint_issues.outcome); null when Jira does not list the issue.';
COMMENT ON COLUMN marts.fct_sprint_reconciliation.reconstructed_outcome IS 'Outcome reconstructed from the issue history (fct_sprint_issues.outcome); null when the reconstruction does not place the issue in the sprint.';
COMMENT ON COLUMN marts.fct_sprint_reconciliation.jira_points_at_start IS 'Estimate at the start (or when added) in Jira''s report.';
COMMENT ON COLUMN marts.fct_sprint_reconciliation.reconstructed_points_at_start IS 'Estimate at the start (or when added) in the reconstruction.';
COMMENT ON COLUMN marts.fct_sprint_reconciliation.jira_points_at_end IS 'Estimate at completion (or when removed) in Jira''s report.';
COMMENT ON COLUMN marts.fct_sprint_reconciliation.reconstructed_points_at_end IS 'Estimate at completion (or when removed) in the reconstruction.';
COMMENT ON COLUMN marts.fct_sprint_reconciliation.differs_in IS 'What differs: outcome, points_at_start, points_at_end (comma-separated).';
COMMENT ON COLUMN marts.fct_sprint_reconciliation.reason_class IS 'history_gap (the warehouse lacks the issue or part of its changelog), board_remapped (the board''s Done column changed and the two sides read different configurations), carry_over_timing (the difference sits at the completion instant: a Sprint or status change within 5 minutes of it), or other.';
COMMENT ON COLUMN marts.fct_sprint_reconciliation.reason IS 'The evidence for the reason class, in words.';
