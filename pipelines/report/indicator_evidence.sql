-- Purpose: the value of chosen indicators for every team as of the report's date: the launch
--          and PM-overhead evidence charts.
-- Grain: one row per team and indicator. Inputs: marts.fct_indicator_values; $as_of,
--        $indicators.
SELECT entity, indicator_id, value, unit, n_samples
FROM marts.fct_indicator_values
WHERE entity_type = 'team' AND as_of_date = $as_of AND list_contains($indicators, indicator_id)
  AND value IS NOT NULL
ORDER BY indicator_id, entity;
