-- The rules layer, issue 5: overrides (raw and adjusted levels), statuses with their reasons,
-- evidence ids, the rule sets applied, the organisation roll-up, level stability and level
-- transitions. Additive only: 0003's tables keep every column they had.

ALTER TABLE marts.fct_maturity_assessments ADD COLUMN level_proven_raw INTEGER;
ALTER TABLE marts.fct_maturity_assessments ADD COLUMN level_ceiling_raw INTEGER;
ALTER TABLE marts.fct_maturity_assessments ADD COLUMN overrides_applied INTEGER;
ALTER TABLE marts.fct_maturity_assessments ADD COLUMN criteria_considered INTEGER;
ALTER TABLE marts.fct_maturity_assessments ADD COLUMN criteria_definite INTEGER;
ALTER TABLE marts.fct_maturity_assessments ADD COLUMN min_confidence DOUBLE;
ALTER TABLE marts.fct_maturity_assessments ADD COLUMN level_proven_probability DOUBLE;
COMMENT ON COLUMN marts.fct_maturity_assessments.level_proven_raw IS 'level_proven without overrides (criteria declared not applicable counted as they were).';
COMMENT ON COLUMN marts.fct_maturity_assessments.level_ceiling_raw IS 'level_ceiling without overrides.';
COMMENT ON COLUMN marts.fct_maturity_assessments.overrides_applied IS 'How many criteria an unexpired override declared not applicable.';
COMMENT ON COLUMN marts.fct_maturity_assessments.criteria_considered IS 'Gating, applicable criteria of the levels up to the ceiling (level 2 at least): the base of confidence. For the organisation, pooled over its teams and its own criteria.';
COMMENT ON COLUMN marts.fct_maturity_assessments.criteria_definite IS 'Of criteria_considered, those with a definite result (pass or fail); confidence = criteria_definite / criteria_considered.';
COMMENT ON COLUMN marts.fct_maturity_assessments.min_confidence IS 'The configured minimum confidence below which the level is unclear.';
COMMENT ON COLUMN marts.fct_maturity_assessments.level_proven_probability IS 'Share of bootstrap resamples of the evidence giving the same level_proven (marts.fct_level_stability); null when stability is off.';

ALTER TABLE marts.fct_criterion_results ADD COLUMN raw_status VARCHAR;
ALTER TABLE marts.fct_criterion_results ADD COLUMN status_reason VARCHAR;
ALTER TABLE marts.fct_criterion_results ADD COLUMN relative_gap DOUBLE;
ALTER TABLE marts.fct_criterion_results ADD COLUMN aggregation VARCHAR;
ALTER TABLE marts.fct_criterion_results ADD COLUMN evidence_window VARCHAR;
ALTER TABLE marts.fct_criterion_results ADD COLUMN evidence_ids VARCHAR[];
ALTER TABLE marts.fct_criterion_results ADD COLUMN override_state VARCHAR;
ALTER TABLE marts.fct_criterion_results ADD COLUMN override_reason VARCHAR;
ALTER TABLE marts.fct_criterion_results ADD COLUMN override_approved_by VARCHAR;
ALTER TABLE marts.fct_criterion_results ADD COLUMN override_expires_date DATE;
COMMENT ON COLUMN marts.fct_criterion_results.status IS 'pass, fail, warn (experimental criterion failing: reported, not gating), not_applicable (override), insufficient (evidence below sufficiency), unknown (no evidence or no source configured) or error (the indicator failed).';
COMMENT ON COLUMN marts.fct_criterion_results.raw_status IS 'The status before overrides (equal to status when no override applied).';
COMMENT ON COLUMN marts.fct_criterion_results.status_reason IS 'Why the status: threshold, no_source (indicator planned, source not configured), no_evidence, too_few_samples, stale, missing_metric, indicator_failed or override.';
COMMENT ON COLUMN marts.fct_criterion_results.relative_gap IS 'gap divided by the threshold: ranks gaps of different units (0 when passing).';
COMMENT ON COLUMN marts.fct_criterion_results.aggregation IS 'How the indicator summarises its samples: median, mean, cv, ratio, min, max, sum, count or latest.';
COMMENT ON COLUMN marts.fct_criterion_results.evidence_window IS 'The window the criterion reads, e.g. last 6 sprints.';
COMMENT ON COLUMN marts.fct_criterion_results.evidence_ids IS 'Ids of the evidence rows behind the value (sprint ids, launch ids ...).';
COMMENT ON COLUMN marts.fct_criterion_results.override_state IS 'applied or expired when an override names this criterion for this entity; null otherwise.';
COMMENT ON COLUMN marts.fct_criterion_results.override_reason IS 'The override''s reason, as configured.';
COMMENT ON COLUMN marts.fct_criterion_results.override_approved_by IS 'Who approved the override.';
COMMENT ON COLUMN marts.fct_criterion_results.override_expires_date IS 'Last day the override holds.';

