-- Purpose: retro_action_rate: share of a team's last 6 sprints closed at least 5 days before
--          the as-of date that were followed by a retro action item of the team created from
--          a day before the sprint closed to 5 days after.
-- Grain: one row per team with closed sprints.
-- Inputs: team_recent_sprints (recent_sprints.sql), marts.fct_work_items; $as_of.
WITH followed AS (
    SELECT s.team, s.sprint_id, s.completed_at, count(w.issue_id) AS retro_actions
    FROM team_recent_sprints(CAST($as_of AS DATE) - 5) s
    LEFT JOIN marts.fct_work_items w
        ON w.team = s.team AND w.is_retro_action
       AND w.created_at >= s.completed_at - INTERVAL 1 DAY
       AND w.created_at <= s.completed_at + INTERVAL 5 DAY
    GROUP BY ALL
)
SELECT
    team AS entity,
    100.0 * avg((retro_actions > 0)::INTEGER) AS value,
    count(*) AS n_samples,
    min(completed_at)::DATE AS window_start,
    max(completed_at)::DATE AS window_end,
    {'retro_action_items': sum(retro_actions),
     'sprints_followed': count(*) FILTER (WHERE retro_actions > 0)} AS extras,
    list(sprint_id::VARCHAR ORDER BY completed_at, sprint_id) AS evidence,
    list(CASE WHEN retro_actions > 0 THEN 100.0 ELSE 0.0 END ORDER BY completed_at, sprint_id)
        AS samples
FROM followed
GROUP BY team
ORDER BY team;
