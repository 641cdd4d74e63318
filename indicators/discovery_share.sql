-- Purpose: discovery_share: the lowest quarterly share of discovery items among a team's work
--          items created in each of the last 2 complete calendar quarters before the as-of date.
-- Grain: one row per team with work items.
-- Inputs: marts.fct_work_items, last_periods (calendar_periods.sql); $as_of.
WITH per_quarter AS (
    SELECT w.team, q.period_start AS quarter_start, q.period_end AS quarter_end,
           count(*) AS work_items,
           count(*) FILTER (WHERE w.is_discovery) AS discovery_items
    FROM marts.fct_work_items w
    JOIN last_periods($as_of, 3, 2) q
        ON w.created_at >= q.period_start AND w.created_at < q.period_end
    WHERE NOT w.is_epic
    GROUP BY ALL
)
SELECT
    team AS entity,
    min(100.0 * discovery_items / work_items) AS value,
    count(*) AS n_samples,
    min(quarter_start) AS window_start,
    (max(quarter_end) - INTERVAL 1 DAY)::DATE AS window_end,
    {'discovery_items': sum(discovery_items), 'work_items': sum(work_items)} AS extras,
    list(year(quarter_start) || '-Q' || quarter(quarter_start) || ': ' || discovery_items
         || ' of ' || work_items ORDER BY quarter_start) AS evidence,
    list(100.0 * discovery_items / work_items ORDER BY quarter_start) AS samples
FROM per_quarter
GROUP BY team
ORDER BY team;
