-- Purpose: the window every sprint indicator shares: per team, its last 6 sprints closed on
--          or before the as-of date (across all of the team's boards), newest first, each with
--          the completion of the sprint before it on the same board. A sprint shared by two of
--          the team's boards counts once: the row of the board it was created on (else the
--          lowest board id).
-- Grain: one row per team and sprint in the window.
-- Inputs: marts.fct_sprints, staging.jira_sprints (origin board).
CREATE OR REPLACE TEMP MACRO team_recent_sprints(as_of) AS TABLE
SELECT *
FROM (
    SELECT f.*,
           lag(f.completed_at) OVER (
               PARTITION BY f.source_name, f.board_id ORDER BY f.started_at)
               AS previous_completed_at
    FROM marts.fct_sprints f
    LEFT JOIN staging.jira_sprints s USING (source_name, sprint_id)
    WHERE f.team IS NOT NULL AND f.state = 'closed'
      AND f.completed_at < CAST(as_of AS DATE) + INTERVAL 1 DAY
    QUALIFY row_number() OVER (
        PARTITION BY f.team, f.source_name, f.sprint_id
        ORDER BY f.board_id IS NOT DISTINCT FROM s.origin_board_id DESC, f.board_id) = 1
)
QUALIFY row_number() OVER (PARTITION BY team ORDER BY completed_at DESC, sprint_id DESC) <= 6;

-- Purpose: the start gap of each sprint in the window: working days (Mon-Fri) from the
--          completion of the previous sprint on the same board to this sprint's start.
-- Grain: one row per team and sprint in the window that had a sprint before it.
-- Inputs: team_recent_sprints (above).
CREATE OR REPLACE TEMP MACRO team_sprint_start_gaps(as_of) AS TABLE
SELECT team, sprint_id, completed_at,
       len(list_filter(
           generate_series(previous_completed_at::DATE + 1, started_at::DATE, INTERVAL 1 DAY),
           lambda d: isodow(d) < 6)) AS gap_working_days
FROM team_recent_sprints(as_of)
WHERE previous_completed_at IS NOT NULL;
