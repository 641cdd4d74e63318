-- Purpose: median_start_gap: median working days (Mon-Fri) from the previous sprint's completion
--          on the same board to the start of each of a team's last 6 closed sprints.
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
    median(gap_working_days) AS value,
    count(*) AS n_samples,
    min(completed_at)::DATE AS window_start,
    max(completed_at)::DATE AS window_end,
    {'max_gap_working_days': max(gap_working_days)} AS extras,
    list(sprint_id::VARCHAR ORDER BY completed_at) AS evidence,
    list(gap_working_days ORDER BY completed_at, sprint_id) AS samples
FROM gaps
GROUP BY team
ORDER BY team;
