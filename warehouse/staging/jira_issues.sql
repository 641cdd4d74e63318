-- Purpose: every Jira issue as it is now, typed; and every changelog item, in UTC.
-- Grain: jira_issues: source, issue. jira_changelog_items: source, issue, history, item.
-- Inputs: raw.jira_issues (latest delivery wins), raw.jira_issue_deletions (the id sweep),
--         raw.jira_changelogs, staging.jira_fields.
CREATE OR REPLACE TABLE staging.jira_issues AS
SELECT
    source_name,
    issue_id,
    issue_key,
    payload ->> '$.fields.project.key' AS project_key,
    payload ->> '$.fields.issuetype.name' AS issue_type,
    coalesce((payload ->> '$.fields.issuetype.subtask')::BOOLEAN, false) AS is_subtask,
    payload ->> '$.fields.parent.key' AS parent_key,
    payload ->> '$.fields.status.id' AS status_id,
    payload ->> '$.fields.status.statusCategory.key' AS status_category,
    payload ->> '$.fields.summary' AS summary,
    (payload ->> '$.fields.created')::TIMESTAMPTZ AT TIME ZONE 'UTC' AS created_at,
    (payload ->> '$.fields.updated')::TIMESTAMPTZ AT TIME ZONE 'UTC' AS updated_at,
    (payload ->> '$.fields.resolutiondate')::TIMESTAMPTZ AT TIME ZONE 'UTC' AS resolved_at,
    payload -> '$.fields' AS fields,
    -- Deleted in Jira (found by the id sweep): kept, but no sprint report counts it.
    issue_id IN (SELECT d.issue_id FROM raw.jira_issue_deletions d
                 WHERE d.source_name = raw.jira_issues.source_name) AS is_deleted
FROM raw.jira_issues
QUALIFY row_number() OVER (PARTITION BY source_name, issue_id ORDER BY loaded_at DESC, run_id DESC) = 1;

CREATE OR REPLACE TABLE staging.jira_changelog_items AS
WITH histories AS (
    SELECT source_name, issue_id, history_id,
           (payload ->> '$.created')::TIMESTAMPTZ AT TIME ZONE 'UTC' AS changed_at,
           from_json(payload -> '$.items', '[{"field": "VARCHAR", "fieldtype": "VARCHAR",
               "fieldId": "VARCHAR", "from": "VARCHAR", "fromString": "VARCHAR",
               "to": "VARCHAR", "toString": "VARCHAR"}]') AS items
    FROM raw.jira_changelogs
    QUALIFY row_number() OVER (
        PARTITION BY source_name, issue_id, history_id ORDER BY loaded_at DESC, run_id DESC) = 1
),
items AS (
    SELECT source_name, issue_id, history_id, changed_at,
           unnest(items) AS item, unnest(generate_series(1, len(items))) AS item_seq
    FROM histories
)
SELECT
    i.source_name, i.issue_id, i.history_id, i.item_seq, i.changed_at,
    i.item.field AS field_name,
    -- Older Data Center versions omit fieldId: find it by the field's name.
    coalesce(i.item.fieldId, f.field_id,
             CASE WHEN i.item.fieldtype = 'jira' THEN i.item.field END) AS field_id,
    i.item."from" AS from_value, i.item.fromString AS from_string,
    i.item."to" AS to_value, i.item.toString AS to_string
FROM items i
LEFT JOIN (SELECT source_name, field_name, min(field_id) AS field_id
           FROM staging.jira_fields GROUP BY ALL) f
    ON i.item.fieldId IS NULL AND f.source_name = i.source_name AND f.field_name = i.item.field;
