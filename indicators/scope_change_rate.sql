-- Purpose: scope_change_rate: (added + removed issues) / committed issues x 100, pooled over a
--          team's last 6 closed sprints; extras: the same in points, and the counts.
-- Grain: one row per team. Inputs: team_recent_sprints (recent_sprints.sql); $as_of.
SELECT
    team AS entity,
    100.0 * sum(added_issues + removed_issues) / nullif(sum(committed_issues), 0) AS value,
    count(*) AS n_samples,
    min(completed_at)::DATE AS window_start,
    max(completed_at)::DATE AS window_end,
    {'points_pct': 100.0 * sum(added_points + removed_points) / nullif(sum(committed_points), 0),
     'added_issues': sum(added_issues),
     'removed_issues': sum(removed_issues),
     'committed_issues': sum(committed_issues)} AS extras,
    list(sprint_id::VARCHAR ORDER BY completed_at) AS evidence,
    list([added_issues + removed_issues, committed_issues] ORDER BY completed_at, sprint_id)
        AS samples
FROM team_recent_sprints($as_of)
GROUP BY team
ORDER BY team;
