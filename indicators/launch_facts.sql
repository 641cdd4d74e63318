-- Purpose: every launch as it stood on an as-of date, shared by the launch indicators:
--          launched (an actual date on or before it), the date that places it in a window
--          (actual when launched, else planned), on time (launched within the tolerance; a
--          launch not launched by its planned date plus tolerance is late already; null while
--          not yet due or without a planned date), GTM-ready (launched launches only) and its
--          first-quarter adoption target met (false without a target, or when 90 days passed
--          without an actual; null while the quarter runs without an actual). A launch kept
--          in two places (an export and a launch doc on GitHub, say: the same team and launch
--          id) counts once: the record with the fuller checklist, then the first source by name.
-- Grain: one row per team and launch id with a planned or actual date.
-- Inputs: marts.fct_launches.
CREATE OR REPLACE TEMP MACRO launch_facts(as_of) AS TABLE
WITH launches AS (
    SELECT *, actual_date IS NOT NULL AND actual_date <= CAST(as_of AS DATE) AS launched
    FROM marts.fct_launches
    WHERE coalesce(actual_date, planned_date) IS NOT NULL
    QUALIFY row_number() OVER (
        PARTITION BY team, launch_id ORDER BY items_total DESC, source_name) = 1
)
SELECT source_name, launch_id, team, has_checklist, launched,
       CASE WHEN launched THEN actual_date ELSE planned_date END AS window_date,
       CASE WHEN planned_date IS NULL THEN NULL
            WHEN launched THEN days_late <= on_time_tolerance_days
            WHEN planned_date + on_time_tolerance_days < CAST(as_of AS DATE) THEN false
       END AS on_time,
       CASE WHEN launched THEN is_gtm_ready END AS gtm_ready,
       CASE WHEN NOT launched THEN NULL
            WHEN adoption_target IS NULL THEN false
            WHEN adoption_actual IS NOT NULL THEN adoption_actual >= adoption_target
            WHEN adoption_due_date <= CAST(as_of AS DATE) THEN false
       END AS adoption_hit
FROM launches;
