-- What BI tools read. Stable names and types; every table and column is described.

CREATE TABLE marts.dim_teams (
    team        VARCHAR NOT NULL,
    source_name VARCHAR NOT NULL,
    board_id    BIGINT NOT NULL,
    board_name  VARCHAR,
    PRIMARY KEY (source_name, board_id)
);
COMMENT ON TABLE marts.dim_teams IS 'One row per Jira board assigned to a team in maturity.toml.';
COMMENT ON COLUMN marts.dim_teams.team IS 'Team name as configured in [[teams]].';
COMMENT ON COLUMN marts.dim_teams.source_name IS 'Name of the Jira instance ([[sources.jira]] name).';
COMMENT ON COLUMN marts.dim_teams.board_id IS 'Jira board id.';
COMMENT ON COLUMN marts.dim_teams.board_name IS 'Board name as Jira shows it.';

CREATE TABLE marts.fct_sprints (
    source_name VARCHAR NOT NULL,
    board_id BIGINT NOT NULL,
    sprint_id BIGINT NOT NULL,
    sprint_name VARCHAR,
    team VARCHAR,
    state VARCHAR NOT NULL,
    started_at TIMESTAMP,
    planned_end_at TIMESTAMP,
    completed_at TIMESTAMP,
    committed_issues INTEGER NOT NULL,
    committed_points DOUBLE NOT NULL,
    committed_estimated_issues INTEGER NOT NULL,
    added_issues INTEGER NOT NULL,
    added_points DOUBLE NOT NULL,
    removed_issues INTEGER NOT NULL,
    removed_points DOUBLE NOT NULL,
    completed_issues INTEGER NOT NULL,
    completed_points DOUBLE NOT NULL,
    completed_committed_issues INTEGER NOT NULL,
    completed_committed_points DOUBLE NOT NULL,
    not_completed_issues INTEGER NOT NULL,
    completed_in_another_sprint_issues INTEGER NOT NULL,
    reestimated_points_delta DOUBLE NOT NULL,
    predictability_pct DOUBLE,
    strict_predictability_pct DOUBLE,
    is_provisional BOOLEAN NOT NULL,
    figures_source VARCHAR NOT NULL,
    is_reconciled BOOLEAN,
    estimate_field_id VARCHAR,
    board_config_valid_from TIMESTAMP,
    PRIMARY KEY (source_name, board_id, sprint_id)
);
COMMENT ON TABLE marts.fct_sprints IS 'One row per board and started sprint, with the figures of Jira''s sprint report, reconstructed from the issue history.';
COMMENT ON COLUMN marts.fct_sprints.source_name IS 'Name of the Jira instance.';
COMMENT ON COLUMN marts.fct_sprints.board_id IS 'Board whose sprint report this is (a shared sprint has one row per board).';
COMMENT ON COLUMN marts.fct_sprints.sprint_id IS 'Jira sprint id.';
COMMENT ON COLUMN marts.fct_sprints.sprint_name IS 'Sprint name as Jira shows it now.';
COMMENT ON COLUMN marts.fct_sprints.team IS 'Team owning the board (maturity.toml), null when no team lists it.';
COMMENT ON COLUMN marts.fct_sprints.state IS 'active or closed.';
COMMENT ON COLUMN marts.fct_sprints.started_at IS 'Actual start, UTC (Data Center: activatedDate when present).';
COMMENT ON COLUMN marts.fct_sprints.planned_end_at IS 'Planned end date, UTC.';
COMMENT ON COLUMN marts.fct_sprints.completed_at IS 'When the sprint was completed, UTC; null while active.';
COMMENT ON COLUMN marts.fct_sprints.committed_issues IS 'Issues in the sprint when it started and not already done (sub-tasks excluded).';
COMMENT ON COLUMN marts.fct_sprints.committed_points IS 'Sum of the committed issues'' estimates at the start.';
COMMENT ON COLUMN marts.fct_sprints.committed_estimated_issues IS 'Committed issues that had an estimate at the start.';
COMMENT ON COLUMN marts.fct_sprints.added_issues IS 'Issues added after the start (scope added), whatever became of them.';
COMMENT ON COLUMN marts.fct_sprints.added_points IS 'Estimates of added issues when they were added.';
COMMENT ON COLUMN marts.fct_sprints.removed_issues IS 'Issues taken out of the sprint before it completed (punted).';
COMMENT ON COLUMN marts.fct_sprints.removed_points IS 'Estimates of removed issues when they left.';
COMMENT ON COLUMN marts.fct_sprints.completed_issues IS 'Issues in the sprint and in the board''s Done column when it completed (committed or added).';
COMMENT ON COLUMN marts.fct_sprints.completed_points IS 'Estimates at completion of the completed issues.';
COMMENT ON COLUMN marts.fct_sprints.completed_committed_issues IS 'Committed issues that were completed.';
COMMENT ON COLUMN marts.fct_sprints.completed_committed_points IS 'Estimates at completion of committed issues that were completed.';
COMMENT ON COLUMN marts.fct_sprints.not_completed_issues IS 'Issues still in the sprint but not done when it completed.';
COMMENT ON COLUMN marts.fct_sprints.completed_in_another_sprint_issues IS 'Issues already done when they entered the sprint; never counted as completed here.';
COMMENT ON COLUMN marts.fct_sprints.reestimated_points_delta IS 'Change in estimates of issues in the sprint between start (or entry) and completion (or exit).';
COMMENT ON COLUMN marts.fct_sprints.predictability_pct IS 'Jira velocity ratio: completed_points / committed_points x 100 (added work counts).';
COMMENT ON COLUMN marts.fct_sprints.strict_predictability_pct IS 'completed_committed_points / committed_points x 100: added work cannot inflate it.';
COMMENT ON COLUMN marts.fct_sprints.is_provisional IS 'True for an active sprint: figures as of the last sync.';
COMMENT ON COLUMN marts.fct_sprints.figures_source IS 'reconstructed (from the issue history) or jira_sprint_report.';
COMMENT ON COLUMN marts.fct_sprints.is_reconciled IS 'Whether the reconstruction agrees with Jira''s sprint report; null where Jira gave none.';
COMMENT ON COLUMN marts.fct_sprints.estimate_field_id IS 'Jira field the points were read from.';
COMMENT ON COLUMN marts.fct_sprints.board_config_valid_from IS 'Which dated board configuration defined Done for this sprint.';

