-- Purpose: the survey responses BI and the PM-overhead indicators read, with the overhead
--          share of the hours worked (seed 001: meeting coordination, reporting, tool
--          research and process design are operational overhead).
-- Grain: one row per source, respondent and wave (staging.survey_responses).
-- Inputs: staging.survey_responses.
DELETE FROM marts.fct_survey_responses;
INSERT INTO marts.fct_survey_responses BY NAME
SELECT source_name, team, team_as_written, respondent_hash, wave_number, wave_label,
       wave_start_date, submitted_at, total_hours, meeting_coordination_hours, reporting_hours,
       tool_research_hours, process_design_hours, overhead_hours,
       CASE WHEN total_hours > 0 THEN 100.0 * overhead_hours / total_hours END AS overhead_pct,
       is_complete, incomplete_reason, file_path, row_number
FROM staging.survey_responses;
