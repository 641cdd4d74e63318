-- File sources (issue 6): PM time-use surveys, launch checklists and outcome metrics, as
-- analysts export them. Raw keeps every accepted row of every file version, typed as read
-- (the file itself is identified by its SHA-256; unmapped columns, which may hold names,
-- e-mails or IP addresses, never land). Append-only: a corrected file is a new version and
-- staging reads only the newest version of each path.

-- One row per file version loaded (a file whose content was loaded before is not loaded again).
CREATE TABLE raw.file_loads (
    source_kind VARCHAR NOT NULL,        -- surveys | launches | outcomes
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    file_path VARCHAR NOT NULL,          -- relative to the config file, / separated
    file_sha256 VARCHAR NOT NULL,
    file_bytes BIGINT NOT NULL,
    file_format VARCHAR NOT NULL,        -- csv | xlsx | yaml | markdown
    layout VARCHAR NOT NULL,             -- qualtrics, per-item, kep, long ...
    encoding VARCHAR, delimiter VARCHAR, header_rows INTEGER,
    rows_read BIGINT NOT NULL, rows_loaded BIGINT NOT NULL, rows_quarantined BIGINT NOT NULL,
    rows_incomplete BIGINT NOT NULL,     -- surveys: partial or unfinished responses (loaded, flagged)
    items_read BIGINT NOT NULL, items_loaded BIGINT NOT NULL, items_quarantined BIGINT NOT NULL,
    column_map JSON                      -- field -> the export's column it was read from
);

CREATE TABLE raw.survey_responses (
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    file_sha256 VARCHAR NOT NULL, row_number INTEGER NOT NULL,
    respondent_hash VARCHAR,             -- HMAC-SHA256 of the identity with the configured salt
    team VARCHAR, wave VARCHAR, submitted_at TIMESTAMP,
    total_hours DOUBLE, meeting_coordination_hours DOUBLE, reporting_hours DOUBLE,
    tool_research_hours DOUBLE, process_design_hours DOUBLE,
    is_complete BOOLEAN NOT NULL, incomplete_reason VARCHAR
);

CREATE TABLE raw.launches (
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    file_sha256 VARCHAR NOT NULL, row_number INTEGER NOT NULL,
    launch_id VARCHAR NOT NULL, launch_name VARCHAR, team VARCHAR,
    planned_date DATE, actual_date DATE, adoption_target DOUBLE, adoption_actual DOUBLE,
    has_checklist BOOLEAN NOT NULL
);

CREATE TABLE raw.launch_items (
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    file_sha256 VARCHAR NOT NULL, row_number INTEGER NOT NULL,
    launch_id VARCHAR NOT NULL, item_position INTEGER NOT NULL, item_depth INTEGER NOT NULL,
    item_name VARCHAR NOT NULL, is_done BOOLEAN NOT NULL, done_date DATE
);

CREATE TABLE raw.outcome_metrics (
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    file_sha256 VARCHAR NOT NULL, row_number INTEGER NOT NULL,
    metric_date DATE NOT NULL, metric VARCHAR NOT NULL, value DOUBLE NOT NULL, team VARCHAR
);

-- Rows refused at load, one row per problem found: where (file, row, column), what (value)
-- and why. Never a raw identity: a respondent appears only as its hash.
CREATE TABLE meta.quarantine (
    run_id VARCHAR NOT NULL,
    quarantined_at TIMESTAMP NOT NULL,
    source_kind VARCHAR NOT NULL,
    source_name VARCHAR NOT NULL,
    file_path VARCHAR NOT NULL,
    file_sha256 VARCHAR NOT NULL,
    row_number INTEGER NOT NULL,
    record_kind VARCHAR NOT NULL,        -- response | launch | item | outcome
    record_key VARCHAR,                  -- launch id, metric, respondent hash
    field VARCHAR,                       -- the field concerned (total_hours, planned_date ...)
    column_name VARCHAR,                 -- the export's column (or YAML key) it was read from
    value VARCHAR,                       -- the offending value as found (hashed for respondents)
    reason VARCHAR NOT NULL,
    expectation_id VARCHAR               -- the check that refused it (meta.expectation_results)
);
COMMENT ON TABLE meta.quarantine IS 'Rows of exported files refused at load, one row per problem: file, row, column, value and reason. rows read = rows loaded + rows quarantined (raw.file_loads).';

