-- Purpose: the rows of raw.jira_issues from Cloud search/jql pages as delivered, so that no
--          issue is encoded back to JSON in Python: the issues the connector kept (by their
--          place in the pages: a page re-read after a token restart repeats some), each
--          issue's JSON whole, less an embedded changelog (histories land on their own).
-- Grain: one row per kept issue, in the connector's order.
-- Inputs: search_pages (page_seq from 0, body), kept_issues (kept_seq, page_seq, issue_seq
--         from 1), both registered by warehouse/jira_bulk_pages.py.
WITH pages AS (
    SELECT page_seq, from_json(body, '{"issues":["JSON"]}') AS page
    FROM search_pages
), issues AS (
    SELECT page_seq,
           unnest(page.issues) AS issue,
           generate_subscripts(page.issues, 1) AS issue_seq
    FROM pages
)
SELECT TRY_CAST(issue ->> 'id' AS BIGINT) AS issue_id,
       issue ->> 'key' AS issue_key,
       CASE WHEN json_exists(issue, '$.changelog')
            THEN json_merge_patch(issue, '{"changelog":null}')
            ELSE issue END::VARCHAR AS payload
FROM kept_issues
JOIN issues USING (page_seq, issue_seq)
ORDER BY kept_seq;
