-- Purpose: the outcome of every issue in every sprint, Jira's sprint report reconstructed
--          from the issue history (JIRA.md). For board B and sprint S: T0 = the actual start
--          (Data Center: activatedDate); T1 = completion, or for an active sprint the moment
--          of the last sync (its figures are provisional). The board configuration valid at T1
--          says what Done meant and which field holds the estimate. An issue is in the report
--          when it was in S at T0 or entered S in (T0, T1], unless it was deleted in Jira
--          since (Jira no longer reports it); its entry moment E is T0, else its first entry
--          after T0. Status and estimates are read at E and at T1 (estimates at the last exit
--          for an issue no longer in S at T1). Outcomes: committed = in S at T0 and not
--          already done; added = entered in (T0, T1]; removed = not in S at T1; completed = in
--          S and in the board's Done column at T1; completed_in_another_sprint = already done
--          when it entered. Carry-over keeps the closed sprint in the Sprint field, so it is
--          not a removal. The statuses at entry and at T1 are kept as the evidence for an
--          outcome. This table is always the reconstruction, also where Jira's report exists:
--          it is what explains a difference (marts.fct_sprint_reconciliation).
--          Vectorised: one aggregate over sprint events, one each over status and estimate
--          changes, joined to the issues in the report, written straight into the mart (a
--          staging copy of every intermediate value cost a quarter of the replay's time, and
--          nothing read it but the two models that now read this table).
-- Grain: one row per source, board, sprint and issue in the report (sub-tasks included).
-- Inputs: staging.jira_sprint_windows (started sprints, T0, T1, the board configuration at
--         T1), staging.jira_sprint_events, staging.jira_status_changes,
--         staging.jira_field_changes (estimates), staging.jira_issues.
DELETE FROM marts.fct_sprint_issues;
INSERT INTO marts.fct_sprint_issues BY NAME
WITH configured AS (
    SELECT source_name, board_id, sprint_id, t0, t1, done_status_ids, estimate_field_id
    FROM staging.jira_sprint_windows
),
membership AS (
    SELECT s.source_name, s.board_id, s.sprint_id, e.issue_id,
           coalesce(arg_max(e.is_entry, e.event_key) FILTER (WHERE e.event_at <= s.t0), false)
               AS is_in_at_start,
           arg_max(e.is_entry, e.event_key) AS is_in_at_end,
           min(e.event_at) FILTER (WHERE e.is_entry AND e.event_at > s.t0) AS first_added_at,
           max(e.event_at) FILTER (WHERE NOT e.is_entry AND e.event_at > s.t0) AS last_left_at
    FROM configured s
    JOIN staging.jira_sprint_events e
        ON e.source_name = s.source_name AND e.sprint_id = s.sprint_id AND e.event_at <= s.t1
    GROUP BY s.source_name, s.board_id, s.sprint_id, e.issue_id
),
moments AS (
    SELECT m.*, c.t1, c.estimate_field_id, c.done_status_ids,
           CASE WHEN m.is_in_at_start THEN c.t0 ELSE m.first_added_at END AS entered_at,
           CASE WHEN m.is_in_at_end THEN c.t1 ELSE m.last_left_at END AS end_at,
           row_number() OVER () AS candidate
    FROM membership m
    JOIN configured c USING (source_name, board_id, sprint_id)
    WHERE m.is_in_at_start OR m.first_added_at IS NOT NULL
),
-- The value at a moment is the "to" of the last change at or before it; before the first
-- change, that change's "from"; with no change at all, the current value.
statuses AS (
    SELECT m.candidate,
           arg_max(c.to_status, c.change_seq) FILTER (WHERE c.changed_at <= m.entered_at)
               AS at_entry,
           arg_max(c.to_status, c.change_seq) FILTER (WHERE c.changed_at <= m.t1) AS at_end,
           arg_min(c.from_status, c.change_seq) AS at_creation
    FROM moments m
    JOIN staging.jira_status_changes c
        ON c.source_name = m.source_name AND c.issue_id = m.issue_id
    GROUP BY m.candidate
),
-- Estimates can be cleared: '' (no number) tells a change to empty apart from no change
-- (a struct did the same at a quarter more of this aggregate's time).
estimates AS (
    SELECT m.candidate,
           arg_max(coalesce(c.to_value, ''), c.change_key)
               FILTER (WHERE c.changed_at <= m.entered_at) AS at_entry,
           arg_max(coalesce(c.to_value, ''), c.change_key)
               FILTER (WHERE c.changed_at <= m.end_at) AS at_end,
           arg_min(coalesce(c.from_value, ''), c.change_key) AS at_creation
    FROM moments m
    JOIN staging.jira_field_changes c
        ON c.source_name = m.source_name AND c.issue_id = m.issue_id
       AND c.field_key = 'estimate' AND c.field_id = m.estimate_field_id
    GROUP BY m.candidate
),
issues_now AS (
    -- The issue as it is now, with its current estimate in each field a board reads (a
    -- board without an estimate field reads ''): read from the custom fields here, before
    -- the join, so the join does not carry every issue's custom fields (a fifth faster).
    SELECT i.source_name, i.issue_id, i.issue_key, i.is_subtask, i.status_id, f.read_field,
           staging.jira_points(i.custom_fields, f.estimate_field_id) AS current_points
    FROM staging.jira_issues i
    JOIN (SELECT DISTINCT source_name, estimate_field_id,
                 coalesce(estimate_field_id, '') AS read_field
          FROM configured) f USING (source_name)
    WHERE NOT i.is_deleted
),
valued AS (
    SELECT m.*, i.issue_key, i.is_subtask,
           coalesce(st.at_entry, st.at_creation, i.status_id) AS status_at_entry,
           coalesce(st.at_end, st.at_creation, i.status_id) AS status_at_end,
           CASE WHEN es.at_entry IS NOT NULL THEN TRY_CAST(es.at_entry AS DOUBLE)
                WHEN es.at_creation IS NOT NULL THEN TRY_CAST(es.at_creation AS DOUBLE)
                ELSE i.current_points
           END AS points_at_start,
           CASE WHEN es.at_end IS NOT NULL THEN TRY_CAST(es.at_end AS DOUBLE)
                WHEN es.at_creation IS NOT NULL THEN TRY_CAST(es.at_creation AS DOUBLE)
                ELSE i.current_points
           END AS points_at_end
    FROM moments m
    JOIN issues_now i ON i.source_name = m.source_name AND i.issue_id = m.issue_id
                     AND i.read_field = coalesce(m.estimate_field_id, '')
    LEFT JOIN statuses st USING (candidate)
    LEFT JOIN estimates es USING (candidate)
)
SELECT
    source_name, board_id, sprint_id, issue_id, issue_key, is_subtask, entered_at,
    CASE WHEN NOT is_in_at_end THEN last_left_at END AS left_at,
    points_at_start, points_at_end, status_at_entry, status_at_end,
    CASE
        WHEN coalesce(list_contains(done_status_ids, status_at_entry), false)
            THEN 'completed_in_another_sprint'
        ELSE (CASE WHEN is_in_at_start THEN 'committed_' ELSE 'added_' END) ||
             (CASE WHEN NOT is_in_at_end THEN 'removed'
                   WHEN coalesce(list_contains(done_status_ids, status_at_end), false)
                       THEN 'completed'
                   ELSE 'not_completed' END)
    END AS outcome
FROM valued;
