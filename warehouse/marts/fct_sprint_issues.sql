-- Purpose: the outcome of every issue in every sprint, reconstructed from the issue history
--          with Jira's sprint-report semantics (JIRA.md; the replay with every intermediate
--          value is the build's temporary table jira_sprint_issue_replay): committed = in the
--          sprint at its start T0 and not already done; added = entered in (T0, T1]; removed =
--          not in the sprint at completion T1; completed = in the sprint and in the board's
--          Done column at T1; completed_in_another_sprint = already done when it entered.
--          Carry-over keeps the closed sprint in the Sprint field, so it is not a removal. The
--          statuses at entry and at the end are the evidence for completed or not. This table
--          is always the reconstruction, also where Jira's report exists: it is what explains
--          a difference (marts.fct_sprint_reconciliation).
-- Grain: one row per source, board, sprint and issue.
-- Inputs: temp.jira_sprint_issue_replay (staging/jira_sprint_replay.sql).
DELETE FROM marts.fct_sprint_issues;
INSERT INTO marts.fct_sprint_issues BY NAME
SELECT source_name, board_id, sprint_id, issue_key, issue_id, outcome, points_at_start,
       points_at_end, entered_at, left_at, is_subtask, status_at_entry, status_at_end
FROM temp.jira_sprint_issue_replay;
