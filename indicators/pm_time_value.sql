-- Purpose: pm_time_value per team: (baseline - latest mean weekly overhead hours) x hourly
--          rate x headcount x weeks per month; null with a single wave or without a rate.
-- Grain: one row per team with complete survey responses up to the as-of date.
-- Inputs: team_survey_waves (pm_time_waves.sql), marts.dim_pm_costs; $as_of.
WITH paired AS (
    SELECT w.*, baseline_sum_hours / baseline_answers AS baseline_hours,
           latest_sum_hours / latest_answers AS latest_hours,
           coalesce(t.pm_headcount, w.latest_respondents) AS headcount
    FROM team_survey_waves($as_of) w
    LEFT JOIN marts.dim_pm_costs t ON t.scope = 'team' AND t.entity = w.team
)
SELECT p.team AS entity,
       CASE WHEN p.waves >= 2 THEN
           (p.baseline_hours - p.latest_hours) * c.pm_hourly_rate * p.headcount * c.weeks_per_month
       END AS value,
       CASE WHEN p.waves >= 2 THEN p.baseline_answers + p.latest_answers
            ELSE p.latest_answers END AS n_samples,
       p.baseline_start AS window_start,
       p.last_date AS window_end,
       {'baseline_overhead_hours': p.baseline_hours,
        'latest_overhead_hours': p.latest_hours,
        'hours_saved_per_pm_week': CASE WHEN p.waves >= 2 THEN p.baseline_hours - p.latest_hours END,
        'pm_hourly_rate': c.pm_hourly_rate,
        'pm_headcount': p.headcount,
        'weeks_per_month': c.weeks_per_month} AS extras,
       [p.baseline_label, p.latest_label] AS evidence
FROM paired p
CROSS JOIN (SELECT * FROM marts.dim_pm_costs WHERE scope = 'organisation') c
ORDER BY p.team;
