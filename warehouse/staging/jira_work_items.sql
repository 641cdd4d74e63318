-- Purpose: every issue as work evidence: its labels, the epic it belongs to (its parent when
--          the parent is an epic, as Cloud links them; else the Epic Link field of Data Center),
--          and whether [evidence] marks it as discovery, a retro action item or an epic. Labels
--          and the parent's type were parsed with the rest of the delivery staging chose (no
--          JSON is read here); issue types and labels compare case-insensitively.
-- Grain: jira_work_items (a view): one row per source and issue; sub-tasks and issues deleted
--        in Jira left out. jira_work_markers: one row per configured marker (kind, issue type
--        or label, value in lower case), as the last run read [evidence].
-- Inputs: staging.jira_issues, staging.jira_fields, cfg_work_markers (config: [evidence]).
-- A view, like staging.jira_issues: marts.fct_work_items is its one reader, and rewriting its
-- 188,000 rows (labels and Sprint lists) on every rebuild cost 0.13 s more than computing
-- them where they are read. The markers it reads are kept in the file, so that the view still
-- answers between runs, when the run's config table is gone.
CREATE OR REPLACE TABLE staging.jira_work_markers AS
SELECT kind, marker, value_key FROM cfg_work_markers;

CREATE OR REPLACE VIEW staging.jira_work_items AS
WITH markers AS (
    SELECT
        coalesce(list(value_key) FILTER (WHERE kind = 'discovery' AND marker = 'issue_type'), [])
            AS discovery_types,
        coalesce(list(value_key) FILTER (WHERE kind = 'discovery' AND marker = 'label'), [])
            AS discovery_labels,
        coalesce(list(value_key) FILTER (WHERE kind = 'retro_action' AND marker = 'issue_type'),
                 []) AS retro_types,
        coalesce(list(value_key) FILTER (WHERE kind = 'retro_action' AND marker = 'label'), [])
            AS retro_labels,
        coalesce(list(value_key) FILTER (WHERE kind = 'epic' AND marker = 'issue_type'), [])
            AS epic_types
    FROM staging.jira_work_markers
),
epic_link_fields AS (
    SELECT source_name, min(field_id) AS field_id
    FROM staging.jira_fields
    WHERE custom_type = 'com.pyxis.greenhopper.jira:gh-epic-link'
    GROUP BY ALL
)
SELECT
    i.source_name, i.issue_id, i.issue_key, i.project_key, i.issue_type, i.labels,
    coalesce(
        json_extract_string(i.custom_fields[e.field_id], '$'),
        CASE WHEN list_contains(m.epic_types, lower(i.parent_type)) THEN i.parent_key END
    ) AS epic_key,
    list_contains(m.discovery_types, lower(i.issue_type))
        OR list_has_any(m.discovery_labels, list_transform(i.labels, lambda l: lower(l)))
        AS is_discovery,
    list_contains(m.retro_types, lower(i.issue_type))
        OR list_has_any(m.retro_labels, list_transform(i.labels, lambda l: lower(l)))
        AS is_retro_action,
    list_contains(m.epic_types, lower(i.issue_type)) AS is_epic,
    i.status_category, i.created_at, i.resolved_at, i.sprint_ids
FROM staging.jira_issues i
LEFT JOIN epic_link_fields e USING (source_name)
CROSS JOIN markers m
WHERE NOT i.is_subtask AND NOT i.is_deleted;
