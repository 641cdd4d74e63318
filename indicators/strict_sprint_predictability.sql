-- Purpose: strict_sprint_predictability: median over a team's last 6 closed sprints of
--          completed estimates of committed issues / committed estimates x 100 (added work
--          cannot inflate it), with the interquartile range.
-- Grain: one row per team. Inputs: team_recent_sprints (recent_sprints.sql); $as_of.
WITH ratios AS (
    SELECT team, sprint_id, completed_at,
           CASE WHEN committed_points > 0
                    THEN 100.0 * completed_committed_points / committed_points
                WHEN committed_issues > 0
                    THEN 100.0 * completed_committed_issues / committed_issues
           END AS pct
    FROM team_recent_sprints($as_of)
)
SELECT
    team AS entity,
    median(pct) AS value,
    count(pct) AS n_samples,
    min(completed_at)::DATE AS window_start,
    max(completed_at)::DATE AS window_end,
    {'iqr': quantile_cont(pct, 0.75) - quantile_cont(pct, 0.25)} AS extras,
    list(sprint_id::VARCHAR ORDER BY completed_at) AS evidence,
    list(pct ORDER BY completed_at, sprint_id) FILTER (WHERE pct IS NOT NULL) AS samples
FROM ratios
GROUP BY team
ORDER BY team;
