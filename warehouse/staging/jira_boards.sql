-- Purpose: boards, their dated configurations (what "done" meant when), the sprints each lists,
--          and the fields whose history the sprint reconstruction replays.
-- Grain: jira_boards: source, board. jira_board_configs: source, board, configuration version.
--        jira_board_sprints: source, board, sprint (a shared sprint appears under every board).
--        jira_sprints: source, sprint. jira_tracked_fields: source, field.
--        jira_sprint_windows (a view): source, board, started sprint.
-- Inputs: raw.jira_boards, raw.jira_board_configurations, raw.jira_sprints, staging.jira_sources.
CREATE OR REPLACE TABLE staging.jira_boards AS
SELECT source_name, board_id, payload ->> '$.name' AS board_name,
       payload ->> '$.location.projectKey' AS project_key
FROM raw.jira_boards
QUALIFY row_number() OVER (PARTITION BY source_name, board_id ORDER BY loaded_at DESC, run_id DESC) = 1;

CREATE OR REPLACE TABLE staging.jira_board_configs AS
WITH loads AS (
    SELECT source_name, board_id, loaded_at, payload, md5(payload::VARCHAR) AS content_hash
    FROM raw.jira_board_configurations
),
versions AS (
    SELECT *, lag(content_hash) OVER (
        PARTITION BY source_name, board_id ORDER BY loaded_at) AS previous_hash
    FROM loads
    QUALIFY previous_hash IS NULL OR previous_hash <> content_hash
),
columns AS (
    SELECT *, list_filter(
        from_json(payload -> '$.columnConfig.columns', '[{"name": "VARCHAR", "statuses": [{"id": "VARCHAR"}]}]'),
        lambda c: len(c.statuses) > 0) AS status_columns
    FROM versions
)
SELECT
    c.source_name,
    c.board_id,
    c.loaded_at AS observed_at,
    -- The first configuration we saw stands in for the time before we looked.
    CASE WHEN row_number() OVER w = 1 THEN TIMESTAMP '1970-01-01' ELSE c.loaded_at END AS valid_from,
    coalesce(lead(c.loaded_at) OVER w, TIMESTAMP '9999-12-31') AS valid_to,
    list_transform(c.status_columns[-1].statuses, lambda s: s.id) AS done_status_ids,
    c.status_columns[-1].name AS done_column_name,
    coalesce(
        nullif(s.configured_estimate_field, 'auto'),
        c.payload ->> '$.estimation.field.fieldId',
        s.discovered_estimate_field
    ) AS estimate_field_id
FROM columns c
JOIN staging.jira_sources s USING (source_name)
WINDOW w AS (PARTITION BY c.source_name, c.board_id ORDER BY c.loaded_at);

CREATE OR REPLACE TABLE staging.jira_sprints AS
SELECT
    source_name,
    sprint_id,
    payload ->> '$.name' AS sprint_name,
    payload ->> '$.state' AS state,
    -- Data Center's activatedDate is the actual start when it differs from the planned one.
    (coalesce(payload ->> '$.activatedDate', payload ->> '$.startDate'))::TIMESTAMPTZ
        AT TIME ZONE 'UTC' AS started_at,
    (payload ->> '$.endDate')::TIMESTAMPTZ AT TIME ZONE 'UTC' AS planned_end_at,
    (payload ->> '$.completeDate')::TIMESTAMPTZ AT TIME ZONE 'UTC' AS completed_at,
    (payload ->> '$.originBoardId')::BIGINT AS origin_board_id,
    payload ->> '$.goal' AS goal
FROM raw.jira_sprints
QUALIFY row_number() OVER (PARTITION BY source_name, sprint_id ORDER BY loaded_at DESC, run_id DESC) = 1;

CREATE OR REPLACE TABLE staging.jira_board_sprints AS
SELECT DISTINCT source_name, board_id, sprint_id FROM raw.jira_sprints;

-- Every started sprint as each board that lists it reports it (JIRA.md): T0 the actual start;
-- T1 its completion or, for an active sprint, the last sync (its figures are provisional);
-- and the board configuration valid at T1 (what Done meant, which field held the estimate).
-- The reconstruction (marts.fct_sprint_issues) and the sprint figures (marts.fct_sprints)
-- both read this, so they never disagree on which sprints count or which configuration
-- applies. A view: a few thousand rows, computed where it is read.
CREATE OR REPLACE VIEW staging.jira_sprint_windows AS
SELECT bs.source_name, bs.board_id, bs.sprint_id, s.sprint_name, s.state, s.started_at,
       s.planned_end_at, s.completed_at, s.goal, s.started_at AS t0,
       coalesce(s.completed_at, src.observed_at) AS t1,
       c.done_status_ids, c.estimate_field_id, c.observed_at AS board_config_valid_from
FROM staging.jira_board_sprints bs
JOIN staging.jira_sprints s USING (source_name, sprint_id)
JOIN staging.jira_sources src USING (source_name)
ASOF JOIN staging.jira_board_configs c
    ON c.source_name = bs.source_name AND c.board_id = bs.board_id
   AND c.valid_from <= coalesce(s.completed_at, src.observed_at)
WHERE s.state IN ('active', 'closed') AND s.started_at IS NOT NULL;

-- The fields whose history the sprint reconstruction replays, per source: the Sprint field,
-- the status, and every estimate field a board reads.
CREATE OR REPLACE TABLE staging.jira_tracked_fields AS
SELECT source_name, 'sprint' AS field_key, sprint_field_id AS field_id
FROM staging.jira_sources WHERE sprint_field_id IS NOT NULL
UNION
SELECT source_name, 'status', 'status' FROM staging.jira_sources
UNION
SELECT source_name, 'estimate', estimate_field_id FROM staging.jira_board_configs
WHERE estimate_field_id IS NOT NULL;
