-- Purpose: a bulkfetch page's nextPageToken without parsing the page in Python ('' on the
--          last page); DuckDB raises on a page that is not JSON.
-- Grain: one row.
-- Inputs: $1 = the page text.
SELECT coalesce(json_extract_string($1, 'nextPageToken'), '');
