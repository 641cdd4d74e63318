-- Purpose: outcome metric observations from the newest version of every export file, the team
--          resolved to a configured team (blank: the whole organisation). The same metric,
--          date and team in several files keeps the value loaded last.
-- Grain: one row per source, metric, date and team.
-- Inputs: raw.outcome_metrics, staging.file_versions, cfg_file_sources, cfg_team_aliases.
CREATE OR REPLACE TABLE staging.outcome_metrics AS
SELECT o.source_name, o.metric, o.metric_date, a.team, nullif(trim(o.team), '') AS team_as_written,
       coalesce(a.team, nullif(trim(o.team), ''), '') AS team_key, o.value, v.file_path,
       o.row_number
FROM raw.outcome_metrics o
JOIN staging.file_versions v
  ON v.source_kind = 'outcomes' AND v.source_name = o.source_name
 AND v.file_sha256 = o.file_sha256 AND v.is_current
LEFT JOIN cfg_team_aliases a ON a.alias_key = lower(regexp_replace(trim(o.team), '\s+', ' ', 'g'))
QUALIFY row_number() OVER (
    PARTITION BY o.source_name, o.metric, o.metric_date,
                 coalesce(a.team, nullif(trim(o.team), ''), '')
    ORDER BY v.loaded_at DESC, v.file_path DESC, o.row_number DESC) = 1;
