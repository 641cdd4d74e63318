-- Purpose: outcome_trend: per metric and team (or the organisation, for observations without a
--          team), the change from the earliest to the latest observation of the last 365 days
--          in percent, with the least-squares slope per month.
-- Grain: one row per entity and metric with observations in the window; `entity` is
--        entity type, entity and metric joined by U+001F (outcome_trend.py splits it).
-- Inputs: marts.fct_outcome_metrics; $as_of.
WITH observed AS (
    SELECT CASE WHEN team_as_written IS NULL THEN 'organisation' ELSE 'team' END AS entity_type,
           coalesce(team, 'organisation') AS entity, metric, metric_date, value
    FROM marts.fct_outcome_metrics
    WHERE (team IS NOT NULL OR team_as_written IS NULL)
      AND metric_date <= CAST($as_of AS DATE) AND metric_date > CAST($as_of AS DATE) - 365
)
SELECT entity_type || chr(31) || entity || chr(31) || metric AS entity,
       CASE WHEN count(*) >= 2 AND arg_min(value, metric_date) <> 0 THEN
           100.0 * (arg_max(value, metric_date) - arg_min(value, metric_date))
               / abs(arg_min(value, metric_date))
       END AS value,
       count(*) AS n_samples,
       min(metric_date) AS window_start,
       max(metric_date) AS window_end,
       {'latest_value': arg_max(value, metric_date),
        'earliest_value': arg_min(value, metric_date),
        'slope_per_month': regr_slope(value, epoch(metric_date) / 86400.0) * 30.44} AS extras,
       list(strftime(metric_date, '%Y-%m-%d') ORDER BY metric_date) AS evidence
FROM observed
GROUP BY entity_type, entity, metric
ORDER BY entity_type, entity, metric;
