-- Purpose: parse each raw Jira payload once. Raw is append-only, so only raw rows landed
--          since the last rebuild (rowid above the watermark) are parsed; for each record the
--          latest delivery wins (loaded_at, then run id, then row), exactly as a rebuild from
--          scratch would choose. A raw table that lost rows below its watermark, or a new
--          parser version (bump the 1s below when the parsing changes), is parsed again from
--          the start; deleting staging.raw_parse_watermarks forces that too. JSON parsing is
--          most of the cost of a rebuild (3 million changelog items are a gigabyte of JSON);
--          this keeps a nightly run proportional to what changed.
-- Grain: staging.jira_issue_payloads: source, issue. staging.jira_changelog_items: source,
--        issue, history, item. staging.jira_sprint_reports: source, board, sprint.
--        staging.jira_sprint_report_issues: source, board, sprint, issue listed in a 200
--        report. staging.jira_status_changes: source, issue, status change (numbered).
--        staging.raw_parse_watermarks: raw table.
-- Inputs: raw.jira_issues, raw.jira_changelogs, raw.jira_sprint_reports.

-- Where to resume: -1 (parse everything) unless the watermark is still consistent.
CREATE OR REPLACE TEMP TABLE parse_from AS
WITH still_there AS (
    SELECT 'jira_issues' AS raw_table, count(*) AS n FROM raw.jira_issues
    WHERE rowid <= (SELECT last_row FROM staging.raw_parse_watermarks
                    WHERE raw_table = 'jira_issues')
    UNION ALL
    SELECT 'jira_changelogs', count(*) FROM raw.jira_changelogs
    WHERE rowid <= (SELECT last_row FROM staging.raw_parse_watermarks
                    WHERE raw_table = 'jira_changelogs')
    UNION ALL
    SELECT 'jira_sprint_reports', count(*) FROM raw.jira_sprint_reports
    WHERE rowid <= (SELECT last_row FROM staging.raw_parse_watermarks
                    WHERE raw_table = 'jira_sprint_reports')
)
SELECT raw_table,
       CASE WHEN w.parser_version = 1 AND w.rows_seen = s.n THEN w.last_row ELSE -1 END
           AS after_row
FROM still_there s
LEFT JOIN staging.raw_parse_watermarks w USING (raw_table);
SET VARIABLE issues_after =
    (SELECT after_row FROM parse_from WHERE raw_table = 'jira_issues');
SET VARIABLE changelogs_after =
    (SELECT after_row FROM parse_from WHERE raw_table = 'jira_changelogs');
SET VARIABLE reports_after =
    (SELECT after_row FROM parse_from WHERE raw_table = 'jira_sprint_reports');
DELETE FROM staging.jira_issue_payloads WHERE getvariable('issues_after') = -1;
DELETE FROM staging.jira_changelog_items WHERE getvariable('changelogs_after') = -1;
DELETE FROM staging.jira_status_changes WHERE getvariable('changelogs_after') = -1;
DELETE FROM staging.jira_sprint_reports WHERE getvariable('reports_after') = -1;
DELETE FROM staging.jira_sprint_report_issues WHERE getvariable('reports_after') = -1;

-- Issues. A new delivery loses to a newer new one, or to a newer one parsed before; the
-- losers are few (usually none), so they are what is listed, and everything else is parsed.
CREATE OR REPLACE TEMP TABLE new_issue_rows AS
SELECT rowid AS raw_row, source_name, issue_id, loaded_at, run_id
FROM raw.jira_issues WHERE rowid > getvariable('issues_after');
CREATE OR REPLACE TEMP TABLE issue_losers AS
WITH redelivered AS (
    SELECT source_name, issue_id, max((loaded_at, run_id, raw_row)) AS latest
    FROM new_issue_rows GROUP BY ALL HAVING count(*) > 1
)
SELECT n.raw_row FROM new_issue_rows n
JOIN redelivered d
    ON d.source_name = n.source_name AND d.issue_id = n.issue_id
   AND (n.loaded_at, n.run_id, n.raw_row) < d.latest
UNION
SELECT n.raw_row FROM new_issue_rows n
JOIN staging.jira_issue_payloads p
    ON p.source_name = n.source_name AND p.issue_id = n.issue_id
   AND (p.loaded_at, p.run_id, p.raw_row) > (n.loaded_at, n.run_id, n.raw_row);
