-- Purpose: launches and their checklist items from every launch source, the team resolved to
--          a configured team: from the newest version of every export file (a launch id seen
--          in several files of a source keeps the one loaded last; its items are those loaded
--          with it), and from the newest Jira snapshot of each format = "jira" source (launches
--          whose values could not be read left out, see staging.jira_launches.problem).
-- Grain: launches: one row per source and launch id. launch_items: one row per source,
--        launch and item position.
-- Inputs: raw.launches, raw.launch_items, staging.file_versions, staging.jira_launches,
--         staging.jira_launch_items, cfg_file_sources, cfg_team_aliases.
CREATE OR REPLACE TABLE staging.launches AS
WITH file_launches AS (
    SELECT l.source_name, l.launch_id, l.launch_name, a.team, nullif(trim(l.team), '') AS team_as_written,
           l.planned_date, l.actual_date, l.adoption_target, l.adoption_actual, l.has_checklist,
           c.on_time_tolerance_days, v.file_path, l.file_sha256, l.row_number
    FROM raw.launches l
    JOIN staging.file_versions v
      ON v.source_kind = 'launches' AND v.source_name = l.source_name
     AND v.file_sha256 = l.file_sha256 AND v.is_current
    JOIN cfg_file_sources c ON c.source_kind = 'launches' AND c.source_name = l.source_name
    LEFT JOIN cfg_team_aliases a ON a.alias_key = lower(regexp_replace(trim(l.team), '\s+', ' ', 'g'))
    QUALIFY row_number() OVER (
        PARTITION BY l.source_name, l.launch_id
        ORDER BY v.loaded_at DESC, v.file_path DESC, l.row_number) = 1
),
jira_launches AS (
    -- The issue's URL stands where a file launch names its file; there is no file hash.
    SELECT j.source_name, j.launch_id, j.launch_name, j.team, j.team_as_written,
           j.planned_date, j.actual_date, j.adoption_target, j.adoption_actual,
           EXISTS (SELECT 1 FROM staging.jira_launch_items i
                   WHERE i.source_name = j.source_name AND i.launch_id = j.launch_id)
               AS has_checklist,
           c.on_time_tolerance_days, j.issue_url AS file_path, CAST(NULL AS VARCHAR) AS file_sha256,
           CAST(j.row_number AS INTEGER) AS row_number
    FROM staging.jira_launches j
    JOIN cfg_file_sources c ON c.source_kind = 'launches' AND c.source_name = j.source_name
    WHERE j.problem IS NULL
)
SELECT * FROM file_launches
UNION ALL BY NAME
SELECT * FROM jira_launches;

CREATE OR REPLACE TABLE staging.launch_items AS
SELECT i.source_name, i.launch_id, i.item_position, i.item_depth, i.item_name, i.is_done,
       i.done_date, i.row_number
FROM raw.launch_items i
JOIN staging.launches l USING (source_name, launch_id, file_sha256)
UNION ALL BY NAME
SELECT i.source_name, i.launch_id, i.item_position, i.item_depth, i.item_name, i.is_done,
       i.done_date, CAST(i.row_number AS INTEGER) AS row_number
FROM staging.jira_launch_items i
JOIN staging.launches l USING (source_name, launch_id)
WHERE l.file_sha256 IS NULL;
