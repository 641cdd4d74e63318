-- Purpose: not a model: the one-line agreement summary of Jira's sprint reports against the
--          reconstruction, for the run's output (warehouse.transform.reconciliation_summary).
-- Grain: one row. Inputs: marts.fct_sprints, marts.fct_sprint_issues,
--        marts.fct_sprint_reconciliation, staging.jira_sprint_report_issues.
WITH reported AS (
    SELECT source_name, board_id, sprint_id, is_reconciled
    FROM marts.fct_sprints WHERE figures_source = 'jira_sprint_report'
),
compared AS (
    SELECT source_name, board_id, sprint_id, issue_id FROM staging.jira_sprint_report_issues
    UNION
    SELECT i.source_name, i.board_id, i.sprint_id, i.issue_id
    FROM marts.fct_sprint_issues i
    SEMI JOIN reported USING (source_name, board_id, sprint_id)
    WHERE NOT i.is_subtask
),
reasons AS (
    SELECT coalesce(map_from_entries(list({'key': reason_class, 'value': n})),
                    MAP {}::MAP(VARCHAR, BIGINT)) AS by_reason
    FROM (SELECT reason_class, count(*) AS n FROM marts.fct_sprint_reconciliation GROUP BY ALL)
)
SELECT
    (SELECT count(*) FROM marts.fct_sprints WHERE state = 'closed') AS closed_sprints,
    (SELECT count(*) FROM reported) AS sprints_with_report,
    (SELECT count(*) FROM reported WHERE is_reconciled) AS sprints_reconciled,
    (SELECT count(*) FROM compared) AS issues_compared,
    (SELECT count(*) FROM marts.fct_sprint_reconciliation) AS issues_differing,
    (SELECT by_reason FROM reasons) AS differing_by_reason;
