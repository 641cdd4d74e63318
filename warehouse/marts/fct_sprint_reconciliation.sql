-- Purpose: Jira's sprint report against the reconstruction, issue by issue, for every sprint
--          where Jira gave a report: each issue whose outcome or estimates differ, with both
--          values and a reason class backed by evidence, tried in this order:
--          history_gap: the warehouse lacks the issue (or it was deleted in Jira since), or
--              its changelog does not chain (a change's "from" is not the previous change's
--              "to", or the last "to" is not the current value: histories are missing), or
--              Jira lists an issue with no Sprint history that the reconstruction cannot
--              place in the sprint;
--          board_remapped: the board has configurations whose Done columns differ, and the
--              issue's status at entry or completion is Done in one and not in another;
--          carry_over_timing: the issue's Sprint or status changed within 5 minutes of the
--              completion instant and the two sides agree on how it entered the sprint;
--          other.
--          Sub-tasks are left out on both sides: Jira's report never lists them.
-- Grain: one row per source, board, sprint and differing issue.
-- Inputs: staging.jira_sprint_report_issues, staging.jira_sprint_reports,
--         marts.fct_sprint_issues (the reconstruction), staging.jira_field_changes,
--         staging.jira_status_changes, staging.jira_issues,
--         staging.jira_issue_estimates, staging.jira_board_configs,
--         staging.jira_sprint_windows (T1).
DELETE FROM marts.fct_sprint_reconciliation;
INSERT INTO marts.fct_sprint_reconciliation BY NAME
WITH reported AS (
    SELECT source_name, board_id, sprint_id FROM staging.jira_sprint_reports WHERE has_report
),
ours AS (
    SELECT r.* FROM marts.fct_sprint_issues r
    SEMI JOIN reported USING (source_name, board_id, sprint_id)
    WHERE NOT r.is_subtask
),
-- Most sprints agree: compare a fingerprint of each side per sprint (sum and count of one
-- hash per issue, outcome and estimates) and go issue by issue only where they differ.
fingerprints AS (
    SELECT source_name, board_id, sprint_id, side, sum(h) AS total, count(*) AS issues
    FROM (
        SELECT source_name, board_id, sprint_id, 'jira' AS side,
               hash(issue_id, outcome, round(points_at_start, 6), round(points_at_end, 6)) AS h
        FROM staging.jira_sprint_report_issues
        UNION ALL
        SELECT source_name, board_id, sprint_id, 'ours',
               hash(issue_id, outcome, round(points_at_start, 6), round(points_at_end, 6))
        FROM ours
    )
    GROUP BY ALL
),
suspect AS (
    SELECT source_name, board_id, sprint_id
    FROM fingerprints
    GROUP BY ALL
    HAVING count(*) < 2 OR count(DISTINCT (total, issues)) > 1
),
compared AS (
    SELECT source_name, board_id, sprint_id, issue_id,
           coalesce(o.issue_key, j.issue_key) AS issue_key,
           j.outcome AS jira_outcome, o.outcome AS reconstructed_outcome,
           j.points_at_start AS jira_points_at_start,
           o.points_at_start AS reconstructed_points_at_start,
           j.points_at_end AS jira_points_at_end, o.points_at_end AS reconstructed_points_at_end,
           concat_ws(', ',
               CASE WHEN j.outcome IS DISTINCT FROM o.outcome THEN 'outcome' END,
               CASE WHEN round(j.points_at_start, 6) IS DISTINCT FROM round(o.points_at_start, 6)
                    THEN 'points_at_start' END,
               CASE WHEN round(j.points_at_end, 6) IS DISTINCT FROM round(o.points_at_end, 6)
                    THEN 'points_at_end' END) AS differs_in,
           o.status_at_entry, o.status_at_end
    FROM (SELECT * FROM staging.jira_sprint_report_issues
          SEMI JOIN suspect USING (source_name, board_id, sprint_id)) j
    FULL JOIN (SELECT * FROM ours SEMI JOIN suspect USING (source_name, board_id, sprint_id)) o
        USING (source_name, board_id, sprint_id, issue_id)
),
differing AS (
    -- T1 as the reconstruction read it (none where the board had no configuration then, and
    -- then there is no reconstruction to have timed differently either).
    SELECT d.*, w.t1
    FROM compared d
    LEFT JOIN staging.jira_sprint_windows w USING (source_name, board_id, sprint_id)
    WHERE d.differs_in <> ''
),
-- Evidence, computed for the differing issues only (most runs have none: reading the history
-- of every issue here cost 0.2 s of each nightly rebuild at 200,000 issues, for nothing).
tracked_changes AS (
    SELECT source_name, issue_id, field_key, field_id, changed_at, change_key, from_value,
           to_value
    FROM staging.jira_field_changes
    SEMI JOIN differing USING (source_name, issue_id)
    UNION ALL
    SELECT source_name, issue_id, 'status', 'status', changed_at, change_seq, from_status,
           to_status
    FROM staging.jira_status_changes
    SEMI JOIN differing USING (source_name, issue_id)
),
differing_issues AS (
    SELECT i.* FROM staging.jira_issues i SEMI JOIN differing USING (source_name, issue_id)
),
chain_breaks AS (
    SELECT source_name, issue_id, list(DISTINCT field_key ORDER BY field_key) AS fields,
           count(*) AS breaks
    FROM (
        SELECT c.source_name, c.issue_id, c.field_key,
               CASE WHEN c.field_key = 'sprint'
                        THEN list_sort(sprint_id_list(c.from_value))
                             IS DISTINCT FROM list_sort(sprint_id_list(lag(c.to_value) OVER w))
                    WHEN c.field_key = 'estimate'
                        THEN TRY_CAST(c.from_value AS DOUBLE)
                             IS DISTINCT FROM TRY_CAST(lag(c.to_value) OVER w AS DOUBLE)
                    ELSE c.from_value IS DISTINCT FROM lag(c.to_value) OVER w
               END AND row_number() OVER w > 1 AS is_break
        FROM tracked_changes c
        WINDOW w AS (PARTITION BY c.source_name, c.issue_id, c.field_id
                     ORDER BY c.change_key)
        UNION ALL
        -- the newest change must leave the value the issue holds now
        SELECT c.source_name, c.issue_id, c.field_key,
               CASE WHEN c.field_key = 'sprint'
                        THEN list_sort(sprint_id_list(c.to_value))
                             IS DISTINCT FROM list_sort(i.sprint_ids)
                    WHEN c.field_key = 'estimate'
                        THEN TRY_CAST(c.to_value AS DOUBLE) IS DISTINCT FROM e.points
                    ELSE c.to_value IS DISTINCT FROM i.status_id
               END
        FROM tracked_changes c
        JOIN differing_issues i USING (source_name, issue_id)
        LEFT JOIN staging.jira_issue_estimates e
            ON e.source_name = c.source_name AND e.issue_id = c.issue_id AND e.field_id = c.field_id
        QUALIFY row_number() OVER (
            PARTITION BY c.source_name, c.issue_id, c.field_id
            ORDER BY c.change_key DESC) = 1
    )
    WHERE is_break
    GROUP BY ALL
),
sprint_history AS (
    SELECT source_name, issue_id, count(*) AS sprint_changes
    FROM staging.jira_field_changes
    SEMI JOIN differing USING (source_name, issue_id)
    WHERE field_key = 'sprint'
    GROUP BY ALL
),
remaps AS (
    -- Boards whose configurations disagree on Done: the statuses Done in some but not all.
    SELECT source_name, board_id,
           list_distinct(flatten(list(done_status_ids))) AS ever_done,
           list_reduce(list(done_status_ids), lambda a, b: list_intersect(a, b)) AS always_done,
           string_agg(strftime(valid_from, '%Y-%m-%d') || ': '
                          || array_to_string(done_status_ids, '+'), '; ' ORDER BY valid_from)
               AS versions
    FROM staging.jira_board_configs
    GROUP BY ALL
    HAVING count(DISTINCT list_sort(done_status_ids)) > 1
),
boundary AS (
    SELECT d.source_name, d.board_id, d.sprint_id, d.issue_id,
           arg_min(epoch(c.changed_at - d.t1), abs(epoch(c.changed_at - d.t1)))
               AS seconds_from_completion,
           arg_min(c.field_key, abs(epoch(c.changed_at - d.t1))) AS field_key
    FROM differing d
    JOIN tracked_changes c
        ON c.source_name = d.source_name AND c.issue_id = d.issue_id
       AND c.field_key IN ('sprint', 'status')
       AND c.changed_at BETWEEN d.t1 - INTERVAL 5 MINUTE AND d.t1 + INTERVAL 5 MINUTE
    GROUP BY ALL
),
evidence AS (
    SELECT d.*, cb.breaks, cb.fields AS broken_fields, rm.versions AS board_versions,
           b.field_key AS boundary_field, b.seconds_from_completion,
           i.issue_id IS NULL AS is_missing,
           coalesce(i.is_deleted, false) AS is_deleted,
           d.reconstructed_outcome IS NULL AND sh.sprint_changes IS NULL AS has_no_sprint_history,
           rm.board_id IS NOT NULL AND (
               list_contains(rm.ever_done, d.status_at_end)
                   <> list_contains(rm.always_done, d.status_at_end)
               OR list_contains(rm.ever_done, d.status_at_entry)
                   <> list_contains(rm.always_done, d.status_at_entry)) AS is_remap_sensitive,
           b.issue_id IS NOT NULL
               AND split_part(d.jira_outcome, '_', 1)
                   IS NOT DISTINCT FROM split_part(d.reconstructed_outcome, '_', 1)
               AS is_at_completion
    FROM differing d
    LEFT JOIN differing_issues i USING (source_name, issue_id)
    LEFT JOIN chain_breaks cb USING (source_name, issue_id)
    LEFT JOIN sprint_history sh USING (source_name, issue_id)
    LEFT JOIN remaps rm USING (source_name, board_id)
    LEFT JOIN boundary b USING (source_name, board_id, sprint_id, issue_id)
)
SELECT
    source_name, board_id, sprint_id, issue_id, issue_key, jira_outcome, reconstructed_outcome,
    jira_points_at_start, reconstructed_points_at_start, jira_points_at_end,
    reconstructed_points_at_end, differs_in,
    CASE
        WHEN is_missing OR is_deleted OR breaks > 0 OR has_no_sprint_history THEN 'history_gap'
        WHEN is_remap_sensitive THEN 'board_remapped'
        WHEN is_at_completion THEN 'carry_over_timing'
        ELSE 'other'
    END AS reason_class,
    CASE
        WHEN is_missing
            THEN 'Jira lists ' || issue_key || ', which the warehouse does not hold'
                 || ' (not synced, or outside the synced projects)'
        WHEN is_deleted
            THEN 'the issue was deleted in Jira after the report was taken'
                 || ' (the id sweep no longer finds it)'
        WHEN breaks > 0
            THEN breaks || ' gap(s) in the changelog of ' || array_to_string(broken_fields, ', ')
                 || ': a change does not start from the value the previous one left,'
                 || ' or the last one does not end at the current value'
        WHEN has_no_sprint_history
            THEN 'Jira lists the issue but its changelog has no Sprint change and its Sprint'
                 || ' field does not place it in the sprint'
        WHEN is_remap_sensitive
            THEN 'the board''s Done column changed (' || board_versions || '); status at entry '
                 || coalesce(status_at_entry, '?') || ', at completion '
                 || coalesce(status_at_end, '?')
        WHEN is_at_completion
            THEN 'a ' || boundary_field || ' change ' || round(seconds_from_completion, 3)
                 || ' s from the completion instant'
        ELSE 'no gap, remapping or completion-time change found'
    END AS reason
FROM evidence;
