-- Purpose: sprint-report figures per board and sprint. Where Jira gave its own sprint report
--          (a 200 answer) the figures are Jira's, summed from the issues it lists
--          (figures_source = 'jira_sprint_report') and is_reconciled says whether the
--          reconstruction agrees on every issue; elsewhere they are summed from the
--          reconstruction (marts.fct_sprint_issues, sub-tasks never counted) and is_reconciled
--          is null. Both sides are summed by the same rules: a missing estimate counts as 0
--          points; committed and added are valued at the start (or entry), completed and
--          removed at the end (or exit).
-- Grain: one row per source, board and started (active or closed) sprint.
-- Inputs: marts.fct_sprint_issues, marts.fct_sprint_reconciliation,
--         staging.jira_sprint_report_issues, staging.jira_sprint_reports,
--         staging.jira_sprint_windows (started sprints and the board configuration at T1),
--         marts.dim_teams.
DELETE FROM marts.fct_sprints;
INSERT INTO marts.fct_sprints BY NAME
WITH reported AS (
    SELECT source_name, board_id, sprint_id FROM staging.jira_sprint_reports WHERE has_report
),
counted AS (
    SELECT source_name, board_id, sprint_id, outcome, points_at_start, points_at_end
    FROM marts.fct_sprint_issues
    ANTI JOIN reported USING (source_name, board_id, sprint_id)
    WHERE NOT is_subtask
    UNION ALL
    SELECT source_name, board_id, sprint_id, outcome, points_at_start, points_at_end
    FROM staging.jira_sprint_report_issues
),
figures AS (
    SELECT source_name, board_id, sprint_id,
        count(*) FILTER (WHERE outcome LIKE 'committed_%') AS committed_issues,
        sum(coalesce(points_at_start, 0)) FILTER (WHERE outcome LIKE 'committed_%')
            AS committed_points,
        count(*) FILTER (WHERE outcome LIKE 'committed_%' AND points_at_start IS NOT NULL)
            AS committed_estimated_issues,
        count(*) FILTER (WHERE outcome LIKE 'added_%') AS added_issues,
        sum(coalesce(points_at_start, 0)) FILTER (WHERE outcome LIKE 'added_%') AS added_points,
        count(*) FILTER (WHERE outcome LIKE '%_removed') AS removed_issues,
        sum(coalesce(points_at_end, 0)) FILTER (WHERE outcome LIKE '%_removed') AS removed_points,
        count(*) FILTER (WHERE outcome IN ('committed_completed', 'added_completed'))
            AS completed_issues,
        sum(coalesce(points_at_end, 0))
            FILTER (WHERE outcome IN ('committed_completed', 'added_completed'))
            AS completed_points,
        count(*) FILTER (WHERE outcome = 'committed_completed') AS completed_committed_issues,
        sum(coalesce(points_at_end, 0)) FILTER (WHERE outcome = 'committed_completed')
            AS completed_committed_points,
        count(*) FILTER (WHERE outcome LIKE '%_not_completed') AS not_completed_issues,
        count(*) FILTER (WHERE outcome = 'completed_in_another_sprint')
            AS completed_in_another_sprint_issues,
        sum(coalesce(points_at_end, 0) - coalesce(points_at_start, 0))
            FILTER (WHERE outcome <> 'completed_in_another_sprint') AS reestimated_points_delta
    FROM counted
    GROUP BY ALL
),
differences AS (
    SELECT source_name, board_id, sprint_id, count(*) AS differing_issues
    FROM marts.fct_sprint_reconciliation
    GROUP BY ALL
)
SELECT
    c.source_name, c.board_id, c.sprint_id, c.sprint_name, t.team, c.state,
    c.started_at, c.planned_end_at, c.completed_at,
    coalesce(f.committed_issues, 0) AS committed_issues,
    coalesce(f.committed_points, 0) AS committed_points,
    coalesce(f.committed_estimated_issues, 0) AS committed_estimated_issues,
    coalesce(f.added_issues, 0) AS added_issues,
    coalesce(f.added_points, 0) AS added_points,
    coalesce(f.removed_issues, 0) AS removed_issues,
    coalesce(f.removed_points, 0) AS removed_points,
    coalesce(f.completed_issues, 0) AS completed_issues,
    coalesce(f.completed_points, 0) AS completed_points,
    coalesce(f.completed_committed_issues, 0) AS completed_committed_issues,
    coalesce(f.completed_committed_points, 0) AS completed_committed_points,
    coalesce(f.not_completed_issues, 0) AS not_completed_issues,
    coalesce(f.completed_in_another_sprint_issues, 0) AS completed_in_another_sprint_issues,
    coalesce(f.reestimated_points_delta, 0) AS reestimated_points_delta,
    100.0 * coalesce(f.completed_points, 0) / nullif(f.committed_points, 0) AS predictability_pct,
    100.0 * coalesce(f.completed_committed_points, 0) / nullif(f.committed_points, 0)
        AS strict_predictability_pct,
    c.state = 'active' AS is_provisional,
    CASE WHEN r.sprint_id IS NULL THEN 'reconstructed' ELSE 'jira_sprint_report' END
        AS figures_source,
    CASE WHEN r.sprint_id IS NOT NULL THEN d.sprint_id IS NULL END AS is_reconciled,
    CASE WHEN r.sprint_id IS NOT NULL THEN coalesce(d.differing_issues, 0) END
        AS differing_issues,
    c.estimate_field_id,
    c.board_config_valid_from,
    c.goal AS sprint_goal
FROM staging.jira_sprint_windows c
LEFT JOIN figures f USING (source_name, board_id, sprint_id)
LEFT JOIN reported r USING (source_name, board_id, sprint_id)
LEFT JOIN differences d USING (source_name, board_id, sprint_id)
LEFT JOIN marts.dim_teams t USING (source_name, board_id);
