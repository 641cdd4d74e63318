-- Purpose: pm_time_value for the organisation: the baseline and latest answers of every team
--          with two waves pooled; headcount = [costs] pm_headcount, else the teams' headcounts
--          (configured, or the latest wave's respondents) summed.
-- Grain: one row (entity 'organisation') when any team answered up to the as-of date.
-- Inputs: team_survey_waves (pm_time_waves.sql), marts.dim_pm_costs; $as_of.
WITH teams AS (
    SELECT w.*, coalesce(t.pm_headcount, w.latest_respondents) AS headcount
    FROM team_survey_waves($as_of) w
    LEFT JOIN marts.dim_pm_costs t ON t.scope = 'team' AND t.entity = w.team
),
pooled AS (
    SELECT sum(baseline_sum_hours) FILTER (WHERE waves >= 2)
               / sum(baseline_answers) FILTER (WHERE waves >= 2) AS baseline_hours,
           sum(latest_sum_hours) FILTER (WHERE waves >= 2)
               / sum(latest_answers) FILTER (WHERE waves >= 2) AS latest_hours,
           sum(baseline_answers + latest_answers) FILTER (WHERE waves >= 2) AS answers,
           sum(headcount) AS teams_headcount,
           count(*) FILTER (WHERE waves >= 2) AS teams_compared,
           min(baseline_start) AS window_start, max(last_date) AS window_end,
           list(team ORDER BY team) FILTER (WHERE waves >= 2) AS compared
    FROM teams
)
SELECT 'organisation' AS entity,
       (p.baseline_hours - p.latest_hours) * c.pm_hourly_rate
           * coalesce(c.pm_headcount, p.teams_headcount) * c.weeks_per_month AS value,
       coalesce(p.answers, 0) AS n_samples,
       p.window_start, p.window_end,
       {'baseline_overhead_hours': p.baseline_hours,
        'latest_overhead_hours': p.latest_hours,
        'hours_saved_per_pm_week': p.baseline_hours - p.latest_hours,
        'pm_hourly_rate': c.pm_hourly_rate,
        'pm_headcount': coalesce(c.pm_headcount, p.teams_headcount),
        'weeks_per_month': c.weeks_per_month,
        'teams_compared': p.teams_compared} AS extras,
       coalesce(p.compared, []) AS evidence
FROM pooled p
CROSS JOIN (SELECT * FROM marts.dim_pm_costs WHERE scope = 'organisation') c
WHERE p.window_start IS NOT NULL;
