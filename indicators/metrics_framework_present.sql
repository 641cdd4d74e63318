-- Purpose: metrics_framework_present: 1 when the metrics dictionary existed on the as-of date,
--          names a north star and at least one driver, and changed in the 180 days up to the
--          as-of date; else 0.
-- Grain: one row (the organisation) while the dictionary's repository is found; none otherwise.
-- Inputs: marts.fct_metrics_dictionary, marts.fct_document_commits; $as_of.
WITH history AS (
    SELECT d.source_name, max(c.committed_at) AS last_at
    FROM marts.fct_metrics_dictionary d
    JOIN marts.fct_document_commits c
        ON c.source_name = d.source_name AND c.repo_full_name = d.repo_full_name
       AND c.path = d.path
    WHERE c.committed_at < $as_of::DATE + INTERVAL 1 DAY
    GROUP BY d.source_name
),
judged AS (
    SELECT d.*, h.last_at,
           date_diff('day', h.last_at::DATE, $as_of::DATE) AS days_since_change,
           coalesce(d.is_present AND h.last_at IS NOT NULL AND d.has_north_star
                    AND d.drivers_count >= 1
                    AND date_diff('day', h.last_at::DATE, $as_of::DATE) < 180, false)
               AS is_framework
    FROM marts.fct_metrics_dictionary d
    LEFT JOIN history h USING (source_name)
)
SELECT
    'organisation' AS entity,
    is_framework::INTEGER AS value,
    1 AS n_samples,
    coalesce(last_at::DATE, least($as_of::DATE, observed_at::DATE)) AS window_start,
    least($as_of::DATE, observed_at::DATE) AS window_end,
    {'has_north_star': has_north_star::INTEGER, 'drivers_count': drivers_count,
     'days_since_change': days_since_change} AS extras,
    CASE WHEN is_present THEN [repo_full_name || ':' || path] ELSE [] END AS evidence,
    [is_framework::INTEGER] AS samples
FROM judged;
