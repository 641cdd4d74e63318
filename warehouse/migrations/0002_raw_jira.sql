-- Jira as delivered: each payload kept whole, with its source, run and load time.
-- Append-only: a record fetched again is a new row; staging keeps the latest.
-- Payloads are JSON text in VARCHAR columns: DuckDB's JSON type re-validates every payload
-- on insert, which made landing 14x slower; the JSON functions read VARCHAR all the same.
CREATE TABLE raw.jira_server_info (
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    payload VARCHAR NOT NULL
);
CREATE TABLE raw.jira_myself (
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    payload VARCHAR NOT NULL
);
-- One row per field definition of /rest/api/{2,3}/field.
CREATE TABLE raw.jira_fields (
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    payload VARCHAR NOT NULL
);
CREATE TABLE raw.jira_boards (
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    board_id BIGINT NOT NULL, payload VARCHAR NOT NULL
);
CREATE TABLE raw.jira_board_configurations (
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    board_id BIGINT NOT NULL, payload VARCHAR NOT NULL
);
-- One row per sprint *as listed by a board*: a shared sprint appears once per board.
CREATE TABLE raw.jira_sprints (
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    board_id BIGINT NOT NULL, sprint_id BIGINT NOT NULL, payload VARCHAR NOT NULL
);
CREATE TABLE raw.jira_issues (
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    issue_id BIGINT NOT NULL, issue_key VARCHAR NOT NULL, payload VARCHAR NOT NULL
);
-- One row per changelog history (a set of items changed together).
CREATE TABLE raw.jira_changelogs (
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    issue_id BIGINT NOT NULL, history_id BIGINT NOT NULL, payload VARCHAR NOT NULL
);
-- Jira's own sprint report (greenhopper), best effort: http_status says whether it answered.
CREATE TABLE raw.jira_sprint_reports (
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    board_id BIGINT NOT NULL, sprint_id BIGINT NOT NULL, http_status INTEGER NOT NULL,
    payload VARCHAR
);