CREATE TABLE marts.dim_rulesets (
    ruleset_hash    VARCHAR NOT NULL PRIMARY KEY,
    ruleset_id      VARCHAR NOT NULL,
    ruleset_version VARCHAR NOT NULL,
    criteria_count  INTEGER NOT NULL,
    content         VARCHAR NOT NULL,
    first_run_id    VARCHAR NOT NULL
);
COMMENT ON TABLE marts.dim_rulesets IS 'One row per rule set file ever applied (by its SHA-256): the exact YAML, so any stored assessment can be recomputed under its pinned rules.';
COMMENT ON COLUMN marts.dim_rulesets.ruleset_hash IS 'SHA-256 of the rule set file (fct_maturity_assessments.ruleset_hash).';
COMMENT ON COLUMN marts.dim_rulesets.ruleset_id IS 'Rule set id, e.g. productops-v1.';
COMMENT ON COLUMN marts.dim_rulesets.ruleset_version IS 'Version the file declares.';
COMMENT ON COLUMN marts.dim_rulesets.criteria_count IS 'Criteria in the file.';
COMMENT ON COLUMN marts.dim_rulesets.content IS 'The YAML text as applied.';
COMMENT ON COLUMN marts.dim_rulesets.first_run_id IS 'Run that first applied it (meta.runs).';

