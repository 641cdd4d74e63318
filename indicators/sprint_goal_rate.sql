-- Purpose: sprint_goal_rate: share (x 100) of a team's last 6 closed sprints with a sprint goal.
-- Grain: one row per team. Inputs: team_recent_sprints (recent_sprints.sql); $as_of.
WITH goals AS (
    SELECT team, sprint_id, completed_at,
           100.0 * (coalesce(trim(sprint_goal), '') <> '')::INTEGER AS has_goal_pct
    FROM team_recent_sprints($as_of)
)
SELECT
    team AS entity,
    avg(has_goal_pct) AS value,
    count(*) AS n_samples,
    min(completed_at)::DATE AS window_start,
    max(completed_at)::DATE AS window_end,
    {'sprints_with_goal': sum((has_goal_pct > 0)::INTEGER)} AS extras,
    coalesce(list(sprint_id::VARCHAR ORDER BY completed_at) FILTER (WHERE has_goal_pct = 0), [])
        AS evidence,
    list(has_goal_pct ORDER BY completed_at, sprint_id) AS samples
FROM goals
GROUP BY team
ORDER BY team;
