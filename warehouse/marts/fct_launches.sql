-- Purpose: every launch with what launch success is made of (seed 001): on time (actual date
--          no later than the planned date plus the source's tolerance), fully GTM-ready (a
--          checklist whose every item was done by the launch date; an item done without a
--          date counts as done by the launch) and its first-quarter adoption target met. Facts
--          that depend on the as-of date (has the first quarter ended?) are left to the
--          indicators: here a launch with a target and no actual yet has is_adoption_hit null.
-- Grain: fct_launches: one row per source and launch. fct_launch_items: one row per item.
-- Inputs: staging.launches, staging.launch_items.
DELETE FROM marts.fct_launch_items;
INSERT INTO marts.fct_launch_items BY NAME
SELECT i.source_name, i.launch_id, l.team, i.item_position, i.item_name, i.item_depth,
       i.is_done, i.done_date,
       i.is_done AND (i.done_date IS NULL OR l.actual_date IS NULL
                      OR i.done_date <= l.actual_date) AS is_done_by_launch,
       i.row_number
FROM staging.launch_items i
JOIN staging.launches l USING (source_name, launch_id);

DELETE FROM marts.fct_launches;
INSERT INTO marts.fct_launches BY NAME
WITH checklists AS (
    SELECT source_name, launch_id, count(*) AS items_total,
           count(*) FILTER (WHERE is_done) AS items_done,
           count(*) FILTER (WHERE is_done_by_launch) AS items_done_by_launch
    FROM marts.fct_launch_items
    GROUP BY ALL
),
launches AS (
    SELECT l.*, coalesce(c.items_total, 0) AS items_total, coalesce(c.items_done, 0) AS items_done,
           coalesce(c.items_done_by_launch, 0) AS items_done_by_launch,
           l.actual_date IS NOT NULL AS is_launched,
           CAST(l.actual_date - l.planned_date AS INTEGER) AS days_late
    FROM staging.launches l
    LEFT JOIN checklists c USING (source_name, launch_id)
)
SELECT source_name, launch_id, launch_name, team, team_as_written, planned_date, actual_date,
       coalesce(actual_date, planned_date) AS launch_date, is_launched, days_late,
       on_time_tolerance_days,
       days_late <= on_time_tolerance_days AS is_on_time,
       items_total > 0 AS has_checklist, items_total, items_done, items_done_by_launch,
       CASE WHEN NOT is_launched THEN NULL
            ELSE items_total > 0 AND items_done_by_launch = items_total END AS is_gtm_ready,
       adoption_target, adoption_actual,
       CAST(actual_date + INTERVAL 90 DAY AS DATE) AS adoption_due_date,
       CASE WHEN NOT is_launched THEN NULL
            WHEN adoption_target IS NULL THEN false
            ELSE adoption_actual >= adoption_target END AS is_adoption_hit,
       (days_late <= on_time_tolerance_days)
           AND (CASE WHEN NOT is_launched THEN NULL
                     ELSE items_total > 0 AND items_done_by_launch = items_total END)
           AND (CASE WHEN NOT is_launched THEN NULL
                     WHEN adoption_target IS NULL THEN false
                     ELSE adoption_actual >= adoption_target END) AS is_successful,
       file_path, row_number
FROM launches;