CREATE TABLE marts.fct_organisation_rollups (
    entity                   VARCHAR NOT NULL,
    as_of_date               DATE NOT NULL,
    ruleset_id               VARCHAR NOT NULL,
    ruleset_version          VARCHAR NOT NULL,
    teams_total              INTEGER NOT NULL,
    teams_with_evidence      INTEGER NOT NULL,
    coverage_pct             DOUBLE NOT NULL,
    teams_unclear            INTEGER NOT NULL,
    teams_proven_level_1     INTEGER NOT NULL,
    teams_proven_level_2     INTEGER NOT NULL,
    teams_proven_level_3     INTEGER NOT NULL,
    teams_proven_level_4     INTEGER NOT NULL,
    teams_proven_level_5     INTEGER NOT NULL,
    teams_ceiling_level_1    INTEGER NOT NULL,
    teams_ceiling_level_2    INTEGER NOT NULL,
    teams_ceiling_level_3    INTEGER NOT NULL,
    teams_ceiling_level_4    INTEGER NOT NULL,
    teams_ceiling_level_5    INTEGER NOT NULL,
    median_level_proven      INTEGER,
    weakest_level_proven     INTEGER,
    weakest_teams            VARCHAR[],
    two_thirds_level_proven  INTEGER NOT NULL,
    two_thirds_level_ceiling INTEGER NOT NULL,
    run_id                   VARCHAR NOT NULL,
    PRIMARY KEY (entity, as_of_date, ruleset_id, ruleset_version)
);
COMMENT ON TABLE marts.fct_organisation_rollups IS 'One row per organisation assessment: how its teams are spread across levels (never an average of levels). The organisation''s own level is in fct_maturity_assessments (scope organisation).';
COMMENT ON COLUMN marts.fct_organisation_rollups.entity IS 'The organisation.';
COMMENT ON COLUMN marts.fct_organisation_rollups.as_of_date IS 'The date the assessment speaks for.';
COMMENT ON COLUMN marts.fct_organisation_rollups.ruleset_id IS 'Rule set used.';
COMMENT ON COLUMN marts.fct_organisation_rollups.ruleset_version IS 'Version of the rule set.';
COMMENT ON COLUMN marts.fct_organisation_rollups.teams_total IS 'Teams configured in maturity.toml.';
COMMENT ON COLUMN marts.fct_organisation_rollups.teams_with_evidence IS 'Teams with at least one gating criterion passed or failed on evidence.';
COMMENT ON COLUMN marts.fct_organisation_rollups.coverage_pct IS 'teams_with_evidence / teams_total x 100.';
COMMENT ON COLUMN marts.fct_organisation_rollups.teams_unclear IS 'Teams whose level is unclear (confidence below the minimum).';
COMMENT ON COLUMN marts.fct_organisation_rollups.teams_proven_level_1 IS 'Teams whose level_proven is 1 (Ad-Hoc).';
COMMENT ON COLUMN marts.fct_organisation_rollups.teams_proven_level_2 IS 'Teams whose level_proven is 2 (Emerging).';
COMMENT ON COLUMN marts.fct_organisation_rollups.teams_proven_level_3 IS 'Teams whose level_proven is 3 (Defined).';
COMMENT ON COLUMN marts.fct_organisation_rollups.teams_proven_level_4 IS 'Teams whose level_proven is 4 (Managed).';
COMMENT ON COLUMN marts.fct_organisation_rollups.teams_proven_level_5 IS 'Teams whose level_proven is 5 (Optimizing).';
COMMENT ON COLUMN marts.fct_organisation_rollups.teams_ceiling_level_1 IS 'Teams whose level_ceiling is 1.';
COMMENT ON COLUMN marts.fct_organisation_rollups.teams_ceiling_level_2 IS 'Teams whose level_ceiling is 2.';
COMMENT ON COLUMN marts.fct_organisation_rollups.teams_ceiling_level_3 IS 'Teams whose level_ceiling is 3.';
COMMENT ON COLUMN marts.fct_organisation_rollups.teams_ceiling_level_4 IS 'Teams whose level_ceiling is 4.';
COMMENT ON COLUMN marts.fct_organisation_rollups.teams_ceiling_level_5 IS 'Teams whose level_ceiling is 5.';
COMMENT ON COLUMN marts.fct_organisation_rollups.median_level_proven IS 'Median of the teams'' level_proven (the lower one of two middle teams).';
COMMENT ON COLUMN marts.fct_organisation_rollups.weakest_level_proven IS 'Lowest level_proven of any team.';
COMMENT ON COLUMN marts.fct_organisation_rollups.weakest_teams IS 'The teams at weakest_level_proven.';
COMMENT ON COLUMN marts.fct_organisation_rollups.two_thirds_level_proven IS 'Highest level_proven at least two thirds of teams reach (before organisation-wide criteria).';
COMMENT ON COLUMN marts.fct_organisation_rollups.two_thirds_level_ceiling IS 'Highest level_ceiling at least two thirds of teams reach.';
COMMENT ON COLUMN marts.fct_organisation_rollups.run_id IS 'Run that made the assessment (meta.runs).';

CREATE TABLE marts.fct_level_stability (
    scope                VARCHAR NOT NULL,
    entity               VARCHAR NOT NULL,
    as_of_date           DATE NOT NULL,
    ruleset_id           VARCHAR NOT NULL,
    ruleset_version      VARCHAR NOT NULL,
    basis                VARCHAR NOT NULL,
    level                INTEGER NOT NULL,
    probability          DOUBLE NOT NULL,
    n_resamples          INTEGER NOT NULL,
    seed                 BIGINT NOT NULL,
    resampled_indicators VARCHAR[],
    run_id               VARCHAR NOT NULL,
    PRIMARY KEY (scope, entity, as_of_date, ruleset_id, ruleset_version, basis, level)
);
COMMENT ON TABLE marts.fct_level_stability IS 'One row per assessment, basis (proven or ceiling) and level 1-5: the probability of that level when the evidence samples (sprints, launches, answers) are resampled.';
COMMENT ON COLUMN marts.fct_level_stability.scope IS 'team or organisation.';
COMMENT ON COLUMN marts.fct_level_stability.entity IS 'Team name, or the organisation.';
COMMENT ON COLUMN marts.fct_level_stability.as_of_date IS 'The date the assessment speaks for.';
COMMENT ON COLUMN marts.fct_level_stability.ruleset_id IS 'Rule set used.';
COMMENT ON COLUMN marts.fct_level_stability.ruleset_version IS 'Version of the rule set.';
COMMENT ON COLUMN marts.fct_level_stability.basis IS 'proven (level_proven) or ceiling (level_ceiling).';
COMMENT ON COLUMN marts.fct_level_stability.level IS 'Level 1-5.';
COMMENT ON COLUMN marts.fct_level_stability.probability IS 'Share of resamples giving this level, 0-1.';
COMMENT ON COLUMN marts.fct_level_stability.n_resamples IS 'Bootstrap resamples drawn ([assessment] stability_resamples).';
COMMENT ON COLUMN marts.fct_level_stability.seed IS 'Seed of the resampling ([assessment] stability_seed): same seed, same probabilities.';
COMMENT ON COLUMN marts.fct_level_stability.resampled_indicators IS 'Indicators whose samples were resampled; the others were held as observed.';
COMMENT ON COLUMN marts.fct_level_stability.run_id IS 'Run that made the assessment.';

