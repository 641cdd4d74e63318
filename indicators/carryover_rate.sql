-- Purpose: carryover_rate: issues not completed at sprint close / issues in the sprint at close
--          (completed + not completed) x 100, pooled over a team's last 6 closed sprints.
-- Grain: one row per team. Inputs: team_recent_sprints (recent_sprints.sql); $as_of.
SELECT
    team AS entity,
    100.0 * sum(not_completed_issues) / nullif(sum(completed_issues + not_completed_issues), 0)
        AS value,
    count(*) AS n_samples,
    min(completed_at)::DATE AS window_start,
    max(completed_at)::DATE AS window_end,
    {'not_completed_issues': sum(not_completed_issues),
     'completed_issues': sum(completed_issues)} AS extras,
    list(sprint_id::VARCHAR ORDER BY completed_at) AS evidence,
    list([not_completed_issues, completed_issues + not_completed_issues]
         ORDER BY completed_at, sprint_id) AS samples
FROM team_recent_sprints($as_of)
GROUP BY team
ORDER BY team;
