-- Purpose: value-at-time replay of the tracked fields (JIRA.md). A value set when the issue
--          was created has no changelog item: before its first change a field held that
--          change's "from" value, after each change its "to" value, and a field never changed
--          has held its current value since creation. Changes at one instant are ordered by
--          history id and item, so the replay never depends on the order rows arrived in.
--          Sprint membership becomes entry and exit events per sprint, each change compared
--          with the *previous change's* value (value at time, even across a history gap).
--          Sprint ids, never names: names change and may contain commas.
-- Grain: jira_sprint_events: source, issue, sprint and moment the issue entered or left the
--        sprint (entries at creation for sprints set when the issue was created).
--        jira_field_history (a view, for analysts): source, issue, field and interval.
--        jira_sprint_spells (a view): source, issue, sprint and maximal spell of membership.
-- Inputs: staging.jira_field_changes, staging.jira_status_changes, staging.jira_issues,
--         staging.jira_issue_estimates, staging.jira_sources.
-- The ids of a Sprint value ("12, 15"): the list is cast whole (spaces allowed), and what is
-- not an id is dropped; a lambda per element took twice as long.
CREATE OR REPLACE TEMP MACRO sprint_id_list(ids) AS
    list_filter(TRY_CAST(string_split(coalesce(ids, ''), ',') AS BIGINT[]),
                lambda s: s IS NOT NULL);

CREATE OR REPLACE TABLE staging.jira_sprint_events AS
WITH changes AS (
    SELECT source_name, issue_id, changed_at, change_key,
           sprint_id_list(from_value) AS from_ids, sprint_id_list(to_value) AS to_ids
    FROM staging.jira_field_changes
    WHERE field_key = 'sprint'
),
chained AS (
    SELECT *,
           coalesce(lag(to_ids) OVER w, from_ids) AS before_ids,
           row_number() OVER w AS change_seq
    FROM changes
    WINDOW w AS (PARTITION BY source_name, issue_id ORDER BY change_key)
),
at_creation AS (
    -- The Sprint field is read only for issues whose Sprint never changed.
    SELECT i.source_name, i.issue_id, i.created_at,
           CASE WHEN c.issue_id IS NOT NULL THEN c.from_ids
                ELSE coalesce(list_transform(from_json(i.custom_fields[i.sprint_field_id],
                                                       '[{"id": "BIGINT"}]'),
                                             lambda sprint: sprint.id), [])
           END AS sprint_ids
    FROM staging.jira_issues i
    LEFT JOIN chained c
        ON c.source_name = i.source_name AND c.issue_id = i.issue_id AND c.change_seq = 1
)
-- Creation sorts before any change at the same instant.
SELECT source_name, issue_id, unnest(sprint_ids) AS sprint_id, created_at AS event_at,
       (epoch_us(created_at)::HUGEINT << 64) - 1 AS event_key, true AS is_entry
FROM at_creation
UNION ALL
SELECT source_name, issue_id,
       unnest(list_filter(to_ids, lambda s: NOT list_contains(before_ids, s))),
       changed_at, change_key, true
FROM chained
UNION ALL
SELECT source_name, issue_id,
       unnest(list_filter(before_ids, lambda s: NOT list_contains(to_ids, s))),
       changed_at, change_key, false
FROM chained;

CREATE OR REPLACE VIEW staging.jira_sprint_spells AS
SELECT source_name, issue_id, sprint_id, event_at AS entered_at,
       coalesce(exited_at, TIMESTAMP '9999-12-31') AS left_at
FROM (
    SELECT *, lead(event_at) OVER w AS exited_at, lag(is_entry) OVER w AS was_in
    FROM staging.jira_sprint_events
    WINDOW w AS (PARTITION BY source_name, issue_id, sprint_id ORDER BY event_key)
)
WHERE is_entry AND NOT coalesce(was_in, false)
  AND coalesce(exited_at, TIMESTAMP '9999-12-31') > event_at;

CREATE OR REPLACE VIEW staging.jira_field_history AS
WITH changes AS (
    SELECT source_name, issue_id, field_key, field_id, changed_at, from_value, to_value,
           row_number() OVER (
               PARTITION BY source_name, issue_id, field_id ORDER BY change_key) AS change_seq
    FROM staging.jira_field_changes
    UNION ALL
    SELECT source_name, issue_id, 'status', 'status', changed_at, from_status, to_status,
           change_seq
    FROM staging.jira_status_changes
),
current_values AS (
    SELECT source_name, issue_id, created_at, 'status' AS field_key, 'status' AS field_id,
           status_id AS value
    FROM staging.jira_issues
    UNION ALL
    SELECT e.source_name, e.issue_id, i.created_at, 'estimate', e.field_id, e.points::VARCHAR
    FROM staging.jira_issue_estimates e JOIN staging.jira_issues i USING (source_name, issue_id)
    UNION ALL
    SELECT i.source_name, i.issue_id, i.created_at, 'sprint', s.sprint_field_id,
           array_to_string(i.sprint_ids, ', ')
    FROM staging.jira_issues i JOIN staging.jira_sources s USING (source_name)
),
intervals AS (
    SELECT c.source_name, c.issue_id, c.field_key, c.field_id,
           v.created_at AS valid_from, c.changed_at AS valid_to, c.from_value AS value
    FROM changes c
    JOIN current_values v USING (source_name, issue_id, field_id)
    WHERE c.change_seq = 1
    UNION ALL
    SELECT source_name, issue_id, field_key, field_id, changed_at,
           coalesce(lead(changed_at) OVER (
               PARTITION BY source_name, issue_id, field_id ORDER BY change_seq),
               TIMESTAMP '9999-12-31'),
           to_value
    FROM changes
    UNION ALL
    SELECT v.source_name, v.issue_id, v.field_key, v.field_id,
           v.created_at, TIMESTAMP '9999-12-31', v.value
    FROM current_values v
    ANTI JOIN changes c USING (source_name, issue_id, field_id)
)
SELECT source_name, issue_id, field_key, field_id, valid_from, valid_to, nullif(value, '') AS value
FROM intervals
-- Several changes at one instant leave empty intervals: the last one stands.
WHERE valid_to > valid_from;
