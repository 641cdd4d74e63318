-- Purpose: the sprint evidence behind the predictability and cadence criteria: each team's
--          last closed sprints up to the as-of date, with predictability, length, and the gap
--          since the previous sprint of the same board closed (planning delays).
-- Grain: one row per team, board and closed sprint (the last $last per team).
-- Inputs: marts.fct_sprints; $as_of, $last.
WITH closed AS (
    SELECT team, source_name, board_id, sprint_id, sprint_name, started_at, completed_at,
           predictability_pct, strict_predictability_pct, committed_points, completed_points,
           date_diff('hour', started_at, completed_at) / 24.0 AS length_days,
           date_diff('hour', lag(completed_at) OVER board, started_at) / 24.0 AS start_gap_days
    FROM marts.fct_sprints
    WHERE team IS NOT NULL AND state = 'closed' AND completed_at < $as_of + INTERVAL 1 DAY
    WINDOW board AS (PARTITION BY source_name, board_id ORDER BY started_at, sprint_id)
)
SELECT team, sprint_id, sprint_name, started_at, completed_at, predictability_pct,
       strict_predictability_pct, committed_points, completed_points, length_days, start_gap_days
FROM closed
QUALIFY row_number() OVER (PARTITION BY team ORDER BY completed_at DESC, sprint_id DESC) <= $last
ORDER BY team, completed_at, sprint_id;
