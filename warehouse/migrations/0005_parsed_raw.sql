-- Raw Jira payloads parsed once (issue 4): raw is append-only, so each raw row is parsed when
-- it first appears and kept typed here; a rebuild parses only what landed since the last one
-- (warehouse/staging/jira_raw_parsed.sql). These staging tables persist between runs; every
-- other staging table is rebuilt. A raw table that lost rows, or a change of parser version,
-- makes the next rebuild parse that raw table again from the start.

-- Replaced: the issues, field history and sprint spells are views now, the changelog items
-- persist (staging is rebuilt on every run: nothing is lost).
DROP TABLE IF EXISTS staging.jira_issues;
DROP TABLE IF EXISTS staging.jira_field_history;
DROP TABLE IF EXISTS staging.jira_sprint_spells;
DROP TABLE IF EXISTS staging.jira_changelog_items;

-- How far each raw table has been parsed: rows up to last_row (rowid), rows_seen of them.
CREATE TABLE staging.raw_parse_watermarks (
    raw_table VARCHAR PRIMARY KEY,
    parser_version INTEGER NOT NULL,
    last_row BIGINT NOT NULL,
    rows_seen BIGINT NOT NULL
);

-- The latest delivery of each issue, typed; custom fields kept as JSON text by field id, so
-- a change of estimate field needs no new parse.
CREATE TABLE staging.jira_issue_payloads (
    source_name VARCHAR NOT NULL,
    issue_id BIGINT NOT NULL,
    issue_key VARCHAR NOT NULL,
    loaded_at TIMESTAMP NOT NULL,
    run_id VARCHAR NOT NULL,
    raw_row BIGINT NOT NULL,
    project_key VARCHAR,
    issue_type VARCHAR,
    is_subtask BOOLEAN NOT NULL,
    parent_key VARCHAR,
    status_id VARCHAR,
    status_category VARCHAR,
    summary VARCHAR,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    resolved_at TIMESTAMP,
    custom_fields MAP(VARCHAR, VARCHAR)
);

-- Every item of the latest delivery of each changelog history, in UTC.
CREATE TABLE staging.jira_changelog_items (
    source_name VARCHAR NOT NULL,
    issue_id BIGINT NOT NULL,
    history_id BIGINT NOT NULL,
    item_seq BIGINT NOT NULL,
    changed_at TIMESTAMP,
    field_name VARCHAR,
    field_type VARCHAR,
    delivered_field_id VARCHAR,
    from_value VARCHAR,
    from_string VARCHAR,
    to_value VARCHAR,
    to_string VARCHAR,
    -- Sorts the changes of an issue: the instant, then the history, then the item within it
    -- (Jira's ids grow with time), so that ties never depend on the order rows arrived in.
    change_key HUGEINT NOT NULL,
    loaded_at TIMESTAMP NOT NULL,
    run_id VARCHAR NOT NULL,
    raw_row BIGINT NOT NULL
);

-- The status changes of each issue again, narrow and numbered in order (change_seq: 1, 2, ...
-- per issue), because the sprint replay reads them for every issue of every sprint.
CREATE TABLE staging.jira_status_changes (
    source_name VARCHAR NOT NULL,
    issue_id BIGINT NOT NULL,
    change_seq INTEGER NOT NULL,
    changed_at TIMESTAMP,
    from_status VARCHAR,
    to_status VARCHAR
);

-- Jira's sprint report per board and sprint: the useful answer (a 200 beats a refusal, then
-- the latest), and the issues it lists with the outcome each list means.
CREATE TABLE staging.jira_sprint_reports (
    source_name VARCHAR NOT NULL,
    board_id BIGINT NOT NULL,
    sprint_id BIGINT NOT NULL,
    http_status INTEGER NOT NULL,
    has_report BOOLEAN NOT NULL,
    loaded_at TIMESTAMP NOT NULL,
    run_id VARCHAR NOT NULL,
    raw_row BIGINT NOT NULL
);
CREATE TABLE staging.jira_sprint_report_issues (
    source_name VARCHAR NOT NULL,
    board_id BIGINT NOT NULL,
    sprint_id BIGINT NOT NULL,
    issue_id BIGINT NOT NULL,
    issue_key VARCHAR,
    outcome VARCHAR NOT NULL,
    points_at_start DOUBLE,
    points_at_end DOUBLE,
    status_id_at_end VARCHAR
);