CREATE TABLE marts.fct_survey_responses (
    source_name VARCHAR NOT NULL,
    team VARCHAR,
    team_as_written VARCHAR,
    respondent_hash VARCHAR,
    wave_number INTEGER NOT NULL,
    wave_label VARCHAR NOT NULL,
    wave_start_date DATE NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    total_hours DOUBLE,
    meeting_coordination_hours DOUBLE,
    reporting_hours DOUBLE,
    tool_research_hours DOUBLE,
    process_design_hours DOUBLE,
    overhead_hours DOUBLE,
    overhead_pct DOUBLE,
    is_complete BOOLEAN NOT NULL,
    incomplete_reason VARCHAR,
    file_path VARCHAR NOT NULL,
    row_number INTEGER NOT NULL,
    PRIMARY KEY (source_name, file_path, row_number)
);
COMMENT ON TABLE marts.fct_survey_responses IS 'One row per PM time-use survey response (the newest answer of a respondent in a wave), from the newest version of each export file. Only complete responses count in the indicators.';
COMMENT ON COLUMN marts.fct_survey_responses.source_name IS 'Survey source ([[sources.surveys]] name).';
COMMENT ON COLUMN marts.fct_survey_responses.team IS 'Team as configured in [[teams]] (name or alias matched case-insensitively); null when the export names a team not configured.';
COMMENT ON COLUMN marts.fct_survey_responses.team_as_written IS 'The team as the respondent wrote or chose it.';
COMMENT ON COLUMN marts.fct_survey_responses.respondent_hash IS 'HMAC-SHA256 of the respondent identity with MATURITY_RESPONDENT_SALT: pairs a person''s answers across waves, never reveals who. Null for an incomplete response without one.';
COMMENT ON COLUMN marts.fct_survey_responses.wave_number IS 'Survey wave, 1 = the first (baseline), in date order within the source.';
COMMENT ON COLUMN marts.fct_survey_responses.wave_label IS 'The wave as the export names it (a mapped wave column), else the date its answers start.';
COMMENT ON COLUMN marts.fct_survey_responses.wave_start_date IS 'Date of the wave''s first answer. Without a wave column, a new wave starts after a gap of more than wave_gap_days between answers.';
COMMENT ON COLUMN marts.fct_survey_responses.submitted_at IS 'When the response was submitted, UTC where the export gives an offset, else as exported.';
COMMENT ON COLUMN marts.fct_survey_responses.total_hours IS 'Hours worked in the week, as answered.';
COMMENT ON COLUMN marts.fct_survey_responses.meeting_coordination_hours IS 'Hours per week coordinating meetings.';
COMMENT ON COLUMN marts.fct_survey_responses.reporting_hours IS 'Hours per week on reporting.';
COMMENT ON COLUMN marts.fct_survey_responses.tool_research_hours IS 'Hours per week researching tools.';
COMMENT ON COLUMN marts.fct_survey_responses.process_design_hours IS 'Hours per week designing process.';
COMMENT ON COLUMN marts.fct_survey_responses.overhead_hours IS 'Operational overhead: the sum of the four overhead categories (seed 001).';
COMMENT ON COLUMN marts.fct_survey_responses.overhead_pct IS 'overhead_hours / total_hours x 100.';
COMMENT ON COLUMN marts.fct_survey_responses.is_complete IS 'A complete response: finished by the tool''s own flag where it has one, and every mapped answer given. Incomplete responses are kept here and left out of every indicator.';
COMMENT ON COLUMN marts.fct_survey_responses.incomplete_reason IS 'unfinished, preview, test, spam, or unanswered: <fields>; null when complete.';
COMMENT ON COLUMN marts.fct_survey_responses.file_path IS 'Export file the response was read from (relative to the config file).';
COMMENT ON COLUMN marts.fct_survey_responses.row_number IS 'Row of the file (as a spreadsheet numbers it, header rows included).';

