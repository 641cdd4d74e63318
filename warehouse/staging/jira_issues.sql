-- Purpose: every Jira issue as it is now, with the current value of the fields the sprint
--          reconstruction replays, and the changes of those fields from the changelog (UTC).
--          Issues the connector's sweep found deleted in Jira are kept, marked is_deleted:
--          Jira's sprint report no longer lists them, so the reconstruction leaves them out.
--          Built from the parsed payloads (jira_raw_parsed.sql): no JSON is read here but the
--          small values of custom fields (`custom_fields`, by field id).
-- Grain: jira_issues (a view): source, issue. jira_issue_estimates (a view): source, issue,
--        estimate field a board reads (its current value). jira_field_changes: source, issue,
--        history and item of a change of the Sprint field or of an estimate field.
-- Inputs: staging.jira_issue_payloads, staging.jira_changelog_items, staging.jira_fields,
--         staging.jira_sources, staging.jira_tracked_fields, raw.jira_issue_deletions.
-- A view: its columns are computed only where a model reads them, and nothing is rewritten.
CREATE OR REPLACE VIEW staging.jira_issues AS
SELECT
    p.source_name, p.issue_id, p.issue_key, p.project_key, p.issue_type, p.is_subtask,
    p.parent_key, p.parent_type, p.labels, p.status_id, p.status_category, p.summary,
    p.created_at, p.updated_at, p.resolved_at,
    -- The Sprint field lists sprint objects; their ids are what the changelog speaks of.
    coalesce(list_transform(from_json(p.custom_fields[s.sprint_field_id], '[{"id": "BIGINT"}]'),
                            lambda sprint: sprint.id), []) AS sprint_ids,
    -- Deleted in Jira (the connector's id sweep) and not delivered again since.
    coalesce(d.deleted_seen_at >= p.loaded_at, false) AS is_deleted,
    s.sprint_field_id,
    p.custom_fields
FROM staging.jira_issue_payloads p
JOIN staging.jira_sources s USING (source_name)
LEFT JOIN (SELECT source_name, issue_id, max(loaded_at) AS deleted_seen_at
           FROM raw.jira_issue_deletions GROUP BY ALL) d USING (source_name, issue_id);

-- The current estimate in one estimate field, from the custom field values by field id.
CREATE OR REPLACE MACRO staging.jira_points(custom_fields, field_id) AS
    TRY_CAST(json_extract_string(custom_fields[field_id], '$') AS DOUBLE);

CREATE OR REPLACE VIEW staging.jira_issue_estimates AS
SELECT i.source_name, i.issue_id, t.field_id,
       staging.jira_points(i.custom_fields, t.field_id) AS points
FROM staging.jira_issues i
JOIN staging.jira_tracked_fields t ON t.source_name = i.source_name AND t.field_key = 'estimate';

-- Status changes are in staging.jira_status_changes (numbered, kept between runs); this holds
-- the rest: a few hundred thousand rows, read by the sprint events, the replay and the
-- reconciliation, so one scan of the changelog items serves them all.
CREATE OR REPLACE TABLE staging.jira_field_changes AS
WITH by_name AS (
    SELECT source_name, field_name, min(field_id) AS field_id
    FROM staging.jira_fields GROUP BY ALL
),
items AS (
    SELECT c.*, c.delivered_field_id AS field_id
    FROM staging.jira_changelog_items c
    WHERE c.delivered_field_id IS NOT NULL
    UNION ALL
    -- Older Data Center versions omit fieldId: find it by the field's name.
    SELECT c.*, coalesce(f.field_id, CASE WHEN c.field_type = 'jira' THEN c.field_name END)
    FROM staging.jira_changelog_items c
    LEFT JOIN by_name f ON f.source_name = c.source_name AND f.field_name = c.field_name
    WHERE c.delivered_field_id IS NULL
)
SELECT c.source_name, c.issue_id, t.field_key, c.field_id, c.changed_at, c.history_id,
       c.item_seq, c.change_key,
       -- Number fields carry their values in the strings; ids in from/to otherwise.
       CASE WHEN t.field_key = 'estimate' THEN c.from_string ELSE c.from_value END AS from_value,
       CASE WHEN t.field_key = 'estimate' THEN c.to_string ELSE c.to_value END AS to_value
FROM items c
JOIN staging.jira_tracked_fields t ON t.source_name = c.source_name AND t.field_id = c.field_id
WHERE t.field_key <> 'status';
