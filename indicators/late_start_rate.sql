-- Purpose: late_start_rate: share of a team's last 6 closed sprints that started more than one
--          working day (Mon-Fri) after the previous sprint on the same board was completed;
--          extras: the median start gap in working days.
-- Grain: one row per team. Inputs: team_sprint_start_gaps (recent_sprints.sql); $as_of.
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
FROM team_sprint_start_gaps($as_of)
GROUP BY team
ORDER BY team;
