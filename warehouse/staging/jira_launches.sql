-- Purpose: launches kept in Jira (launch sources with format = "jira") in the shape of the
--          file launches, from the newest snapshot of each source. Each fact is read from the
--          field the source maps it to (cfg_jira_launch_sources): dates are the local date
--          Jira wrote (the first ten characters, before any time and offset); the team is the
--          first value of the team field that names a configured team (components, project,
--          labels, select and team fields: value, name, displayName, title, then key), else
--          the first value as written. The checklist is the launch's sub-tasks in the order
--          Jira lists them: done = status category done, done date = the sub-task's
--          resolution date. A launch with a value that cannot be read, or no team at all,
--          keeps its `problem` here and is left out of staging.launches, whole.
-- Grain: jira_launch_snapshot: one row per source and issue of its newest snapshot.
--        jira_launches: one row per source and launch issue.
--        jira_launch_items: one row per source, launch and sub-task.
-- Inputs: raw.jira_launch_loads, raw.jira_launch_issues, cfg_jira_launch_sources,
--         cfg_team_aliases.
CREATE OR REPLACE TABLE staging.jira_launch_snapshot AS
WITH newest AS (
    SELECT l.source_name, l.run_id, l.loaded_at, l.base_url
    FROM raw.jira_launch_loads l
    JOIN cfg_jira_launch_sources c USING (source_name)
    QUALIFY row_number() OVER (
        PARTITION BY l.source_name ORDER BY l.loaded_at DESC, l.run_id DESC) = 1
)
SELECT i.source_name, i.issue_id, i.issue_key, i.parent_key, i.payload::JSON AS payload,
       n.base_url || '/browse/' || i.issue_key AS issue_url
FROM raw.jira_launch_issues i
JOIN newest n USING (source_name, run_id, loaded_at);