CREATE TABLE marts.fct_sprint_issues (
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
    is_subtask BOOLEAN NOT NULL,
    PRIMARY KEY (source_name, board_id, sprint_id, issue_id)
);
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

CREATE TABLE marts.fct_indicator_values (
    entity_type  VARCHAR NOT NULL,
    entity       VARCHAR NOT NULL,
    indicator_id VARCHAR NOT NULL,
    as_of_date   DATE NOT NULL,
    window_start DATE,
    window_end   DATE,
    value        DOUBLE,
    unit         VARCHAR NOT NULL,
    n_samples    INTEGER NOT NULL,
    details      JSON,
    run_id       VARCHAR NOT NULL,
    PRIMARY KEY (entity_type, entity, indicator_id, as_of_date)
);
COMMENT ON TABLE marts.fct_indicator_values IS 'One row per entity, indicator and as-of date: the evidence the maturity rules read.';
COMMENT ON COLUMN marts.fct_indicator_values.entity_type IS 'team or organisation.';
COMMENT ON COLUMN marts.fct_indicator_values.entity IS 'Team name, or the organisation.';
COMMENT ON COLUMN marts.fct_indicator_values.indicator_id IS 'Indicator id, e.g. sprint_predictability (see the data dictionary).';
COMMENT ON COLUMN marts.fct_indicator_values.as_of_date IS 'The date the evidence window ends.';
COMMENT ON COLUMN marts.fct_indicator_values.window_start IS 'First day of evidence used.';
COMMENT ON COLUMN marts.fct_indicator_values.window_end IS 'Last day of evidence used.';
COMMENT ON COLUMN marts.fct_indicator_values.value IS 'The indicator value in its unit; null when there was no evidence.';
COMMENT ON COLUMN marts.fct_indicator_values.unit IS 'pct, ratio, days, hours, count, ...';
COMMENT ON COLUMN marts.fct_indicator_values.n_samples IS 'How many observations (sprints, launches, answers) the value rests on.';
COMMENT ON COLUMN marts.fct_indicator_values.details IS 'Supporting figures (e.g. interquartile range) and the ids of the evidence rows.';
COMMENT ON COLUMN marts.fct_indicator_values.run_id IS 'Run that computed the value (meta.runs).';

