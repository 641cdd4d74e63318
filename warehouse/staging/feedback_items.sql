-- Purpose: customer-feedback items from the newest version of every export file, the team
--          resolved to a configured team, the linked Jira keys as a list. An id listed by
--          several files keeps the row loaded last.
-- Grain: one row per source and feedback id.
-- Inputs: raw.feedback_items, staging.file_versions, cfg_team_aliases.
CREATE OR REPLACE TABLE staging.feedback_items AS
SELECT f.source_name, f.feedback_id, f.received_date, a.team,
       nullif(trim(f.team), '') AS team_as_written,
       coalesce(list_filter(string_split(f.jira_keys, ','), lambda k: k <> ''), []) AS jira_keys,
       v.file_path, f.row_number
FROM raw.feedback_items f
JOIN staging.file_versions v
  ON v.source_kind = 'feedback' AND v.source_name = f.source_name
 AND v.file_sha256 = f.file_sha256 AND v.is_current
LEFT JOIN cfg_team_aliases a ON a.alias_key = lower(regexp_replace(trim(f.team), '\s+', ' ', 'g'))
QUALIFY row_number() OVER (
    PARTITION BY f.source_name, f.feedback_id
    ORDER BY v.loaded_at DESC, v.file_path DESC, f.row_number DESC) = 1;