CREATE TABLE marts.fct_launches (
    source_name VARCHAR NOT NULL,
    launch_id VARCHAR NOT NULL,
    launch_name VARCHAR,
    team VARCHAR,
    team_as_written VARCHAR,
    planned_date DATE,
    actual_date DATE,
    launch_date DATE,
    is_launched BOOLEAN NOT NULL,
    days_late INTEGER,
    on_time_tolerance_days INTEGER NOT NULL,
    is_on_time BOOLEAN,
    has_checklist BOOLEAN NOT NULL,
    items_total INTEGER NOT NULL,
    items_done INTEGER NOT NULL,
    items_done_by_launch INTEGER NOT NULL,
    is_gtm_ready BOOLEAN,
    adoption_target DOUBLE,
    adoption_actual DOUBLE,
    adoption_due_date DATE,
    is_adoption_hit BOOLEAN,
    is_successful BOOLEAN,
    file_path VARCHAR NOT NULL,
    row_number INTEGER NOT NULL,
    PRIMARY KEY (source_name, launch_id)
);
COMMENT ON TABLE marts.fct_launches IS 'One row per launch (newest version of its export), with its readiness checklist, timing and first-quarter adoption: the launch success rate of seed 001 is on time AND GTM-ready AND adoption target met.';
COMMENT ON COLUMN marts.fct_launches.source_name IS 'Launch source ([[sources.launches]] name).';
COMMENT ON COLUMN marts.fct_launches.launch_id IS 'Launch id as exported (KEP-<n>-<stage> for Kubernetes KEPs).';
COMMENT ON COLUMN marts.fct_launches.launch_name IS 'Launch name.';
COMMENT ON COLUMN marts.fct_launches.team IS 'Team as configured in [[teams]] (name or alias); null when not configured.';
COMMENT ON COLUMN marts.fct_launches.team_as_written IS 'The team as the export names it.';
COMMENT ON COLUMN marts.fct_launches.planned_date IS 'Planned launch date.';
COMMENT ON COLUMN marts.fct_launches.actual_date IS 'Actual launch date; null while not launched.';
COMMENT ON COLUMN marts.fct_launches.launch_date IS 'actual_date, else planned_date: the date that places the launch in an indicator window.';
COMMENT ON COLUMN marts.fct_launches.is_launched IS 'Whether it has an actual launch date.';
COMMENT ON COLUMN marts.fct_launches.days_late IS 'actual_date - planned_date in days (negative: early); null unless both are known.';
COMMENT ON COLUMN marts.fct_launches.on_time_tolerance_days IS 'Days late still counted on time (the source''s on_time_tolerance_days).';
COMMENT ON COLUMN marts.fct_launches.is_on_time IS 'days_late <= on_time_tolerance_days; null unless launched with a planned date.';
COMMENT ON COLUMN marts.fct_launches.has_checklist IS 'Whether the launch had a readiness checklist (at least one item).';
COMMENT ON COLUMN marts.fct_launches.items_total IS 'Checklist items.';
COMMENT ON COLUMN marts.fct_launches.items_done IS 'Items marked done.';
COMMENT ON COLUMN marts.fct_launches.items_done_by_launch IS 'Items done on or before the launch date (an item done without a date counts as done by the launch).';
COMMENT ON COLUMN marts.fct_launches.is_gtm_ready IS 'Fully GTM-ready: a checklist whose every item was done by the launch date; false without a checklist; null while not launched.';
COMMENT ON COLUMN marts.fct_launches.adoption_target IS 'First-quarter adoption target, in the unit the export uses.';
COMMENT ON COLUMN marts.fct_launches.adoption_actual IS 'First-quarter adoption reached.';
COMMENT ON COLUMN marts.fct_launches.adoption_due_date IS 'actual_date + 90 days: when the first quarter''s adoption is known.';
COMMENT ON COLUMN marts.fct_launches.is_adoption_hit IS 'adoption_actual >= adoption_target. False without a target, or when the first quarter ended without an actual; null while the first quarter runs without an actual, or not launched.';
COMMENT ON COLUMN marts.fct_launches.is_successful IS 'On time, GTM-ready and adoption target met (seed 001); null while any of the three is still open.';
COMMENT ON COLUMN marts.fct_launches.file_path IS 'Export file the launch was read from.';
COMMENT ON COLUMN marts.fct_launches.row_number IS 'Row (CSV/XLSX) or line (YAML, Markdown) the launch was read from.';

