-- Purpose: the configured cost of PM time, for pm_time_value and for BI.
-- Grain: one row per configured team, and one for the organisation.
-- Inputs: cfg_team_costs, cfg_costs (config).
DELETE FROM marts.dim_pm_costs;
INSERT INTO marts.dim_pm_costs BY NAME
SELECT 'team' AS scope, t.team AS entity, t.pm_headcount, c.pm_hourly_rate, c.currency,
       c.weeks_per_month
FROM cfg_team_costs t
CROSS JOIN cfg_costs c
UNION ALL
SELECT 'organisation', 'organisation', pm_headcount, pm_hourly_rate, currency, weeks_per_month
FROM cfg_costs;