DELETE FROM staging.jira_issue_payloads p USING (
    SELECT source_name, issue_id FROM new_issue_rows n
    ANTI JOIN issue_losers l USING (raw_row)) w
WHERE p.source_name = w.source_name AND p.issue_id = w.issue_id;
INSERT INTO staging.jira_issue_payloads BY NAME
WITH parsed AS (
    SELECT r.source_name, r.issue_id, r.issue_key, r.loaded_at, r.run_id, r.rowid AS raw_row,
           json_transform(r.payload, '{"fields": {"project": {"key": "VARCHAR"},
               "issuetype": {"name": "VARCHAR", "subtask": "BOOLEAN"}, "labels": ["VARCHAR"],
               "parent": {"key": "VARCHAR", "fields": {"issuetype": {"name": "VARCHAR"}}},
               "status": {"id": "VARCHAR", "statusCategory": {"key": "VARCHAR"}},
               "summary": "VARCHAR", "created": "VARCHAR", "updated": "VARCHAR",
               "resolutiondate": "VARCHAR"}}').fields AS f,
           json_transform(r.payload, '{"fields": "MAP(VARCHAR, JSON)"}').fields AS all_fields
    FROM raw.jira_issues r
    ANTI JOIN issue_losers l ON l.raw_row = r.rowid
    WHERE r.rowid > getvariable('issues_after')
)
SELECT source_name, issue_id, issue_key, loaded_at, run_id, raw_row,
       f.project.key AS project_key,
       f.issuetype.name AS issue_type,
       coalesce(f.issuetype.subtask, false) AS is_subtask,
       f.parent.key AS parent_key,
       f.parent.fields.issuetype.name AS parent_type,
       coalesce(f.labels, []) AS labels,
       f.status.id AS status_id,
       f.status.statusCategory.key AS status_category,
       f.summary AS summary,
       f.created::TIMESTAMPTZ AT TIME ZONE 'UTC' AS created_at,
       f.updated::TIMESTAMPTZ AT TIME ZONE 'UTC' AS updated_at,
       f.resolutiondate::TIMESTAMPTZ AT TIME ZONE 'UTC' AS resolved_at,
       map_from_entries(list_filter(map_entries(all_fields),
                                    lambda e: starts_with(e.key, 'customfield_')))
           ::MAP(VARCHAR, VARCHAR) AS custom_fields
FROM parsed;

DROP TABLE new_issue_rows;
DROP TABLE issue_losers;

-- Changelog histories: the same rule per history; all items of the winning delivery.
CREATE OR REPLACE TEMP TABLE new_history_rows AS
SELECT rowid AS raw_row, source_name, issue_id, history_id, loaded_at, run_id
FROM raw.jira_changelogs WHERE rowid > getvariable('changelogs_after');
CREATE OR REPLACE TEMP TABLE history_losers AS
WITH repeated AS (
    -- A history delivered twice in one batch is rare: find those few by a plain count before
    -- ordering their deliveries (a max over a struct for every one of millions of histories
    -- cost a second on a first build).
    SELECT source_name, issue_id, history_id
    FROM new_history_rows GROUP BY ALL HAVING count(*) > 1
),
redelivered AS (
    SELECT source_name, issue_id, history_id, max((loaded_at, run_id, raw_row)) AS latest
    FROM new_history_rows SEMI JOIN repeated USING (source_name, issue_id, history_id)
    GROUP BY ALL
),
parsed_before AS (
    SELECT DISTINCT i.source_name, i.issue_id, i.history_id, i.loaded_at, i.run_id, i.raw_row
    FROM staging.jira_changelog_items i
    SEMI JOIN new_history_rows n USING (source_name, issue_id, history_id)
)
SELECT n.raw_row FROM new_history_rows n
JOIN redelivered d
    ON d.source_name = n.source_name AND d.issue_id = n.issue_id
   AND d.history_id = n.history_id AND (n.loaded_at, n.run_id, n.raw_row) < d.latest
UNION
SELECT n.raw_row FROM new_history_rows n
JOIN parsed_before p
    ON p.source_name = n.source_name AND p.issue_id = n.issue_id
   AND p.history_id = n.history_id
   AND (p.loaded_at, p.run_id, p.raw_row) > (n.loaded_at, n.run_id, n.raw_row);
