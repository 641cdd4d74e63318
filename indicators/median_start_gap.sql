-- Purpose: median_start_gap: median working days (Mon-Fri) from the previous sprint's completion
--          on the same board to the start of each of a team's last 6 closed sprints.
-- Grain: one row per team. Inputs: team_sprint_start_gaps (recent_sprints.sql); $as_of.
SELECT
    team AS entity,
    median(gap_working_days) AS value,
    count(*) AS n_samples,
    min(completed_at)::DATE AS window_start,
    max(completed_at)::DATE AS window_end,
    {'max_gap_working_days': max(gap_working_days)} AS extras,
    list(sprint_id::VARCHAR ORDER BY completed_at) AS evidence,
    list(gap_working_days ORDER BY completed_at, sprint_id) AS samples
FROM team_sprint_start_gaps($as_of)
GROUP BY team
ORDER BY team;
