-- Launch checklists kept in Jira (issue 6, format = "jira"): launch issues and their
-- sub-tasks as delivered, each payload whole, with the launch source's name. Every sync reads
-- a launch source whole and lands it as one snapshot (one transaction): staging reads the
-- newest snapshot of each source, so a launch deleted or moved out of the query drops out.
-- Append-only, like all of raw.

-- One row per snapshot: which Jira source and query it came from, and what it held. A
-- snapshot with no launches still has its row (the source holds none now).
CREATE TABLE raw.jira_launch_loads (
    source_name VARCHAR NOT NULL,        -- the [[sources.launches]] name
    run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    jira_source VARCHAR NOT NULL,        -- the [[sources.jira]] name it was read from
    base_url VARCHAR NOT NULL,           -- that instance's URL (issue links: <base_url>/browse/KEY)
    jql VARCHAR NOT NULL,                -- the launch query as sent
    launches INTEGER NOT NULL, subtasks INTEGER NOT NULL
);

-- One row per issue of a snapshot: launch issues (parent_key null) and their sub-tasks.
CREATE TABLE raw.jira_launch_issues (
    source_name VARCHAR NOT NULL, run_id VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL,
    issue_id BIGINT NOT NULL, issue_key VARCHAR NOT NULL,
    parent_key VARCHAR,                  -- the launch a sub-task belongs to
    payload VARCHAR NOT NULL             -- the issue as the search returned it (JSON)
);