CREATE OR REPLACE TEMP TABLE history_winners AS
SELECT * FROM new_history_rows ANTI JOIN history_losers USING (raw_row);
DROP TABLE new_history_rows;
DELETE FROM staging.jira_changelog_items i USING history_winners w
WHERE i.source_name = w.source_name AND i.issue_id = w.issue_id AND i.history_id = w.history_id;
INSERT INTO staging.jira_changelog_items BY NAME
WITH histories AS (
    SELECT r.source_name, r.issue_id, r.history_id, r.loaded_at, r.run_id, r.rowid AS raw_row,
           json_transform(r.payload, '{"created": "VARCHAR", "items": [{"field": "VARCHAR",
               "fieldtype": "VARCHAR", "fieldId": "VARCHAR", "from": "VARCHAR",
               "fromString": "VARCHAR", "to": "VARCHAR", "toString": "VARCHAR"}]}') AS h
    FROM raw.jira_changelogs r
    ANTI JOIN history_losers l ON l.raw_row = r.rowid
    WHERE r.rowid > getvariable('changelogs_after')
),
items AS (
    SELECT source_name, issue_id, history_id, loaded_at, run_id, raw_row,
           h.created::TIMESTAMPTZ AT TIME ZONE 'UTC' AS changed_at,
           unnest(h.items) AS item, generate_subscripts(h.items, 1) AS item_seq
    FROM histories
)
SELECT source_name, issue_id, history_id, item_seq, changed_at,
       item.field AS field_name, item.fieldtype AS field_type, item.fieldId AS delivered_field_id,
       item."from" AS from_value, item.fromString AS from_string,
       item."to" AS to_value, item.toString AS to_string,
       (epoch_us(changed_at)::HUGEINT << 64) + (history_id::HUGEINT << 16) + item_seq
           AS change_key,
       loaded_at, run_id, raw_row
FROM items;

-- Status changes of the issues whose changelog just changed, renumbered in order.
CREATE OR REPLACE TEMP TABLE touched_issues AS
SELECT DISTINCT source_name, issue_id FROM history_winners;
-- Temporary tables of millions of rows are dropped as soon as they have served: they live in
-- memory, and the peak of a first build is what they add up to.
DROP TABLE history_losers;
DROP TABLE history_winners;
DELETE FROM staging.jira_status_changes s USING touched_issues t
WHERE s.source_name = t.source_name AND s.issue_id = t.issue_id;
INSERT INTO staging.jira_status_changes
SELECT c.source_name, c.issue_id,
       row_number() OVER (PARTITION BY c.source_name, c.issue_id ORDER BY c.change_key)::INTEGER,
       c.changed_at, c.from_value, c.to_value
FROM staging.jira_changelog_items c
SEMI JOIN touched_issues t USING (source_name, issue_id)
-- Older Data Center versions omit fieldId; status is a system ("jira") field named status.
WHERE coalesce(c.delivered_field_id, CASE WHEN c.field_type = 'jira' THEN c.field_name END)
      = 'status';
DROP TABLE touched_issues;

-- Sprint reports: per board and sprint a 200 beats a refusal, then the latest wins. The
-- lists mean: completedIssues -> *_completed, issuesNotCompletedInCurrentSprint ->
-- *_not_completed, puntedIssues -> *_removed, issuesCompletedInAnotherSprint ->
-- completed_in_another_sprint; a key in issueKeysAddedDuringSprint makes it added_*, else
-- committed_*. estimateStatistic is the estimate at the start (or when added),
-- currentEstimateStatistic the one at the end. Jira lists an issue once; should a report
-- repeat one, its first list wins.
CREATE OR REPLACE TEMP TABLE report_winners AS
SELECT r.rowid AS raw_row, r.source_name, r.board_id, r.sprint_id, r.http_status, r.loaded_at,
       r.run_id
FROM raw.jira_sprint_reports r
WHERE r.rowid > getvariable('reports_after')
QUALIFY row_number() OVER (
    PARTITION BY r.source_name, r.board_id, r.sprint_id
    ORDER BY r.http_status = 200 DESC, r.loaded_at DESC, r.run_id DESC, r.rowid DESC) = 1;
DELETE FROM report_winners w USING staging.jira_sprint_reports p
WHERE p.source_name = w.source_name AND p.board_id = w.board_id AND p.sprint_id = w.sprint_id
  AND (p.http_status = 200, p.loaded_at, p.run_id, p.raw_row)
      > (w.http_status = 200, w.loaded_at, w.run_id, w.raw_row);
