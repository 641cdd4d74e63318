-- Purpose: replace the indicator values of the as-of dates just computed (a rerun replaces,
--          never duplicates). Grain: marts.fct_indicator_values, one row per entity,
--          indicator and as-of date. Inputs: indicator_frame (registered by store.py).
DELETE FROM marts.fct_indicator_values
WHERE as_of_date IN (SELECT DISTINCT as_of_date FROM indicator_frame);
INSERT INTO marts.fct_indicator_values
    (entity_type, entity, indicator_id, as_of_date, window_start, window_end, value, unit,
     n_samples, details, run_id)
SELECT entity_type, entity, indicator_id, as_of_date, window_start, window_end, value, unit,
       n_samples, details::JSON, run_id
FROM indicator_frame;