CREATE OR REPLACE TABLE staging.jira_launches AS
WITH launches AS (
    SELECT s.source_name, s.issue_key AS launch_id, s.payload ->> '$.fields.summary' AS launch_name,
           s.issue_url, c.* EXCLUDE (source_name),
           json_extract_string(s.payload, '$.fields.' || c.planned_date_field) AS planned_text,
           json_extract_string(s.payload, '$.fields.' || c.actual_date_field) AS actual_text,
           json_extract(s.payload, '$.fields.' || c.team_field) AS team_json,
           json_extract(s.payload, '$.fields.' || c.adoption_target_field) AS target_json,
           json_extract(s.payload, '$.fields.' || c.adoption_actual_field) AS reached_json,
           row_number() OVER (
               PARTITION BY s.source_name
               ORDER BY s.payload ->> '$.fields.created', s.issue_id) AS row_number
    FROM staging.jira_launch_snapshot s
    JOIN cfg_jira_launch_sources c USING (source_name)
    WHERE s.parent_key IS NULL
),
typed AS (
    SELECT *,
           try_cast(left(planned_text, 10) AS DATE) AS planned_date,
           try_cast(left(actual_text, 10) AS DATE) AS actual_date,
           coalesce(target_json ->> '$.value', json_extract_string(target_json, '$'))
               AS target_text,
           coalesce(reached_json ->> '$.value', json_extract_string(reached_json, '$'))
               AS reached_text
    FROM launches
),
elements AS (
    -- A list field (components, labels, multi-select) gives one element per value.
    SELECT source_name, launch_id, unnest(values_) AS element, unnest(range(len(values_)))
               AS element_order
    FROM (
        SELECT source_name, launch_id,
               CASE WHEN json_type(team_json) = 'ARRAY' THEN CAST(team_json AS JSON[])
                    WHEN team_json IS NULL OR json_type(team_json) = 'NULL' THEN []
                    ELSE [team_json] END AS values_
        FROM launches
    )
),
candidates AS (
    SELECT source_name, launch_id, element_order,
           unnest(names) AS written, unnest(range(len(names))) AS name_order
    FROM (
        SELECT *, list_filter(
                   [element ->> '$.value', element ->> '$.name', element ->> '$.displayName',
                    element ->> '$.title', element ->> '$.key',
                    CASE WHEN json_type(element) = 'VARCHAR' THEN element ->> '$' END],
                   lambda x: nullif(trim(x), '') IS NOT NULL) AS names
        FROM elements
    )
),
teams AS (
    SELECT c.source_name, c.launch_id,
           arg_min(a.team, c.element_order * 10 + c.name_order)
               FILTER (WHERE a.team IS NOT NULL) AS team,
           coalesce(arg_min(c.written, c.element_order * 10 + c.name_order)
                        FILTER (WHERE a.team IS NOT NULL),
                    arg_min(c.written, c.element_order * 10 + c.name_order)) AS team_as_written
    FROM candidates c
    LEFT JOIN cfg_team_aliases a
        ON a.alias_key = lower(regexp_replace(trim(c.written), '\s+', ' ', 'g'))
    GROUP BY ALL
)
SELECT t.source_name, t.launch_id, t.launch_name, m.team, trim(m.team_as_written) AS team_as_written,
       t.planned_date, t.actual_date,
       try_cast(t.target_text AS DOUBLE) AS adoption_target,
       try_cast(t.reached_text AS DOUBLE) AS adoption_actual,
       t.issue_url, t.row_number,
       CASE
           WHEN t.planned_text IS NOT NULL AND t.planned_date IS NULL
               THEN t.planned_date_field || ' holds ''' || t.planned_text || ''', not a date'
           WHEN t.actual_text IS NOT NULL AND t.actual_date IS NULL
               THEN t.actual_date_field || ' holds ''' || t.actual_text || ''', not a date'
           WHEN t.target_text IS NOT NULL AND try_cast(t.target_text AS DOUBLE) IS NULL
               THEN t.adoption_target_field || ' holds ''' || t.target_text || ''', not a number'
           WHEN t.reached_text IS NOT NULL AND try_cast(t.reached_text AS DOUBLE) IS NULL
               THEN t.adoption_actual_field || ' holds ''' || t.reached_text || ''', not a number'
           WHEN try_cast(t.target_text AS DOUBLE) < 0 OR try_cast(t.reached_text AS DOUBLE) < 0
               THEN 'adoption is negative'
           WHEN m.team_as_written IS NULL
               THEN 'names no team (' || t.team_field || ' is empty)'
       END AS problem
FROM typed t
LEFT JOIN teams m USING (source_name, launch_id);

CREATE OR REPLACE TABLE staging.jira_launch_items AS
WITH listed AS (
    SELECT source_name, launch_id, unnest(subtasks) AS listed_item,
           unnest(range(1, len(subtasks) + 1)) AS item_position
    FROM (
        SELECT source_name, issue_key AS launch_id,
               coalesce(CAST(json_extract(payload, '$.fields.subtasks') AS JSON[]), [])
                   AS subtasks
        FROM staging.jira_launch_snapshot
        WHERE parent_key IS NULL
    )
)
SELECT l.source_name, l.launch_id, l.item_position, 0 AS item_depth,
       coalesce(s.payload ->> '$.fields.summary', l.listed_item ->> '$.fields.summary',
                l.listed_item ->> '$.key') AS item_name,
       coalesce(s.payload ->> '$.fields.status.statusCategory.key',
                l.listed_item ->> '$.fields.status.statusCategory.key') = 'done' AS is_done,
       CASE WHEN coalesce(s.payload ->> '$.fields.status.statusCategory.key',
                          l.listed_item ->> '$.fields.status.statusCategory.key') = 'done'
            THEN try_cast(left(s.payload ->> '$.fields.resolutiondate', 10) AS DATE) END
           AS done_date,
       l.item_position AS row_number,
       l.listed_item ->> '$.key' AS item_key
FROM listed l
LEFT JOIN staging.jira_launch_snapshot s
    ON s.source_name = l.source_name AND s.parent_key = l.launch_id
   AND s.issue_key = l.listed_item ->> '$.key';
