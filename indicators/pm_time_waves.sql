-- Purpose: the survey waves each team answered up to an as-of date, shared by pm_time_value
--          (team and organisation): per team, its first (baseline) and latest wave with their
--          mean weekly overhead hours, over complete responses only.
-- Grain: one row per team with at least one complete response on or before the as-of date.
-- Inputs: marts.fct_survey_responses.
CREATE OR REPLACE TEMP MACRO team_survey_waves(as_of) AS TABLE
WITH waves AS (
    SELECT team, source_name, wave_number, any_value(wave_label) AS wave_label,
           min(wave_start_date) AS wave_start, sum(overhead_hours) AS sum_hours,
           count(*) AS answers, count(DISTINCT respondent_hash) AS respondents,
           max(submitted_at) AS last_at
    FROM marts.fct_survey_responses
    WHERE is_complete AND team IS NOT NULL AND overhead_hours IS NOT NULL
      AND submitted_at < CAST(as_of AS DATE) + INTERVAL 1 DAY
    GROUP BY team, source_name, wave_number
)
SELECT team, count(*) AS waves,
       arg_min(sum_hours, (wave_start, wave_label)) AS baseline_sum_hours,
       arg_min(answers, (wave_start, wave_label)) AS baseline_answers,
       arg_min(wave_label, (wave_start, wave_label)) AS baseline_label,
       min(wave_start) AS baseline_start,
       arg_max(sum_hours, (wave_start, wave_label)) AS latest_sum_hours,
       arg_max(answers, (wave_start, wave_label)) AS latest_answers,
       arg_max(respondents, (wave_start, wave_label)) AS latest_respondents,
       arg_max(wave_label, (wave_start, wave_label)) AS latest_label,
       max(last_at)::DATE AS last_date
FROM waves
GROUP BY team;
