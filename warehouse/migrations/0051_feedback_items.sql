-- Customer-feedback exports ([[sources.feedback]]): one row per feedback item, its team and the
-- Jira keys it is linked to. Raw keeps every accepted row of every file version, like the other
-- file sources (0020); staging reads the newest version of each path.
CREATE TABLE raw.feedback_items (
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    file_sha256 VARCHAR NOT NULL, row_number INTEGER NOT NULL,
    feedback_id VARCHAR NOT NULL, received_date DATE NOT NULL, team VARCHAR,
    jira_keys VARCHAR                    -- the keys found in the cell, upper case, comma separated
);

CREATE TABLE marts.fct_feedback_items (
    source_name VARCHAR NOT NULL,
    feedback_id VARCHAR NOT NULL,
    received_date DATE NOT NULL,
    team VARCHAR,
    team_as_written VARCHAR,
    jira_keys VARCHAR[] NOT NULL,
    file_path VARCHAR NOT NULL,
    row_number INTEGER NOT NULL,
    PRIMARY KEY (source_name, feedback_id)
);
COMMENT ON TABLE marts.fct_feedback_items IS 'One row per customer-feedback item of a feedback export: when it came in, for which team, and the Jira epics or issues it is linked to.';
COMMENT ON COLUMN marts.fct_feedback_items.source_name IS 'Feedback source ([[sources.feedback]] name).';
COMMENT ON COLUMN marts.fct_feedback_items.feedback_id IS 'The item''s id in the export (the last file loaded wins when two files list it).';
COMMENT ON COLUMN marts.fct_feedback_items.received_date IS 'When the feedback was received.';
COMMENT ON COLUMN marts.fct_feedback_items.team IS 'Team as configured ([[teams]] name or alias); null when blank or not a configured team (see team_as_written).';
COMMENT ON COLUMN marts.fct_feedback_items.team_as_written IS 'The team as the export names it.';
COMMENT ON COLUMN marts.fct_feedback_items.jira_keys IS 'Jira keys the item is linked to (epics or issues), upper case; empty when none.';
COMMENT ON COLUMN marts.fct_feedback_items.file_path IS 'Export file it was read from.';
COMMENT ON COLUMN marts.fct_feedback_items.row_number IS 'Row of the file.';
