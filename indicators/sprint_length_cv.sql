-- Purpose: sprint_length_cv: coefficient of variation (population std / mean) of the actual
--          length in days (start to completion) of a team's last 6 closed sprints.
-- Grain: one row per team. Inputs: team_recent_sprints (recent_sprints.sql); $as_of.
WITH lengths AS (
    SELECT team, sprint_id, completed_at,
           epoch(completed_at - started_at) / 86400.0 AS length_days
    FROM team_recent_sprints($as_of)
)
SELECT
    team AS entity,
    stddev_pop(length_days) / nullif(avg(length_days), 0) AS value,
    count(*) AS n_samples,
    min(completed_at)::DATE AS window_start,
    max(completed_at)::DATE AS window_end,
    {'mean_length_days': avg(length_days)} AS extras,
    list(sprint_id::VARCHAR ORDER BY completed_at) AS evidence,
    list(length_days ORDER BY completed_at, sprint_id) FILTER (WHERE length_days IS NOT NULL)
        AS samples
FROM lengths
GROUP BY team
ORDER BY team;
