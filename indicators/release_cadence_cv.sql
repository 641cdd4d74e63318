-- Purpose: release_cadence_cv: coefficient of variation (population std / mean) of the days
--          between consecutive releases of each of a team's repositories, pooled, over the
--          releases published in the 180 days up to the as-of date.
-- Grain: one row per team with at least one release in the window.
-- Inputs: marts.fct_releases; $as_of.
WITH releases AS (
    SELECT team, source_name, repo_full_name, tag_name, released_at
    FROM marts.fct_releases
    WHERE counts_for_cadence
      AND released_at < $as_of::DATE + INTERVAL 1 DAY
      AND released_at >= $as_of::DATE - INTERVAL 179 DAY
),
intervals AS (
    SELECT *,
           epoch(released_at - lag(released_at) OVER (
               PARTITION BY team, source_name, repo_full_name ORDER BY released_at, tag_name))
               / 86400.0 AS interval_days
    FROM releases
)
SELECT
    team AS entity,
    stddev_pop(interval_days) / nullif(avg(interval_days), 0) AS value,
    count(interval_days) AS n_samples,
    min(released_at)::DATE AS window_start,
    max(released_at)::DATE AS window_end,
    {'median_interval_days': median(interval_days), 'mean_interval_days': avg(interval_days),
     'releases': count(*)} AS extras,
    list(repo_full_name || '@' || tag_name ORDER BY released_at, tag_name) AS evidence,
    list(interval_days ORDER BY released_at, repo_full_name, tag_name)
        FILTER (WHERE interval_days IS NOT NULL) AS samples
FROM intervals
GROUP BY team
ORDER BY team;
