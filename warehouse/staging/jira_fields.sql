-- Purpose: Jira field definitions, and per source the Sprint field and when we last looked.
-- Grain: staging.jira_fields one row per source and field; staging.jira_sources one row per source.
-- Inputs: raw.jira_fields, raw.jira_issues, cfg_jira_sources (config: estimate_field override).
CREATE OR REPLACE TABLE staging.jira_fields AS
SELECT
    source_name,
    payload ->> '$.id' AS field_id,
    payload ->> '$.name' AS field_name,
    payload ->> '$.schema.type' AS value_type,
    payload ->> '$.schema.custom' AS custom_type
FROM raw.jira_fields
QUALIFY row_number() OVER (
    PARTITION BY source_name, payload ->> '$.id' ORDER BY loaded_at DESC, run_id DESC
) = 1;

CREATE OR REPLACE TABLE staging.jira_sources AS
SELECT
    cfg.source_name,
    cfg.estimate_field AS configured_estimate_field,
    (SELECT min(f.field_id) FROM staging.jira_fields f
     WHERE f.source_name = cfg.source_name
       AND f.custom_type = 'com.pyxis.greenhopper.jira:gh-sprint') AS sprint_field_id,
    -- The fallback estimate field: Jira Software's story points type, else a number field so named.
    (SELECT f.field_id FROM staging.jira_fields f
     WHERE f.source_name = cfg.source_name
       AND (f.custom_type = 'com.atlassian.jira.plugin.system.customfieldtypes:jsw-story-points'
            OR (f.value_type = 'number'
                AND lower(f.field_name) IN ('story points', 'story point estimate')))
     ORDER BY (f.custom_type LIKE '%jsw-story-points') DESC, f.field_id
     LIMIT 1) AS discovered_estimate_field,
    -- "Now" for active sprints is when we last saw the source: derived tables stay a
    -- pure function of raw, so a rerun gives the same figures.
    (SELECT max(i.loaded_at) FROM raw.jira_issues i
     WHERE i.source_name = cfg.source_name) AS observed_at
FROM cfg_jira_sources cfg;
