-- Purpose: the last complete calendar periods (months, quarters) before an as-of date, shared
--          by the indicators that count per month or per quarter. A period ending on the as-of
--          date is complete; `months` is the length of a period (1: months, 3: quarters).
-- Grain: one row per period: period_start (first day), period_end (first day after).
-- Inputs: none.
CREATE OR REPLACE TEMP MACRO last_periods(as_of, months, periods) AS TABLE
WITH current_period AS (
    SELECT (m - to_months(CAST((month(m) - 1) % months AS INTEGER)))::DATE AS start
    FROM (SELECT date_trunc('month', CAST(as_of AS DATE) + INTERVAL 1 DAY) AS m)
)
SELECT (start - to_months(CAST(months * k AS INTEGER)))::DATE AS period_start,
       (start - to_months(CAST(months * (k - 1) AS INTEGER)))::DATE AS period_end
FROM current_period, range(1, periods + 1) AS t(k);
