-- The four layers as schemas, and the run ledger.
CREATE SCHEMA IF NOT EXISTS raw;
CREATE SCHEMA IF NOT EXISTS staging;
CREATE SCHEMA IF NOT EXISTS marts;
CREATE SCHEMA IF NOT EXISTS meta;

-- One row per run of the tool (run, backfill, demo); written at start, completed at the end.
CREATE TABLE meta.runs (
    run_id      VARCHAR PRIMARY KEY,
    kind        VARCHAR NOT NULL,          -- run | backfill | sync | demo
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    status      VARCHAR NOT NULL,          -- running | succeeded | failed
    parameters  JSON,
    error       VARCHAR,
    row_counts  JSON
);

-- How far each source's sync got: the cursor of the last committed page, and the
-- watermark the next incremental sync starts from (moved only when a sync finished).
CREATE TABLE meta.sync_state (
    source_name VARCHAR NOT NULL,
    stream      VARCHAR NOT NULL,
    cursor      JSON,
    watermark   TIMESTAMP,
    updated_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (source_name, stream)
);
