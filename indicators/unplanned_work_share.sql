-- Purpose: unplanned_work_share: completed issues that were added after the start / completed
--          issues x 100, pooled over a team's last 6 closed sprints; extras: the same in points.
-- Grain: one row per team. Inputs: team_recent_sprints (recent_sprints.sql); $as_of.
SELECT
    team AS entity,
    100.0 * sum(completed_issues - completed_committed_issues) / nullif(sum(completed_issues), 0)
        AS value,
    count(*) AS n_samples,
    min(completed_at)::DATE AS window_start,
    max(completed_at)::DATE AS window_end,
    {'points_pct': 100.0 * sum(completed_points - completed_committed_points)
                   / nullif(sum(completed_points), 0),
     'added_completed_issues': sum(completed_issues - completed_committed_issues),
     'completed_issues': sum(completed_issues)} AS extras,
    list(sprint_id::VARCHAR ORDER BY completed_at) AS evidence,
    list([completed_issues - completed_committed_issues, completed_issues]
         ORDER BY completed_at, sprint_id) AS samples
FROM team_recent_sprints($as_of)
GROUP BY team
ORDER BY team;
