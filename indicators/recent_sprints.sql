-- Purpose: the window every sprint indicator shares: per team, its last 6 sprints closed on
--          or before the as-of date (across all of the team's boards), newest first, each with
--          the completion of the sprint before it on the same board.
-- Grain: one row per team and sprint in the window.
-- Inputs: marts.fct_sprints.
CREATE OR REPLACE TEMP MACRO team_recent_sprints(as_of) AS TABLE
SELECT *
FROM (
    SELECT f.*,
           lag(f.completed_at) OVER (
               PARTITION BY f.source_name, f.board_id ORDER BY f.started_at) AS previous_completed_at,
           row_number() OVER (
               PARTITION BY f.team ORDER BY f.completed_at DESC, f.sprint_id DESC) AS recency
    FROM marts.fct_sprints f
    WHERE f.team IS NOT NULL AND f.state = 'closed'
      AND f.completed_at < CAST(as_of AS DATE) + INTERVAL 1 DAY
)
WHERE recency <= 6;
