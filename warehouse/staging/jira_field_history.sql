-- Purpose: the value of each tracked field of each issue over time, as intervals
--          [valid_from, valid_to). Value-at-time replay: before its first change a field held
--          that change's "from" value (a value set at creation has no changelog item); after
--          each change it holds the "to" value; a field never changed holds its current value.
-- Grain: one row per source, issue, tracked field and interval.
-- Inputs: staging.jira_issues, staging.jira_changelog_items, staging.jira_sources,
--         staging.jira_board_configs (which estimate fields the boards read).
CREATE OR REPLACE TABLE staging.jira_field_history AS
WITH tracked AS (
    SELECT source_name, sprint_field_id AS field_id, 'sprint' AS field_key FROM staging.jira_sources
    UNION
    SELECT source_name, 'status', 'status' FROM staging.jira_sources
    UNION
    SELECT source_name, estimate_field_id, 'estimate' FROM staging.jira_board_configs
    WHERE estimate_field_id IS NOT NULL
),
changes AS (
    SELECT c.source_name, c.issue_id, t.field_key, t.field_id, c.changed_at, c.history_id, c.item_seq,
           -- Number fields carry their values in the strings; ids in from/to otherwise.
           CASE WHEN t.field_key = 'estimate' THEN c.from_string ELSE c.from_value END AS from_value,
           CASE WHEN t.field_key = 'estimate' THEN c.to_string ELSE c.to_value END AS to_value,
           row_number() OVER (
               PARTITION BY c.source_name, c.issue_id, t.field_id
               ORDER BY c.changed_at, c.history_id, c.item_seq) AS change_seq
    FROM staging.jira_changelog_items c
    JOIN tracked t ON t.source_name = c.source_name AND t.field_id = c.field_id
),
current_values AS (
    SELECT i.source_name, i.issue_id, i.created_at, t.field_key, t.field_id,
           CASE t.field_key
               WHEN 'status' THEN i.status_id
               WHEN 'sprint' THEN array_to_string(list_transform(
                   from_json(json_extract(i.fields, '$.' || t.field_id), '[{"id": "BIGINT"}]'),
                   lambda s: s.id::VARCHAR), ', ')
               ELSE json_extract_string(i.fields, '$.' || t.field_id)
           END AS value
    FROM staging.jira_issues i
    JOIN tracked t ON t.source_name = i.source_name
),
intervals AS (
    -- before the first change
    SELECT c.source_name, c.issue_id, c.field_key, c.field_id,
           v.created_at AS valid_from, c.changed_at AS valid_to, c.from_value AS value
    FROM changes c
    JOIN current_values v USING (source_name, issue_id, field_id)
    WHERE c.change_seq = 1
    UNION ALL
    -- after each change, until the next
    SELECT source_name, issue_id, field_key, field_id, changed_at,
           coalesce(lead(changed_at) OVER (
               PARTITION BY source_name, issue_id, field_id ORDER BY change_seq),
               TIMESTAMP '9999-12-31'),
           to_value
    FROM changes
    UNION ALL
    -- never changed: the current value since creation
    SELECT v.source_name, v.issue_id, v.field_key, v.field_id,
           v.created_at, TIMESTAMP '9999-12-31', v.value
    FROM current_values v
    ANTI JOIN changes c USING (source_name, issue_id, field_id)
)
SELECT source_name, issue_id, field_key, field_id, valid_from, valid_to, nullif(value, '') AS value
FROM intervals
-- Several changes at one instant leave empty intervals: the last one stands.
WHERE valid_to > valid_from;

-- Sprint membership as spells: maximal runs of intervals during which the issue's Sprint
-- field listed the sprint. Ids, never names: names change and may contain commas.
CREATE OR REPLACE TABLE staging.jira_sprint_spells AS
WITH sprint_intervals AS (
    SELECT source_name, issue_id, valid_from, valid_to,
           row_number() OVER (PARTITION BY source_name, issue_id ORDER BY valid_from) AS interval_seq,
           list_filter(list_transform(string_split(coalesce(value, ''), ','),
                                      lambda s: TRY_CAST(trim(s) AS BIGINT)),
                       lambda s: s IS NOT NULL) AS sprint_ids
    FROM staging.jira_field_history
    WHERE field_key = 'sprint'
),
memberships AS (
    SELECT source_name, issue_id, valid_from, valid_to, interval_seq, unnest(sprint_ids) AS sprint_id
    FROM sprint_intervals
),
islands AS (
    SELECT *, interval_seq - row_number() OVER (
        PARTITION BY source_name, issue_id, sprint_id ORDER BY interval_seq) AS island
    FROM memberships
)
SELECT source_name, issue_id, sprint_id, min(valid_from) AS entered_at, max(valid_to) AS left_at
FROM islands
GROUP BY source_name, issue_id, sprint_id, island;
