-- Purpose: how many histories exploded bulkfetch pages hold per issue (checked against the
--          total Jira reports, where it reports one).
-- Grain: one row per issue.
-- Inputs: bulk_histories (explode.sql).
SELECT issue_ref, count(*) AS histories
FROM bulk_histories
GROUP BY issue_ref;
