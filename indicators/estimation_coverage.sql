-- Purpose: estimation_coverage: share of committed issues (sub-tasks excluded) that carried an
--          estimate at sprint start, over a team's last 6 closed sprints.
-- Grain: one row per team. Inputs: team_recent_sprints (recent_sprints.sql); $as_of.
SELECT
    team AS entity,
    100.0 * sum(committed_estimated_issues) / nullif(sum(committed_issues), 0) AS value,
    count(*) AS n_samples,
    min(completed_at)::DATE AS window_start,
    max(completed_at)::DATE AS window_end,
    {'committed_issues': sum(committed_issues)} AS extras,
    list(sprint_id::VARCHAR ORDER BY completed_at) AS evidence,
    list([committed_estimated_issues, committed_issues] ORDER BY completed_at, sprint_id)
        AS samples
FROM team_recent_sprints($as_of)
GROUP BY team
ORDER BY team;
