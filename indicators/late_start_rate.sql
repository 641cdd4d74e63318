-- Purpose: late_start_rate: share of a team's last 6 closed sprints that started more than one
--          working day (Mon-Fri) after the previous sprint on the same board was completed;
--          extras: the median start gap in working days.
-- Grain: one row per team. Inputs: team_recent_sprints (recent_sprints.sql); $as_of.
WITH gaps AS (
    SELECT team, sprint_id, completed_at,
           len(list_filter(
               generate_series(previous_completed_at::DATE + 1, started_at::DATE, INTERVAL 1 DAY),
               lambda d: isodow(d) < 6)) AS gap_working_days
    FROM team_recent_sprints($as_of)
    WHERE previous_completed_at IS NOT NULL
)
SELECT
    team AS entity,
    100.0 * avg((gap_working_days > 1)::INTEGER) AS value,
    count(*) AS n_samples,
    min(completed_at)::DATE AS window_start,
    max(completed_at)::DATE AS window_end,
    {'median_start_gap_working_days': median(gap_working_days)} AS extras,
    list(sprint_id::VARCHAR ORDER BY completed_at) FILTER (WHERE gap_working_days > 1) AS evidence,
    list(100.0 * (gap_working_days > 1)::INTEGER ORDER BY completed_at, sprint_id)
        FILTER (WHERE gap_working_days IS NOT NULL) AS samples
FROM gaps
GROUP BY team
ORDER BY team;
