-- Purpose: sprint-report figures per board and sprint, summed from fct_sprint_issues.
--          Sub-tasks are never counted; a missing estimate counts as 0 points.
-- Grain: one row per source, board and started (active or closed) sprint.
-- Inputs: marts.fct_sprint_issues, staging.jira_sprints, staging.jira_board_configs,
--         marts.dim_teams.
DELETE FROM marts.fct_sprints;
INSERT INTO marts.fct_sprints
WITH sprints AS (
    SELECT bs.source_name, bs.board_id, bs.sprint_id, s.sprint_name, s.state, s.started_at,
           s.planned_end_at, s.completed_at,
           coalesce(s.completed_at, src.observed_at) AS t1
    FROM staging.jira_board_sprints bs
    JOIN staging.jira_sprints s USING (source_name, sprint_id)
    JOIN staging.jira_sources src USING (source_name)
    WHERE s.state IN ('active', 'closed') AND s.started_at IS NOT NULL
),
configured AS (
    SELECT s.*, c.estimate_field_id, c.observed_at AS board_config_valid_from
    FROM sprints s
    ASOF JOIN staging.jira_board_configs c
        ON c.source_name = s.source_name AND c.board_id = s.board_id AND c.valid_from <= s.t1
),
counted AS (
    SELECT *, coalesce(points_at_start, 0) AS p0, coalesce(points_at_end, 0) AS p1
    FROM marts.fct_sprint_issues WHERE NOT is_subtask
),
figures AS (
    SELECT source_name, board_id, sprint_id,
        count(*) FILTER (WHERE outcome IN ('committed_completed', 'committed_not_completed', 'committed_removed')) AS committed_issues,
        sum(p0) FILTER (WHERE outcome IN ('committed_completed', 'committed_not_completed', 'committed_removed')) AS committed_points,
        count(*) FILTER (WHERE outcome IN ('committed_completed', 'committed_not_completed', 'committed_removed') AND points_at_start IS NOT NULL)
            AS committed_estimated_issues,
        count(*) FILTER (WHERE outcome IN ('added_completed', 'added_not_completed', 'added_removed')) AS added_issues,
        sum(p0) FILTER (WHERE outcome IN ('added_completed', 'added_not_completed', 'added_removed')) AS added_points,
        count(*) FILTER (WHERE outcome IN ('committed_removed', 'added_removed')) AS removed_issues,
        sum(p1) FILTER (WHERE outcome IN ('committed_removed', 'added_removed')) AS removed_points,
        count(*) FILTER (WHERE outcome IN ('committed_completed', 'added_completed'))
            AS completed_issues,
        sum(p1) FILTER (WHERE outcome IN ('committed_completed', 'added_completed'))
            AS completed_points,
        count(*) FILTER (WHERE outcome = 'committed_completed') AS completed_committed_issues,
        sum(p1) FILTER (WHERE outcome = 'committed_completed') AS completed_committed_points,
        count(*) FILTER (WHERE outcome IN ('committed_not_completed', 'added_not_completed')) AS not_completed_issues,
        count(*) FILTER (WHERE outcome = 'completed_in_another_sprint')
            AS completed_in_another_sprint_issues,
        sum(p1 - p0) FILTER (WHERE outcome <> 'completed_in_another_sprint')
            AS reestimated_points_delta
    FROM counted
    GROUP BY ALL
)
SELECT
    c.source_name, c.board_id, c.sprint_id, c.sprint_name, t.team, c.state,
    c.started_at, c.planned_end_at, c.completed_at,
    coalesce(f.committed_issues, 0), coalesce(f.committed_points, 0),
    coalesce(f.committed_estimated_issues, 0),
    coalesce(f.added_issues, 0), coalesce(f.added_points, 0),
    coalesce(f.removed_issues, 0), coalesce(f.removed_points, 0),
    coalesce(f.completed_issues, 0), coalesce(f.completed_points, 0),
    coalesce(f.completed_committed_issues, 0), coalesce(f.completed_committed_points, 0),
    coalesce(f.not_completed_issues, 0), coalesce(f.completed_in_another_sprint_issues, 0),
    coalesce(f.reestimated_points_delta, 0),
    100.0 * coalesce(f.completed_points, 0) / nullif(f.committed_points, 0) AS predictability_pct,
    100.0 * coalesce(f.completed_committed_points, 0) / nullif(f.committed_points, 0)
        AS strict_predictability_pct,
    c.state = 'active' AS is_provisional,
    'reconstructed' AS figures_source,
    NULL AS is_reconciled,
    c.estimate_field_id,
    c.board_config_valid_from
FROM configured c
LEFT JOIN figures f USING (source_name, board_id, sprint_id)
LEFT JOIN marts.dim_teams t USING (source_name, board_id);
