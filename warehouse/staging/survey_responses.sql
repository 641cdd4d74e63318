-- Purpose: PM time-use survey responses from the newest version of every export file, with
--          the team resolved to a configured team and each response placed in a wave. A wave
--          is the exported wave when the source maps one, else a burst of answers: a gap of
--          more than wave_gap_days between consecutive answers of the source starts a new one.
--          One answer per respondent and wave: cumulative exports repeat earlier answers, and
--          a respondent who answered twice keeps the newest complete answer.
-- Grain: one row per source, respondent (or incomplete anonymous response) and wave.
-- Inputs: raw.survey_responses, staging.file_versions, cfg_file_sources, cfg_team_aliases.
CREATE OR REPLACE TABLE staging.survey_responses AS
WITH current AS (
    SELECT r.*, v.file_path, v.loaded_at AS version_loaded_at, c.wave_gap_days
    FROM raw.survey_responses r
    JOIN staging.file_versions v
      ON v.source_kind = 'surveys' AND v.source_name = r.source_name
     AND v.file_sha256 = r.file_sha256 AND v.is_current
    JOIN cfg_file_sources c ON c.source_kind = 'surveys' AND c.source_name = r.source_name
    WHERE r.submitted_at IS NOT NULL
),
bursts AS (
    SELECT *,
           sum(CASE WHEN gap > to_days(wave_gap_days) THEN 1 ELSE 0 END) OVER (
               PARTITION BY source_name, has_wave ORDER BY submitted_at, file_sha256, row_number
               ROWS UNBOUNDED PRECEDING) AS burst
    FROM (
        SELECT *, coalesce(trim(wave), '') <> '' AS has_wave,
               submitted_at - lag(submitted_at) OVER (
                   PARTITION BY source_name, coalesce(trim(wave), '') <> ''
                   ORDER BY submitted_at, file_sha256, row_number) AS gap
        FROM current
    )
),
waved AS (
    SELECT *,
           CASE WHEN has_wave THEN 'wave ' || trim(wave) ELSE 'burst ' || burst END AS wave_key,
           min(submitted_at) OVER (
               PARTITION BY source_name,
                   CASE WHEN has_wave THEN 'wave ' || trim(wave) ELSE 'burst ' || burst END
           )::DATE AS wave_start_date
    FROM bursts
),
deduplicated AS (
    SELECT *
    FROM waved
    QUALIFY row_number() OVER (
        PARTITION BY source_name, wave_key,
                     coalesce(respondent_hash, file_sha256 || ':' || row_number)
        ORDER BY is_complete DESC, submitted_at DESC, version_loaded_at DESC, row_number DESC
    ) = 1
)
SELECT d.source_name, a.team, nullif(trim(d.team), '') AS team_as_written, d.respondent_hash,
       dense_rank() OVER (PARTITION BY d.source_name ORDER BY d.wave_start_date, d.wave_key)
           AS wave_number,
       CASE WHEN d.has_wave THEN trim(d.wave) ELSE strftime(d.wave_start_date, '%Y-%m-%d') END
           AS wave_label,
       d.wave_start_date, d.submitted_at, d.total_hours, d.meeting_coordination_hours,
       d.reporting_hours, d.tool_research_hours, d.process_design_hours,
       d.meeting_coordination_hours + d.reporting_hours + d.tool_research_hours
           + d.process_design_hours AS overhead_hours,
       d.is_complete, d.incomplete_reason, d.file_path, d.row_number
FROM deduplicated d
LEFT JOIN cfg_team_aliases a
  ON a.alias_key = lower(regexp_replace(trim(d.team), '\s+', ' ', 'g'));
