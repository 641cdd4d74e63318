-- Purpose: feedback_items_per_month: the lowest monthly count of customer-feedback items
--          received for a team over the last 6 complete calendar months before the as-of date.
-- Grain: one row per team with a Jira board or a feedback item, once any feedback is loaded.
-- Inputs: marts.fct_feedback_items, marts.dim_teams, last_periods (calendar_periods.sql);
--         $as_of.
WITH teams AS (
    SELECT team FROM marts.dim_teams
    UNION
    SELECT team FROM marts.fct_feedback_items WHERE team IS NOT NULL
),
per_month AS (
    SELECT t.team, m.period_start AS month_start, m.period_end AS month_end,
           count(f.feedback_id) AS items
    FROM teams t
    CROSS JOIN last_periods($as_of, 1, 6) m
    LEFT JOIN marts.fct_feedback_items f
        ON f.team = t.team AND f.received_date >= m.period_start AND f.received_date < m.period_end
    WHERE EXISTS (SELECT 1 FROM marts.fct_feedback_items)
    GROUP BY ALL
)
SELECT
    team AS entity,
    min(items) AS value,
    count(*) AS n_samples,
    min(month_start) AS window_start,
    (max(month_end) - INTERVAL 1 DAY)::DATE AS window_end,
    {'feedback_items': sum(items)} AS extras,
    list(strftime(month_start, '%Y-%m') || ': ' || items ORDER BY month_start) AS evidence,
    list(items ORDER BY month_start) AS samples
FROM per_month
GROUP BY team
ORDER BY team;
