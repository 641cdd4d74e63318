-- Purpose: the rows of raw.jira_changelogs from exploded bulkfetch pages, with each history's
--          item count for the sync summary, in the order the Python reference lands them
--          (issue by issue, as each first appears, then delivered order); any history without
--          numeric ids comes first, so the caller can stop naming its issue.
-- Grain: one row per history.
-- Inputs: bulk_histories (explode.sql).
SELECT issue_ref, issue_id, history_id, payload, coalesce(len(items), 0) AS item_count
FROM bulk_histories
ORDER BY (issue_id IS NULL OR history_id IS NULL) DESC,
         min((page_seq, entry_seq)) OVER (PARTITION BY issue_ref),
         page_seq, entry_seq, history_seq;
