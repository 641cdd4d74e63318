-- Purpose: the outcome of every issue in every sprint, with Jira's sprint-report semantics
--          (../shared/JIRA.md): committed = in the sprint at its start T0 and not already done;
--          added = entered in (T0, T1]; removed = not in the sprint at completion T1; completed =
--          in the sprint and in the board's Done column at T1 (the board configuration valid at
--          T1); completed_in_another_sprint = already done when it entered. Carry-over keeps the
--          closed sprint in the Sprint field, so it is not a removal. Active sprints use the
--          moment of the last sync as T1.
-- Grain: one row per source, board, sprint and issue.
-- Inputs: staging.jira_sprint_spells, staging.jira_field_history, staging.jira_sprints,
--         staging.jira_board_sprints, staging.jira_board_configs, staging.jira_issues.
DELETE FROM marts.fct_sprint_issues;
INSERT INTO marts.fct_sprint_issues
WITH sprints AS (
    SELECT bs.source_name, bs.board_id, bs.sprint_id, s.started_at AS t0,
           coalesce(s.completed_at, src.observed_at) AS t1
    FROM staging.jira_board_sprints bs
    JOIN staging.jira_sprints s USING (source_name, sprint_id)
    JOIN staging.jira_sources src USING (source_name)
    WHERE s.state IN ('active', 'closed') AND s.started_at IS NOT NULL
),
configured AS (
    SELECT s.*, c.done_status_ids, c.estimate_field_id
    FROM sprints s
    ASOF JOIN staging.jira_board_configs c
        ON c.source_name = s.source_name AND c.board_id = s.board_id AND c.valid_from <= s.t1
),
members AS (
    SELECT c.source_name, c.board_id, c.sprint_id, c.t0, c.t1, c.done_status_ids,
           c.estimate_field_id, sp.issue_id,
           bool_or(sp.entered_at <= c.t0 AND sp.left_at > c.t0) AS is_in_at_start,
           bool_or(sp.entered_at <= c.t1 AND sp.left_at > c.t1) AS is_in_at_end,
           min(sp.entered_at) FILTER (WHERE sp.entered_at > c.t0) AS first_added_at,
           max(sp.left_at) FILTER (WHERE sp.left_at <= c.t1) AS last_left_at
    FROM configured c
    JOIN staging.jira_sprint_spells sp
        ON sp.source_name = c.source_name AND sp.sprint_id = c.sprint_id
       AND sp.entered_at <= c.t1 AND sp.left_at > c.t0
    GROUP BY ALL
),
moments AS (
    SELECT *,
           CASE WHEN is_in_at_start THEN t0 ELSE first_added_at END AS entered_at,
           CASE WHEN NOT is_in_at_end THEN last_left_at END AS left_at
    FROM members
),
statuses AS (SELECT * FROM staging.jira_field_history WHERE field_key = 'status'),
estimates AS (SELECT * FROM staging.jira_field_history WHERE field_key = 'estimate'),
valued AS (
    SELECT m.*,
           list_contains(m.done_status_ids, s_in.value) AS is_done_at_entry,
           list_contains(m.done_status_ids, s_end.value) AS is_done_at_end,
           TRY_CAST(e_in.value AS DOUBLE) AS points_at_entry,
           TRY_CAST(e_end.value AS DOUBLE) AS points_at_t1,
           TRY_CAST(e_left.value AS DOUBLE) AS points_at_left
    FROM moments m
    ASOF LEFT JOIN statuses s_in
        ON s_in.source_name = m.source_name AND s_in.issue_id = m.issue_id
       AND s_in.valid_from <= m.entered_at
    ASOF LEFT JOIN statuses s_end
        ON s_end.source_name = m.source_name AND s_end.issue_id = m.issue_id
       AND s_end.valid_from <= m.t1
    ASOF LEFT JOIN estimates e_in
        ON e_in.source_name = m.source_name AND e_in.issue_id = m.issue_id
       AND e_in.field_id = m.estimate_field_id AND e_in.valid_from <= m.entered_at
    ASOF LEFT JOIN estimates e_end
        ON e_end.source_name = m.source_name AND e_end.issue_id = m.issue_id
       AND e_end.field_id = m.estimate_field_id AND e_end.valid_from <= m.t1
    ASOF LEFT JOIN estimates e_left
        ON e_left.source_name = m.source_name AND e_left.issue_id = m.issue_id
       AND e_left.field_id = m.estimate_field_id AND e_left.valid_from <= coalesce(m.left_at, m.t1)
)
SELECT
    v.source_name, v.board_id, v.sprint_id, i.issue_key, v.issue_id,
    CASE
        WHEN coalesce(v.is_done_at_entry, false) THEN 'completed_in_another_sprint'
        ELSE (CASE WHEN v.is_in_at_start THEN 'committed_' ELSE 'added_' END) ||
             (CASE WHEN NOT v.is_in_at_end THEN 'removed'
                   WHEN coalesce(v.is_done_at_end, false) THEN 'completed'
                   ELSE 'not_completed' END)
    END AS outcome,
    v.points_at_entry AS points_at_start,
    CASE WHEN v.is_in_at_end THEN v.points_at_t1 ELSE v.points_at_left END AS points_at_end,
    v.entered_at,
    v.left_at,
    i.is_subtask
FROM valued v
JOIN staging.jira_issues i USING (source_name, issue_id)
WHERE v.entered_at IS NOT NULL AND NOT i.is_deleted;