CREATE TABLE marts.fct_level_transitions (
    scope                    VARCHAR NOT NULL,
    entity                   VARCHAR NOT NULL,
    ruleset_id               VARCHAR NOT NULL,
    previous_as_of_date      DATE NOT NULL,
    as_of_date               DATE NOT NULL,
    previous_ruleset_version VARCHAR NOT NULL,
    ruleset_version          VARCHAR NOT NULL,
    level_proven_before      INTEGER NOT NULL,
    level_proven_after       INTEGER NOT NULL,
    level_ceiling_before     INTEGER NOT NULL,
    level_ceiling_after      INTEGER NOT NULL,
    direction                VARCHAR NOT NULL,
    cause                    VARCHAR NOT NULL,
    changed_criteria         VARCHAR NOT NULL,
    changed_criterion_ids    VARCHAR[] NOT NULL,
    PRIMARY KEY (scope, entity, ruleset_id, as_of_date)
);
COMMENT ON TABLE marts.fct_level_transitions IS 'One row per change of level_proven or level_ceiling between consecutive assessments of an entity under a rule set id, with the criteria whose status changed and the cause. Rebuilt from the stored assessments after every assessment.';
COMMENT ON COLUMN marts.fct_level_transitions.scope IS 'team or organisation.';
COMMENT ON COLUMN marts.fct_level_transitions.entity IS 'Team name, or the organisation.';
COMMENT ON COLUMN marts.fct_level_transitions.ruleset_id IS 'Rule set id both assessments were made under.';
COMMENT ON COLUMN marts.fct_level_transitions.previous_as_of_date IS 'As-of date of the assessment before the change.';
COMMENT ON COLUMN marts.fct_level_transitions.as_of_date IS 'As-of date of the first assessment with the new level.';
COMMENT ON COLUMN marts.fct_level_transitions.previous_ruleset_version IS 'Rule set version of the assessment before.';
COMMENT ON COLUMN marts.fct_level_transitions.ruleset_version IS 'Rule set version of the assessment after.';
COMMENT ON COLUMN marts.fct_level_transitions.level_proven_before IS 'level_proven before the change.';
COMMENT ON COLUMN marts.fct_level_transitions.level_proven_after IS 'level_proven after the change.';
COMMENT ON COLUMN marts.fct_level_transitions.level_ceiling_before IS 'level_ceiling before the change.';
COMMENT ON COLUMN marts.fct_level_transitions.level_ceiling_after IS 'level_ceiling after the change.';
COMMENT ON COLUMN marts.fct_level_transitions.direction IS 'up, down or mixed (proven and ceiling moved in opposite directions), judged on level_proven first.';
COMMENT ON COLUMN marts.fct_level_transitions.cause IS 'rule set (the rule set file changed), indicator (an indicator became available, stopped or failed), override (only overrides changed) or evidence (the indicator values changed).';
COMMENT ON COLUMN marts.fct_level_transitions.changed_criteria IS 'The criteria whose status changed, e.g. "planning_without_delays: fail -> pass".';
COMMENT ON COLUMN marts.fct_level_transitions.changed_criterion_ids IS 'Ids of the criteria whose status changed.';
