-- Purpose: sprint_predictability: median Jira-style predictability of a team's last 6 closed
--          sprints (completed / committed points x 100; issue counts when the team commits no
--          points), with the interquartile range.
-- Grain: one row per team. Inputs: team_recent_sprints (recent_sprints.sql); $as_of.
WITH ratios AS (
    SELECT team, sprint_id, completed_at,
           CASE WHEN committed_points > 0 THEN 100.0 * completed_points / committed_points
                WHEN committed_issues > 0 THEN 100.0 * completed_issues / committed_issues
           END AS pct,
           committed_points > 0 AS is_in_points
    FROM team_recent_sprints($as_of)
)
SELECT
    team AS entity,
    median(pct) AS value,
    count(pct) AS n_samples,
    min(completed_at)::DATE AS window_start,
    max(completed_at)::DATE AS window_end,
    {'iqr': quantile_cont(pct, 0.75) - quantile_cont(pct, 0.25),
     'share_in_points': avg(is_in_points::INTEGER)} AS extras,
    list(sprint_id::VARCHAR ORDER BY completed_at) AS evidence,
    list(pct ORDER BY completed_at, sprint_id) FILTER (WHERE pct IS NOT NULL) AS samples
FROM ratios
GROUP BY team
ORDER BY team;
