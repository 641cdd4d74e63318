-- Purpose: feedback_linked_epic_share: share of a team's epics delivered in the 180 days up to
--          the as-of date that a customer-feedback item received by then links to, directly or
--          through an issue of the epic.
-- Grain: one row per team with delivered epics, once any feedback item is loaded.
-- Inputs: marts.fct_work_items, marts.fct_feedback_items; $as_of.
WITH linked_keys AS (
    SELECT DISTINCT unnest(jira_keys) AS issue_key
    FROM marts.fct_feedback_items
    WHERE received_date <= CAST($as_of AS DATE)
),
linked_epics AS (
    SELECT issue_key AS epic_key FROM linked_keys
    UNION
    SELECT w.epic_key
    FROM linked_keys k
    JOIN marts.fct_work_items w USING (issue_key)
    WHERE w.epic_key IS NOT NULL
),
delivered AS (
    SELECT w.team, w.issue_key, w.resolved_at, l.epic_key IS NOT NULL AS is_linked
    FROM marts.fct_work_items w
    LEFT JOIN linked_epics l ON l.epic_key = w.issue_key
    WHERE w.is_epic AND w.status_category = 'done'
      AND w.resolved_at < CAST($as_of AS DATE) + INTERVAL 1 DAY
      AND w.resolved_at >= CAST($as_of AS DATE) + INTERVAL 1 DAY - INTERVAL 180 DAY
      AND EXISTS (SELECT 1 FROM marts.fct_feedback_items)
)
SELECT
    team AS entity,
    100.0 * avg(is_linked::INTEGER) AS value,
    count(*) AS n_samples,
    min(resolved_at)::DATE AS window_start,
    max(resolved_at)::DATE AS window_end,
    {'linked_epics': count(*) FILTER (WHERE is_linked)} AS extras,
    coalesce(list(issue_key ORDER BY resolved_at, issue_key) FILTER (WHERE NOT is_linked), [])
        AS evidence,
    list(CASE WHEN is_linked THEN 100.0 ELSE 0.0 END ORDER BY resolved_at, issue_key) AS samples
FROM delivered
GROUP BY team
ORDER BY team;
