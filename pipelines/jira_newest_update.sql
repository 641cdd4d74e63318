-- Purpose: the newest `updated` (UTC) among the issues this sync landed: with the watermark
--          from before it, where the next incremental sync starts. Only the rows landed since
--          the sync started (a resumed sync: since its first start) are parsed; every night's
--          sync used to parse every issue ever stored for this one value.
-- Grain: one row.
-- Inputs: raw.jira_issues; $1 = the source name, $2 = when the sync started (UTC).
SELECT max((payload ->> '$.fields.updated')::TIMESTAMPTZ AT TIME ZONE 'UTC')
FROM raw.jira_issues
WHERE source_name = $1 AND loaded_at >= $2;
