-- Purpose: the newest item of each checked field per issue in exploded bulkfetch pages,
--          exactly as connectors/jira/history_check.last_values finds it: histories ordered
--          by created (as text) then numeric id, ties in delivered order, items in order; a
--          missing fieldId of a "status" item (older Data Center) counts as "status".
-- Grain: one row per issue and checked field that has an item.
-- Inputs: bulk_histories (explode.sql); $1 = the checked field ids (VARCHAR[]).
WITH items AS (
    SELECT issue_ref, created_text, id_order, page_seq, entry_seq, history_seq,
           unnest(items) AS item,
           generate_subscripts(items, 1) AS item_seq
    FROM bulk_histories
), checked AS (
    SELECT *,
           coalesce(nullif(item.fieldId, ''),
                    CASE WHEN item.field = 'status' THEN 'status' END) AS field_id
    FROM items
)
SELECT issue_ref, field_id,
       arg_max({'to': item.to, 'toString': item.toString},
               (created_text, id_order, page_seq, entry_seq, history_seq, item_seq)) AS last_item
FROM checked
WHERE list_contains($1, field_id)
GROUP BY issue_ref, field_id;