CREATE TABLE marts.fct_launch_items (
    source_name VARCHAR NOT NULL,
    launch_id VARCHAR NOT NULL,
    team VARCHAR,
    item_position INTEGER NOT NULL,
    item_name VARCHAR NOT NULL,
    item_depth INTEGER NOT NULL,
    is_done BOOLEAN NOT NULL,
    done_date DATE,
    is_done_by_launch BOOLEAN NOT NULL,
    row_number INTEGER NOT NULL,
    PRIMARY KEY (source_name, launch_id, item_position)
);
COMMENT ON TABLE marts.fct_launch_items IS 'One row per readiness checklist item of a launch in marts.fct_launches.';
COMMENT ON COLUMN marts.fct_launch_items.source_name IS 'Launch source.';
COMMENT ON COLUMN marts.fct_launch_items.launch_id IS 'The launch (fct_launches.launch_id).';
COMMENT ON COLUMN marts.fct_launch_items.team IS 'Team of the launch.';
COMMENT ON COLUMN marts.fct_launch_items.item_position IS 'Position of the item in the checklist, from 1.';
COMMENT ON COLUMN marts.fct_launch_items.item_name IS 'The item as written.';
COMMENT ON COLUMN marts.fct_launch_items.item_depth IS 'Nesting: 0 for a top-level item, 1 for an item under it ... (Markdown).';
COMMENT ON COLUMN marts.fct_launch_items.is_done IS 'Whether the item is marked done.';
COMMENT ON COLUMN marts.fct_launch_items.done_date IS 'When it was done, where the export says.';
COMMENT ON COLUMN marts.fct_launch_items.is_done_by_launch IS 'Done on or before the launch date (done without a date counts as done by the launch).';
COMMENT ON COLUMN marts.fct_launch_items.row_number IS 'Row or line the item was read from.';

CREATE TABLE marts.fct_outcome_metrics (
    source_name VARCHAR NOT NULL,
    metric VARCHAR NOT NULL,
    metric_date DATE NOT NULL,
    team VARCHAR,
    team_as_written VARCHAR,
    value DOUBLE NOT NULL,
    file_path VARCHAR NOT NULL,
    row_number INTEGER NOT NULL,
    PRIMARY KEY (source_name, file_path, row_number, metric)
);
COMMENT ON TABLE marts.fct_outcome_metrics IS 'One row per outcome metric observation (NRR, LTV:CAC, AHT or any named metric), date and team; team null means the whole organisation.';
COMMENT ON COLUMN marts.fct_outcome_metrics.source_name IS 'Outcome source ([[sources.outcomes]] name).';
COMMENT ON COLUMN marts.fct_outcome_metrics.metric IS 'Metric name as exported.';
COMMENT ON COLUMN marts.fct_outcome_metrics.metric_date IS 'Date of the observation (a month is its first day).';
COMMENT ON COLUMN marts.fct_outcome_metrics.team IS 'Team as configured; null for organisation-wide figures (or a team not configured, see team_as_written).';
COMMENT ON COLUMN marts.fct_outcome_metrics.team_as_written IS 'The team as the export names it; null when organisation-wide.';
COMMENT ON COLUMN marts.fct_outcome_metrics.value IS 'The value (a trailing % is dropped: 104% is 104).';
COMMENT ON COLUMN marts.fct_outcome_metrics.file_path IS 'Export file it was read from.';
COMMENT ON COLUMN marts.fct_outcome_metrics.row_number IS 'Row of the file.';
