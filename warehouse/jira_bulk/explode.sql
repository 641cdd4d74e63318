-- Purpose: Cloud's changelog/bulkfetch pages, as delivered, exploded into their histories
--          inside DuckDB (parsing them in Python cost most of a sync's time). Each history's
--          JSON is kept whole for raw.jira_changelogs; its id, created and items are parsed
--          once, for the completeness check (last_items.sql).
-- Grain: one row per history, in delivered order (page, entry, position in the entry).
-- Inputs: bulk_pages (page_seq, body): the page texts, registered by warehouse/jira_bulk_pages.py.
CREATE OR REPLACE TEMP TABLE bulk_histories AS
WITH pages AS (
    SELECT page_seq,
           from_json(body, '{"issueChangeLogs":[{"issueId":"VARCHAR","changeHistories":["JSON"]}]}')
               AS page
    FROM bulk_pages
), entries AS (
    SELECT page_seq,
           unnest(page.issueChangeLogs) AS entry,
           generate_subscripts(page.issueChangeLogs, 1) AS entry_seq
    FROM pages
), histories AS (
    SELECT page_seq, entry_seq, entry.issueId AS issue_ref,
           unnest(entry.changeHistories) AS history,
           generate_subscripts(entry.changeHistories, 1) AS history_seq
    FROM entries
), parsed AS (
    SELECT *,
           from_json(history, '{"id":"VARCHAR","created":"VARCHAR","items":[{"field":"VARCHAR",'
                              '"fieldId":"VARCHAR","to":"VARCHAR","toString":"VARCHAR"}]}') AS h
    FROM histories
)
SELECT page_seq, entry_seq, history_seq,
       issue_ref,
       TRY_CAST(issue_ref AS BIGINT) AS issue_id,
       TRY_CAST(h.id AS BIGINT) AS history_id,
       history::VARCHAR AS payload,
       -- history_check.last_values sorts by created (as text, '' when missing), then id
       coalesce(h.created, '') AS created_text,
       coalesce(TRY_CAST(h.id AS BIGINT), 0) AS id_order,
       h.items AS items
FROM parsed;