DELETE FROM staging.jira_sprint_reports p USING report_winners w
WHERE p.source_name = w.source_name AND p.board_id = w.board_id AND p.sprint_id = w.sprint_id;
DELETE FROM staging.jira_sprint_report_issues p USING report_winners w
WHERE p.source_name = w.source_name AND p.board_id = w.board_id AND p.sprint_id = w.sprint_id;
CREATE OR REPLACE TEMP TABLE report_contents AS
SELECT w.*,
       json_transform(r.payload, '{"contents": {
           "completedIssues": [{"id": "BIGINT", "key": "VARCHAR", "statusId": "VARCHAR",
               "estimateStatistic": {"statFieldValue": {"value": "DOUBLE"}},
               "currentEstimateStatistic": {"statFieldValue": {"value": "DOUBLE"}}}],
           "issuesNotCompletedInCurrentSprint": [{"id": "BIGINT", "key": "VARCHAR",
               "statusId": "VARCHAR",
               "estimateStatistic": {"statFieldValue": {"value": "DOUBLE"}},
               "currentEstimateStatistic": {"statFieldValue": {"value": "DOUBLE"}}}],
           "puntedIssues": [{"id": "BIGINT", "key": "VARCHAR", "statusId": "VARCHAR",
               "estimateStatistic": {"statFieldValue": {"value": "DOUBLE"}},
               "currentEstimateStatistic": {"statFieldValue": {"value": "DOUBLE"}}}],
           "issuesCompletedInAnotherSprint": [{"id": "BIGINT", "key": "VARCHAR",
               "statusId": "VARCHAR",
               "estimateStatistic": {"statFieldValue": {"value": "DOUBLE"}},
               "currentEstimateStatistic": {"statFieldValue": {"value": "DOUBLE"}}}]
       }}').contents AS c,
       coalesce(json_keys(r.payload, '$.contents.issueKeysAddedDuringSprint'), [])
           AS added_keys
FROM raw.jira_sprint_reports r
JOIN report_winners w ON w.raw_row = r.rowid
WHERE r.rowid > getvariable('reports_after');
INSERT INTO staging.jira_sprint_reports BY NAME
SELECT source_name, board_id, sprint_id, http_status, loaded_at, run_id, raw_row,
       http_status = 200 AND c IS NOT NULL AS has_report
FROM report_contents;
INSERT INTO staging.jira_sprint_report_issues BY NAME
WITH listed AS (
    SELECT source_name, board_id, sprint_id, added_keys, 1 AS list_rank, 'completed' AS suffix,
           unnest(c.completedIssues) AS issue
    FROM report_contents WHERE http_status = 200
    UNION ALL
    SELECT source_name, board_id, sprint_id, added_keys, 2, 'not_completed',
           unnest(c.issuesNotCompletedInCurrentSprint)
    FROM report_contents WHERE http_status = 200
    UNION ALL
    SELECT source_name, board_id, sprint_id, added_keys, 3, 'removed', unnest(c.puntedIssues)
    FROM report_contents WHERE http_status = 200
    UNION ALL
    SELECT source_name, board_id, sprint_id, added_keys, 4, NULL,
           unnest(c.issuesCompletedInAnotherSprint)
    FROM report_contents WHERE http_status = 200
)
SELECT source_name, board_id, sprint_id, issue.id AS issue_id, issue.key AS issue_key,
       CASE WHEN suffix IS NULL THEN 'completed_in_another_sprint'
            WHEN list_contains(added_keys, issue.key) THEN 'added_' || suffix
            ELSE 'committed_' || suffix END AS outcome,
       issue.estimateStatistic.statFieldValue.value AS points_at_start,
       issue.currentEstimateStatistic.statFieldValue.value AS points_at_end,
       issue.statusId AS status_id_at_end
FROM listed
WHERE issue.id IS NOT NULL
QUALIFY row_number() OVER (
    PARTITION BY source_name, board_id, sprint_id, issue.id ORDER BY list_rank) = 1;

-- Everything up to the last raw row is parsed now.
INSERT OR REPLACE INTO staging.raw_parse_watermarks
SELECT 'jira_issues', 1, coalesce(max(rowid), -1), count(*) FROM raw.jira_issues
UNION ALL
SELECT 'jira_changelogs', 1, coalesce(max(rowid), -1), count(*) FROM raw.jira_changelogs
UNION ALL
SELECT 'jira_sprint_reports', 1, coalesce(max(rowid), -1), count(*) FROM raw.jira_sprint_reports;
DROP TABLE parse_from;
DROP TABLE report_winners;
DROP TABLE report_contents;