CREATE TABLE marts.fct_maturity_assessments (
    scope           VARCHAR NOT NULL,
    entity          VARCHAR NOT NULL,
    as_of_date      DATE NOT NULL,
    level_proven    INTEGER NOT NULL,
    level_ceiling   INTEGER NOT NULL,
    level_name      VARCHAR NOT NULL,
    confidence      DOUBLE NOT NULL,
    is_unclear      BOOLEAN NOT NULL,
    ruleset_id      VARCHAR NOT NULL,
    ruleset_version VARCHAR NOT NULL,
    ruleset_hash    VARCHAR NOT NULL,
    evidence_hash   VARCHAR NOT NULL,
    run_id          VARCHAR NOT NULL,
    PRIMARY KEY (scope, entity, as_of_date, ruleset_id, ruleset_version)
);
COMMENT ON TABLE marts.fct_maturity_assessments IS 'One row per scope (team or organisation), entity, as-of date and rule set version: the inferred maturity level.';
COMMENT ON COLUMN marts.fct_maturity_assessments.scope IS 'team or organisation.';
COMMENT ON COLUMN marts.fct_maturity_assessments.entity IS 'Team name, or the organisation.';
COMMENT ON COLUMN marts.fct_maturity_assessments.as_of_date IS 'The date the assessment speaks for.';
COMMENT ON COLUMN marts.fct_maturity_assessments.level_proven IS 'Highest level (1-5) whose gating criteria and all below pass on evidence; missing evidence counts as not met.';
COMMENT ON COLUMN marts.fct_maturity_assessments.level_ceiling IS 'Highest level reachable if every criterion without evidence passed; only failures block it.';
COMMENT ON COLUMN marts.fct_maturity_assessments.level_name IS 'Name of level_proven: Ad-Hoc, Emerging, Defined, Managed, Optimizing.';
COMMENT ON COLUMN marts.fct_maturity_assessments.confidence IS 'Share of gating criteria up to the ceiling with a definite (pass/fail) result, 0-1.';
COMMENT ON COLUMN marts.fct_maturity_assessments.is_unclear IS 'True when confidence is below the configured minimum.';
COMMENT ON COLUMN marts.fct_maturity_assessments.ruleset_id IS 'Rule set used, e.g. productops-v1.';
COMMENT ON COLUMN marts.fct_maturity_assessments.ruleset_version IS 'Version of the rule set.';
COMMENT ON COLUMN marts.fct_maturity_assessments.ruleset_hash IS 'SHA-256 of the rule set file: the exact rules applied.';
COMMENT ON COLUMN marts.fct_maturity_assessments.evidence_hash IS 'SHA-256 of the indicator values the assessment read.';
COMMENT ON COLUMN marts.fct_maturity_assessments.run_id IS 'Run that made the assessment (meta.runs).';

CREATE TABLE marts.fct_criterion_results (
    scope           VARCHAR NOT NULL,
    entity          VARCHAR NOT NULL,
    as_of_date      DATE NOT NULL,
    ruleset_id      VARCHAR NOT NULL,
    ruleset_version VARCHAR NOT NULL,
    criterion_id    VARCHAR NOT NULL,
    level           INTEGER NOT NULL,
    indicator_id    VARCHAR NOT NULL,
    status          VARCHAR NOT NULL,
    is_gating       BOOLEAN NOT NULL,
    observed_value  DOUBLE,
    threshold       VARCHAR NOT NULL,
    gap             DOUBLE,
    n_samples       INTEGER NOT NULL,
    window_start    DATE,
    window_end      DATE,
    message         VARCHAR NOT NULL,
    run_id          VARCHAR NOT NULL,
    PRIMARY KEY (scope, entity, as_of_date, ruleset_id, ruleset_version, criterion_id)
);
COMMENT ON TABLE marts.fct_criterion_results IS 'One row per assessment and criterion: the evidence value against its threshold, and the verdict.';
COMMENT ON COLUMN marts.fct_criterion_results.scope IS 'team or organisation.';
COMMENT ON COLUMN marts.fct_criterion_results.entity IS 'Team name, or the organisation.';
COMMENT ON COLUMN marts.fct_criterion_results.as_of_date IS 'The date the assessment speaks for.';
COMMENT ON COLUMN marts.fct_criterion_results.ruleset_id IS 'Rule set used.';
COMMENT ON COLUMN marts.fct_criterion_results.ruleset_version IS 'Version of the rule set.';
COMMENT ON COLUMN marts.fct_criterion_results.criterion_id IS 'Criterion id in the rule set.';
COMMENT ON COLUMN marts.fct_criterion_results.level IS 'Level (2-5) the criterion belongs to.';
COMMENT ON COLUMN marts.fct_criterion_results.indicator_id IS 'Indicator the criterion reads.';
COMMENT ON COLUMN marts.fct_criterion_results.status IS 'pass, fail, insufficient (too little evidence) or unknown (no evidence).';
COMMENT ON COLUMN marts.fct_criterion_results.is_gating IS 'Whether the criterion decides the level (experimental ones are reported only).';
COMMENT ON COLUMN marts.fct_criterion_results.observed_value IS 'The indicator value the criterion saw.';
COMMENT ON COLUMN marts.fct_criterion_results.threshold IS 'The threshold in words, e.g. ">= 80".';
COMMENT ON COLUMN marts.fct_criterion_results.gap IS 'How far the value is from passing, in the indicator''s unit; 0 when it passes.';
COMMENT ON COLUMN marts.fct_criterion_results.n_samples IS 'Observations behind the value.';
COMMENT ON COLUMN marts.fct_criterion_results.window_start IS 'First day of evidence.';
COMMENT ON COLUMN marts.fct_criterion_results.window_end IS 'Last day of evidence.';
COMMENT ON COLUMN marts.fct_criterion_results.message IS 'The verdict in words, with the numbers.';
COMMENT ON COLUMN marts.fct_criterion_results.run_id IS 'Run that made the assessment.';
