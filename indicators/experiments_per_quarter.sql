-- Purpose: experiments_per_quarter: mean number of experiment-labelled issues and pull requests
--          opened per quarter in a team's repositories, over the last 2 complete calendar
--          quarters before the as-of date (a quarter ending on the as-of date is complete).
-- Grain: one row per team with at least one repository found on GitHub.
-- Inputs: marts.fct_experiments, marts.dim_team_repos; $as_of.
WITH bounds AS (
    SELECT date_trunc('quarter', $as_of::DATE + INTERVAL 1 DAY)::DATE AS current_quarter
),
quarters AS (
    SELECT (current_quarter - INTERVAL 6 MONTH)::DATE AS quarter_start, 1 AS position FROM bounds
    UNION ALL
    SELECT (current_quarter - INTERVAL 3 MONTH)::DATE, 2 FROM bounds
),
teams AS (
    SELECT DISTINCT team FROM marts.dim_team_repos WHERE is_available
),
per_quarter AS (
    SELECT t.team, q.quarter_start, q.position,
           count(e.number) AS experiments,
           count(e.number) FILTER (WHERE e.is_pull_request) AS pull_requests,
           coalesce(list(e.repo_full_name || '#' || e.number ORDER BY e.created_at, e.number)
                        FILTER (WHERE e.number IS NOT NULL), []) AS ids
    FROM teams t
    CROSS JOIN quarters q
    LEFT JOIN marts.fct_experiments e
        ON e.team = t.team AND e.quarter_start_date = q.quarter_start
    GROUP BY t.team, q.quarter_start, q.position
)
SELECT
    team AS entity,
    avg(experiments) AS value,
    count(*) AS n_samples,
    min(quarter_start) AS window_start,
    (max(quarter_start) + INTERVAL 3 MONTH - INTERVAL 1 DAY)::DATE AS window_end,
    {'experiments': sum(experiments), 'pull_requests': sum(pull_requests),
     'issues': sum(experiments) - sum(pull_requests)} AS extras,
    flatten(list(ids ORDER BY position)) AS evidence,
    list(experiments ORDER BY position) AS samples
FROM per_quarter
GROUP BY team
ORDER BY team;
