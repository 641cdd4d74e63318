-- Operations (issue 8): how each run ended, for schedulers and BI, and the outcome of every
-- data-quality expectation of every run (Great Expectations, warehouse/quality/).

-- The exit code the command ended with (0 ok, 2 config, 3 source, 4 data quality, 1 other);
-- 'abandoned' runs were killed and have none.
ALTER TABLE meta.runs ADD COLUMN exit_code INTEGER;
COMMENT ON TABLE meta.runs IS 'One row per run of the tool (run, assess, backfill, sync, nightly, demo): written when it starts, completed when it ends. status: running, succeeded, failed, or abandoned (killed: found still running by a later run that could open the warehouse).';
COMMENT ON COLUMN meta.runs.run_id IS 'Run id: UTC start time and a random suffix; the run_id lineage column of every mart row.';
COMMENT ON COLUMN meta.runs.kind IS 'run, assess, backfill, sync, nightly (Prefect), backfill-flow (Prefect), demo.';
COMMENT ON COLUMN meta.runs.started_at IS 'When the run started, UTC.';
COMMENT ON COLUMN meta.runs.finished_at IS 'When it ended, UTC (for an abandoned run: when a later run found it).';
COMMENT ON COLUMN meta.runs.status IS 'running, succeeded, failed or abandoned.';
COMMENT ON COLUMN meta.runs.parameters IS 'The parameters it ran with (as-of dates, full, sync, period).';
COMMENT ON COLUMN meta.runs.error IS 'Why it failed, in words; null when it succeeded.';
COMMENT ON COLUMN meta.runs.row_counts IS 'Rows written per table, the sync summary and the data-quality summary.';
COMMENT ON COLUMN meta.runs.exit_code IS 'Exit code of the command: 0 ok, 1 unexpected, 2 configuration, 3 source, 4 data quality, 5 warehouse busy; null while running or when abandoned.';

-- One row per expectation per run. Written in a transaction of its own when a critical
-- failure rolls the derived tables back, so a failed run still says why.
CREATE TABLE meta.expectation_results (
    run_id            VARCHAR NOT NULL,
    checked_at        TIMESTAMP NOT NULL,
    layer             VARCHAR NOT NULL,
    suite             VARCHAR NOT NULL,
    table_name        VARCHAR NOT NULL,
    expectation_id    VARCHAR NOT NULL,
    expectation_type  VARCHAR NOT NULL,
    columns           VARCHAR[] NOT NULL,
    arguments         JSON,
    severity          VARCHAR NOT NULL,
    is_success        BOOLEAN NOT NULL,
    element_count     BIGINT,
    unexpected_count  BIGINT,
    unexpected_pct    DOUBLE,
    unexpected_sample JSON,
    error             VARCHAR,
    description       VARCHAR NOT NULL,
    PRIMARY KEY (run_id, suite, expectation_id)
);
COMMENT ON TABLE meta.expectation_results IS 'One row per data-quality expectation per run: the Great Expectations suites that guard every staging model and the marts before BI reads them.';
COMMENT ON COLUMN meta.expectation_results.run_id IS 'Run that checked (meta.runs).';
COMMENT ON COLUMN meta.expectation_results.checked_at IS 'When the suite ran, UTC.';
COMMENT ON COLUMN meta.expectation_results.layer IS 'staging (checked right after the models are built) or marts (checked before the run commits).';
COMMENT ON COLUMN meta.expectation_results.suite IS 'Suite name (warehouse/quality/suites_*.py).';
COMMENT ON COLUMN meta.expectation_results.table_name IS 'Table checked, schema.table.';
COMMENT ON COLUMN meta.expectation_results.expectation_id IS 'Stable id of the expectation within its suite, e.g. unique:source_name,issue_id.';
COMMENT ON COLUMN meta.expectation_results.expectation_type IS 'Great Expectations expectation, e.g. expect_compound_columns_to_be_unique.';
COMMENT ON COLUMN meta.expectation_results.columns IS 'Columns the expectation reads.';
COMMENT ON COLUMN meta.expectation_results.arguments IS 'Its arguments (value sets, bounds).';
COMMENT ON COLUMN meta.expectation_results.severity IS 'critical (a failure stops the run before the marts change, exit code 4) or warning (reported, the run goes on).';
COMMENT ON COLUMN meta.expectation_results.is_success IS 'Whether every row met the expectation.';
COMMENT ON COLUMN meta.expectation_results.element_count IS 'Rows checked (every row of the table: nothing is sampled).';
COMMENT ON COLUMN meta.expectation_results.unexpected_count IS 'Rows that failed it.';
COMMENT ON COLUMN meta.expectation_results.unexpected_pct IS 'unexpected_count / element_count x 100.';
COMMENT ON COLUMN meta.expectation_results.unexpected_sample IS 'A few offending values, to start the investigation.';
COMMENT ON COLUMN meta.expectation_results.error IS 'Why the expectation could not be evaluated (counts as a failure); null otherwise.';
COMMENT ON COLUMN meta.expectation_results.description IS 'What the expectation protects, in words.';
