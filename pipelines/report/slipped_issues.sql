-- Purpose: what each team committed to in its latest closed sprint and did not complete, by
--          name (summaries are text typed in Jira: the report escapes them).
-- Grain: one row per team and issue (at most $limit per team, largest estimates first).
-- Inputs: marts.fct_sprints, marts.fct_sprint_issues, marts.dim_issues; $as_of, $limit.
WITH latest AS (
    SELECT team, source_name, board_id, sprint_id, sprint_name
    FROM marts.fct_sprints
    WHERE team IS NOT NULL AND state = 'closed' AND completed_at < $as_of + INTERVAL 1 DAY
    QUALIFY row_number() OVER (PARTITION BY team ORDER BY completed_at DESC, sprint_id DESC) = 1
)
SELECT l.team, l.sprint_name, i.issue_key, d.summary, i.points_at_start, i.outcome
FROM latest l
JOIN marts.fct_sprint_issues i USING (source_name, board_id, sprint_id)
LEFT JOIN marts.dim_issues d ON d.source_name = i.source_name AND d.issue_id = i.issue_id
WHERE i.outcome IN ('committed_not_completed', 'committed_removed') AND NOT i.is_subtask
QUALIFY row_number() OVER (
    PARTITION BY l.team ORDER BY i.points_at_start DESC NULLS LAST, i.issue_key) <= $limit
ORDER BY l.team, i.points_at_start DESC NULLS LAST, i.issue_key;
